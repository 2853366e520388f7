import type { LabEvent, LabEventKind } from '../../../contract/events';
import { isSignalName } from '../../../contract/signals';

/** A field's type: number, string, boolean, optional number, optional true, nullable, string list, or one of a set. */
type Field = 'n' | 's' | 'b' | 'n?' | 'true?' | 'n|null' | 's|null' | 's[]' | 'signal' | readonly string[];

const MODE = ['process', 'thread', 'python'] as const;
const STREAM = ['stdout', 'stderr'] as const;

/** Every event kind's fields, so a file cannot smuggle a shape the views do not expect. */
const FIELDS = {
  'server:listening': { host: 's', port: 'n' },
  'server:stopped': { host: 's', port: 'n' },
  'server:error': { host: 's', port: 'n', code: 's', message: 's' },
  'conn:open': {
    connId: 'n',
    role: ['echo', 'redirect'],
    remoteAddress: 's',
    remotePort: 'n',
    localPort: 'n',
  },
  'conn:data': { connId: 'n', data: 's', size: 'n' },
  'conn:extra': { connId: 'n', data: 's', size: 'n', ignored: 'true?' },
  'conn:reply': { connId: 'n', text: 's', size: 'n' },
  'conn:close': {
    connId: 'n',
    cause: ['client', 'server', 'idle-timeout', 'error'],
    bytesIn: 'n',
    bytesOut: 'n',
  },
  'conn:error': { connId: 'n', code: 's', message: 's' },
  'conn:refused': { remoteAddress: 's', remotePort: 'n', total: 'n', limit: 'n' },
  'conn:peer': { connId: 'n', pid: 'n|null', command: 's|null' },
  'conn:identified': { connId: 'n', runId: 'n', clientId: 's' },
  'run:start': { runId: 'n', mode: MODE, count: 'n' },
  'run:end': { runId: 'n', accepted: 's[]', replied: 's[]', exited: 's[]' },
  'client:spawn': { runId: 'n', clientId: 's', mode: MODE, pid: 'n', thread: 'n?' },
  'client:output': { runId: 'n', clientId: 's', stream: STREAM, text: 's' },
  'client:exit': { runId: 'n', clientId: 's', pid: 'n', code: 'n|null', signal: 's|null' },
  'signal:received': { signal: 'signal', number: 'n', source: ['button', 'external', 'alarm'], pid: 'n' },
  'signal:sent': { signal: 'signal', number: 'n', pid: 'n', target: ['app', 'child'] },
  'child:state': { pid: 'n', state: ['stopped', 'continued'] },
  'target:spawn': { pid: 'n', signal: 'signal', number: 'n' },
  'target:signal': { pid: 'n', signal: 'signal', number: 'n', line: 's' },
  'target:exit': { pid: 'n', code: 'n|null', signal: 's|null' },
  'alarm:armed': { seconds: 'n', repeat: 'b', deadline: 'n', previousRemaining: 'n' },
  'alarm:cancelled': { remaining: 'n' },
  'alarm:fired': { repeat: 'b' },
  'script:start': {
    scriptId: 'n',
    argv: 's[]',
    cwd: 's',
    mode: ['pipe', 'socket'],
    shell: 'b',
    pid: 'n',
    connId: 'n?',
  },
  'script:output': { scriptId: 'n', stream: STREAM, text: 's' },
  'script:dropped': { scriptId: 'n', stream: STREAM, bytes: 'n', limit: 'n' },
  'script:exit': { scriptId: 'n', pid: 'n', code: 'n|null', signal: 's|null' },
  'script:error': { scriptId: 'n', argv: 's[]', message: 's' },
  'log:evicted': { count: 'n', total: 'n', capacity: 'n', maxBytes: 'n?' },
} as const satisfies Record<LabEventKind, Record<string, Field>>;

// Each kind's fields as a list, built once: the check runs for every line of a file.
const FIELD_LISTS = new Map<string, readonly [string, Field][]>(
  Object.entries(FIELDS).map(([kind, fields]) => [kind, Object.entries(fields) as [string, Field][]]),
);

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function fits(field: Field, value: unknown): boolean {
  if (typeof field !== 'string') return typeof value === 'string' && field.includes(value);
  switch (field) {
    case 'n':
      return isNumber(value);
    case 's':
      return typeof value === 'string';
    case 'b':
      return typeof value === 'boolean';
    case 'n?':
      return value === undefined || isNumber(value);
    case 'true?':
      return value === undefined || value === true;
    case 'n|null':
      return value === null || isNumber(value);
    case 's|null':
      return value === null || typeof value === 'string';
    case 's[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'signal':
      return isSignalName(value);
  }
}

/** The event, if `value` is one this version knows; otherwise what is wrong with it. */
export function checkEvent(value: unknown): LabEvent | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  const { kind, seq, t } = record;
  if (typeof kind !== 'string') return 'no event kind';
  const fields = FIELD_LISTS.get(kind);
  if (!fields) return `unknown event kind "${kind}"`;
  if (!isNumber(seq) || !Number.isInteger(seq) || seq < 1) return 'seq must be a whole number from 1';
  if (!isNumber(t)) return 't must be a number (µs)';
  for (const [key, field] of fields) {
    if (!fits(field, record[key])) return `${kind}: field "${key}" is missing or has the wrong type`;
  }
  return value as LabEvent;
}
