import { isCommandName } from './channels';
import type { CommandName, CommandPayload } from './commands';
import type { ClientMode, RedirectMode } from './events';
import { isHostName } from './hosts';
import { isSignalName } from './signals';

export const MAX_CLIENTS = 200;
export const MAX_ALARM_SECONDS = 86_400;
export const MAX_ARGV_ITEMS = 256;
export const MAX_ARG_LENGTH = 8_192;

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/** A command whose name and payload have both been checked. */
export type ValidCommand = { [C in CommandName]: { name: C; payload: CommandPayload<C> } }[CommandName];

const CLIENT_MODES: readonly ClientMode[] = ['process', 'thread', 'python'];
const REDIRECT_MODES: readonly RedirectMode[] = ['pipe', 'socket'];

class PayloadError extends Error {}

function fail(message: string): never {
  throw new PayloadError(message);
}

function record(payload: unknown): Record<string, unknown> {
  if (payload === undefined) return {};
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    fail('payload must be an object');
  }
  return payload as Record<string, unknown>;
}

function onlyKeys(obj: Record<string, unknown>, allowed: readonly string[]): void {
  const unknownKey = Object.keys(obj).find((key) => !allowed.includes(key));
  if (unknownKey !== undefined) fail(`unknown field "${unknownKey}"`);
}

function integerIn(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, name: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !options.includes(value as T)) {
    fail(`${name} must be one of ${options.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') fail(`${name} must be true or false`);
  return value;
}

function signalName(value: unknown) {
  if (!isSignalName(value)) fail(`unknown or unsupported signal ${JSON.stringify(value)}`);
  return value;
}

function host(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !isHostName(value)) {
    fail(`host must be an IP address or a host name, got ${JSON.stringify(value)}`);
  }
  return value;
}

function argv(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ARGV_ITEMS) {
    fail(`argv must be a list of 1 to ${MAX_ARGV_ITEMS} strings`);
  }
  for (const arg of value) {
    if (typeof arg !== 'string' || arg.length > MAX_ARG_LENGTH || arg.includes('\0')) {
      fail(`each argument must be a string of at most ${MAX_ARG_LENGTH} characters with no NUL`);
    }
  }
  if (value[0] === '') fail('the command is empty');
  return value as string[];
}

function noFields(raw: Record<string, unknown>): Record<string, never> {
  onlyKeys(raw, []);
  return {};
}

const payloadCheckers: { [C in CommandName]: (raw: Record<string, unknown>) => CommandPayload<C> } = {
  'lab:hello': noFields,
  'echo:stop': noFields,
  'alarm:cancel': noFields,
  'echo:start': (raw) => {
    onlyKeys(raw, ['host', 'port']);
    const port = raw.port === undefined ? undefined : integerIn(raw.port, 'port', 0, 65_535);
    return { host: host(raw.host), port };
  },
  'clients:spawn': (raw) => {
    onlyKeys(raw, ['count', 'mode']);
    return {
      count: integerIn(raw.count, 'count', 1, MAX_CLIENTS),
      mode: oneOf(raw.mode, 'mode', CLIENT_MODES),
    };
  },
  'signal:send': (raw) => {
    onlyKeys(raw, ['signal', 'target']);
    const target = raw.target === 'app' ? 'app' : integerIn(raw.target, 'target pid', 1, 2 ** 31 - 1);
    return { signal: signalName(raw.signal), target };
  },
  'signal:spawn-target': (raw) => {
    onlyKeys(raw, ['signal']);
    return { signal: signalName(raw.signal) };
  },
  'alarm:arm': (raw) => {
    onlyKeys(raw, ['seconds', 'repeat']);
    return {
      seconds: integerIn(raw.seconds, 'seconds', 0, MAX_ALARM_SECONDS),
      repeat: optionalBoolean(raw.repeat, 'repeat'),
    };
  },
  'script:run': (raw) => {
    onlyKeys(raw, ['argv', 'cwd', 'mode', 'shell']);
    if (raw.cwd !== undefined && (typeof raw.cwd !== 'string' || raw.cwd.includes('\0'))) {
      fail('cwd must be a path');
    }
    return {
      argv: argv(raw.argv),
      cwd: raw.cwd as string | undefined,
      mode: oneOf(raw.mode, 'mode', REDIRECT_MODES),
      shell: optionalBoolean(raw.shell, 'shell'),
    };
  },
};

/** Checks a command from across a process boundary: its name and every field of its payload. */
export function validateCommand(name: unknown, payload: unknown): Checked<ValidCommand> {
  if (!isCommandName(name)) return { ok: false, error: `unknown command ${JSON.stringify(name)}` };
  try {
    const check = payloadCheckers[name] as (raw: Record<string, unknown>) => CommandPayload<CommandName>;
    return { ok: true, value: { name, payload: check(record(payload)) } as ValidCommand };
  } catch (error) {
    if (error instanceof PayloadError) return { ok: false, error: `${name}: ${error.message}` };
    throw error;
  }
}
