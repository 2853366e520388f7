import { describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  type CommandName,
  type CommandPayload,
  isCommandName,
  isMenuAction,
  isOpenedSessionFile,
  validateCommand,
} from '../../contract';

/** A valid payload for every command; typed, so that it follows the schemas. */
const VALID: { [C in CommandName]: CommandPayload<C> } = {
  'lab:hello': {},
  'echo:start': { host: '127.0.0.1', port: 5000 },
  'echo:stop': {},
  'clients:spawn': { count: 5, mode: 'thread' },
  'signal:send': { signal: 'SIGUSR2', target: 'app' },
  'signal:spawn-target': { signal: 'SIGTERM' },
  'alarm:arm': { seconds: 3, repeat: true },
  'alarm:cancel': {},
  'script:run': { argv: ['ls', '-l'], cwd: '/tmp', mode: 'socket', shell: false },
  'trace:run': { argv: ['python3', 'signal1.py', '12'], cwd: '/tmp', shell: false },
  'trace:attach': { pid: 4242 },
  'trace:stop': { traceId: 1 },
  'composer:send': { message: 'ff 00', format: 'hex', target: '127.0.0.1:50007', timeoutMs: 5_000 },
  'composer:open': { target: 'localhost:9', timeoutMs: 100 },
  'composer:close': { connection: 1 },
};

const errorOf = (name: unknown, payload: unknown) => {
  const checked = validateCommand(name, payload);
  return checked.ok ? null : checked.error;
};

describe('command payloads: one schema is the type and the check', () => {
  it('accepts a valid payload of every command, as it was sent', () => {
    for (const name of COMMAND_NAMES) {
      expect(validateCommand(name, VALID[name]), name).toEqual({
        ok: true,
        value: { name, payload: VALID[name] },
      });
    }
  });

  it('refuses an extra field on every command, naming it', () => {
    for (const name of COMMAND_NAMES) {
      expect(errorOf(name, { ...VALID[name], env: {} }), name).toBe(`${name}: unknown field "env"`);
    }
  });

  it('refuses a payload that is not an object, and takes no payload as an empty one', () => {
    for (const payload of [null, [], ['count'], 'x', 5, true]) {
      expect(errorOf('lab:hello', payload)).toBe('lab:hello: payload must be an object');
    }
    expect(validateCommand('echo:stop', undefined)).toEqual({
      ok: true,
      value: { name: 'echo:stop', payload: {} },
    });
    expect(errorOf('clients:spawn', undefined)).toBe(
      'clients:spawn: count must be a whole number from 1 to 200, got undefined',
    );
  });

  it('words a missing field as a wrong one, and checks the fields in their order', () => {
    expect(errorOf('clients:spawn', { mode: 'process' })).toBe(
      'clients:spawn: count must be a whole number from 1 to 200, got undefined',
    );
    expect(errorOf('clients:spawn', { count: 2 })).toBe(
      'clients:spawn: mode must be one of process, thread, python, got undefined',
    );
    expect(errorOf('signal:send', { target: 'app' })).toBe(
      'signal:send: unknown or unsupported signal undefined',
    );
    expect(errorOf('signal:send', { signal: 'SIGKILL', target: 'me' })).toBe(
      'signal:send: target pid must be a whole number from 1 to 2147483647, got "me"',
    );
    expect(errorOf('signal:send', { signal: 'SIGKILL', target: 0 })).toBe(
      'signal:send: target pid must be a whole number from 1 to 2147483647, got 0',
    );
  });

  it('refuses numbers out of range, fractions and strings, quoting what came', () => {
    expect(errorOf('echo:start', { port: -1 })).toBe(
      'echo:start: port must be a whole number from 0 to 65535, got -1',
    );
    expect(errorOf('alarm:arm', { seconds: 86_401 })).toBe(
      'alarm:arm: seconds must be a whole number from 0 to 86400, got 86401',
    );
    expect(errorOf('clients:spawn', { count: 2.5, mode: 'thread' })).toBe(
      'clients:spawn: count must be a whole number from 1 to 200, got 2.5',
    );
    expect(errorOf('alarm:arm', { seconds: 1, repeat: 'yes' })).toBe(
      'alarm:arm: repeat must be true or false',
    );
    expect(errorOf('echo:start', { host: 'two words' })).toBe(
      'echo:start: host must be an IP address or a host name, got "two words"',
    );
    expect(errorOf('echo:start', { host: 7 })).toBe(
      'echo:start: host must be an IP address or a host name, got 7',
    );
  });

  it("refuses a script's argv by its length first, then each argument, then an empty command", () => {
    const run = (payload: object) => errorOf('script:run', { mode: 'pipe', ...payload });
    expect(run({ argv: 'ls' })).toBe('script:run: argv must be a list of 1 to 256 strings');
    expect(run({ argv: Array(257).fill(0) })).toBe('script:run: argv must be a list of 1 to 256 strings');
    const each = 'script:run: each argument must be a string of at most 8192 characters with no NUL';
    expect(run({ argv: ['ls', 3] })).toBe(each);
    expect(run({ argv: ['ls', 'a\0b'] })).toBe(each);
    expect(run({ argv: ['x'.repeat(8193)] })).toBe(each);
    expect(run({ argv: ['', 'x'] })).toBe('script:run: the command is empty');
    expect(run({ argv: ['ls'], cwd: '/tmp\0' })).toBe('script:run: cwd must be a path');
    expect(run({ argv: ['ls'], shell: 1 })).toBe('script:run: shell must be true or false');
  });

  it('refuses a trace with no program, a pid that is no whole number, and fields it does not take', () => {
    expect(errorOf('trace:run', { argv: [] })).toBe('trace:run: argv must be a list of 1 to 256 strings');
    expect(errorOf('trace:run', { argv: [''] })).toBe('trace:run: the command is empty');
    expect(errorOf('trace:run', { argv: ['ls'], mode: 'pipe' })).toBe('trace:run: unknown field "mode"');
    expect(errorOf('trace:attach', {})).toBe(
      'trace:attach: pid must be a whole number from 1 to 2147483647, got undefined',
    );
    expect(errorOf('trace:attach', { pid: 0 })).toBe(
      'trace:attach: pid must be a whole number from 1 to 2147483647, got 0',
    );
    expect(errorOf('trace:attach', { pid: 1.5 })).toBe(
      'trace:attach: pid must be a whole number from 1 to 2147483647, got 1.5',
    );
    expect(errorOf('trace:stop', { traceId: '1' })).toBe(
      'trace:stop: traceId must be a whole number from 1 to 9007199254740991, got "1"',
    );
  });

  it('knows command names exactly, not by the prototype', () => {
    expect(COMMAND_NAMES.every(isCommandName)).toBe(true);
    for (const name of ['constructor', '__proto__', 'toString', 'lab:helo', '', 5, null]) {
      expect(isCommandName(name), String(name)).toBe(false);
      expect(errorOf(name, {})).toBe(`unknown command ${JSON.stringify(name)}`);
    }
  });
});

describe('what the desktop main process sends the page', () => {
  it('checks a menu action and an opened session file', () => {
    expect(isMenuAction('fit')).toBe(true);
    expect(isMenuAction('quit')).toBe(false);
    expect(isOpenedSessionFile({ name: 'a.ndjson', bytes: new Uint8Array([1]) })).toBe(true);
    expect(isOpenedSessionFile({ name: 'a.ndjson', bytes: [1] })).toBe(false);
    expect(isOpenedSessionFile({ bytes: new Uint8Array(0) })).toBe(false);
    expect(isOpenedSessionFile(null)).toBe(false);
  });
});
