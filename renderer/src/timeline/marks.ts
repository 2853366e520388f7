/** What a drawn marker stands for; one glyph and colour each. */
export const Mark = {
  None: 0,
  DataIn: 1,
  Extra: 2,
  Reply: 3,
  Error: 4,
  Spawn: 5,
  Exit: 6,
  Output: 7,
  Signal: 8,
  TargetSignal: 9,
  AlarmArmed: 10,
  AlarmCancelled: 11,
} as const;
export type Mark = (typeof Mark)[keyof typeof Mark];

const MARK_OF_KIND: Readonly<Record<string, Mark>> = {
  'conn:data': Mark.DataIn,
  'conn:extra': Mark.Extra,
  'conn:reply': Mark.Reply,
  'conn:error': Mark.Error,
  'client:spawn': Mark.Spawn,
  'client:exit': Mark.Exit,
  // The composer's connection drawn as a client's life: connect as its start, close as its end.
  'composer:open': Mark.Spawn,
  'composer:sent': Mark.DataIn,
  'composer:received': Mark.Reply,
  'composer:error': Mark.Error,
  'composer:closed': Mark.Exit,
  'script:output': Mark.Output,
  'script:exit': Mark.Exit,
  // A traced program: its calls as data, the signals it got as flags on its lane.
  'trace:process': Mark.Spawn,
  'trace:call': Mark.DataIn,
  'trace:signal': Mark.Signal,
  'trace:exit': Mark.Exit,
  'signal:received': Mark.Signal,
  'target:signal': Mark.TargetSignal,
  'alarm:armed': Mark.AlarmArmed,
  'alarm:cancelled': Mark.AlarmCancelled,
};

export function markOfKind(kind: string): Mark {
  return MARK_OF_KIND[kind] ?? Mark.None;
}
