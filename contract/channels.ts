import type { CommandName } from './commands';

/** Every channel that crosses a process boundary, namespaced `domain:action`. */
export const Channels = {
  command: 'lab:command',
  events: 'lab:events',
  menu: 'menu:action',
  sessionFile: 'session-file:opened',
} as const;

export const COMMAND_NAMES = [
  'lab:hello',
  'echo:start',
  'echo:stop',
  'clients:spawn',
  'signal:send',
  'signal:spawn-target',
  'alarm:arm',
  'alarm:cancel',
  'script:run',
] as const satisfies readonly CommandName[];

export function isCommandName(value: unknown): value is CommandName {
  return typeof value === 'string' && (COMMAND_NAMES as readonly string[]).includes(value);
}
