import { describe, expect, it } from 'vitest';
import { hexOf, MAX_MESSAGE_BYTES, parseMessage, parseTarget, validateCommand } from '../../contract';

const bytesOf = (text: string, format: 'text' | 'hex') => {
  const parsed = parseMessage(text, format);
  if (!parsed.ok) throw new Error(parsed.error);
  return [...parsed.bytes];
};

describe('a composed message: text with escapes, or hex', () => {
  it('sends text as UTF-8, with Python escapes for control and any byte', () => {
    expect(bytesOf("it's", 'text')).toEqual([0x69, 0x74, 0x27, 0x73]);
    expect(bytesOf('é', 'text')).toEqual([0xc3, 0xa9]);
    expect(bytesOf('a\\n\\t\\r\\0\\\\\\\'\\"', 'text')).toEqual([0x61, 10, 9, 13, 0, 0x5c, 0x27, 0x22]);
    expect(bytesOf('\\xff\\x00é\\x7F', 'text')).toEqual([0xff, 0x00, 0xc3, 0xa9, 0x7f]);
    expect(bytesOf('', 'text')).toEqual([]);
  });

  it('reads hex as pairs, ignoring the spaces and line breaks between bytes', () => {
    expect(bytesOf('ff00', 'hex')).toEqual([0xff, 0x00]);
    expect(bytesOf(' FF 0a\n7f\t', 'hex')).toEqual([0xff, 0x0a, 0x7f]);
  });

  it('marks a bad escape where it starts, and how long it is', () => {
    expect(parseMessage('ab\\qc', 'text')).toEqual({
      ok: false,
      error: '\\q is not an escape (use \\n \\t \\xNN or \\\\) at character 3',
      at: 2,
      length: 2,
    });
    expect(parseMessage('\\xf', 'text')).toMatchObject({ ok: false, at: 0, length: 3 });
    expect(parseMessage('x\\xzz', 'text')).toMatchObject({
      ok: false,
      error: '\\x needs two hex digits (as in \\xff) at character 2',
      at: 1,
      length: 4,
    });
    expect(parseMessage('end\\', 'text')).toMatchObject({ ok: false, at: 3, length: 1 });
  });

  it('marks a character that is not hex, and a digit with no pair', () => {
    expect(parseMessage('ff 0g', 'hex')).toEqual({
      ok: false,
      error: '"g" is not a hex digit at character 5',
      at: 4,
      length: 1,
    });
    expect(parseMessage('ff0', 'hex')).toMatchObject({
      error: 'a byte needs two hex digits at character 3',
      at: 2,
    });
    expect(parseMessage('f f', 'hex')).toMatchObject({ at: 0 });
  });

  it('caps a message at 64 KB, whichever way it is written', () => {
    expect(parseMessage('a'.repeat(MAX_MESSAGE_BYTES), 'text').ok).toBe(true);
    expect(parseMessage('a'.repeat(MAX_MESSAGE_BYTES + 1), 'text')).toMatchObject({
      ok: false,
      error: `the message is ${MAX_MESSAGE_BYTES + 1} bytes; at most ${MAX_MESSAGE_BYTES} can be sent`,
    });
    expect(parseMessage('00'.repeat(MAX_MESSAGE_BYTES + 1), 'hex').ok).toBe(false);
    expect(parseMessage('\\x00'.repeat(MAX_MESSAGE_BYTES), 'text').ok).toBe(true);
    expect(parseMessage('x'.repeat(4 * MAX_MESSAGE_BYTES + 1), 'text')).toMatchObject({ ok: false, at: 0 });
  });

  it('shows bytes as spaced hex pairs', () => {
    expect(hexOf(new Uint8Array([0xff, 0, 0x0a]))).toBe('ff 00 0a');
    expect(hexOf(new Uint8Array())).toBe('');
  });
});

describe('a composer target: a server on this machine', () => {
  it('means the lab when empty, and takes host:port or [v6]:port on loopback', () => {
    expect(parseTarget('  ')).toEqual({ ok: true, target: null });
    expect(parseTarget('127.0.0.1:50007')).toEqual({ ok: true, target: { host: '127.0.0.1', port: 50007 } });
    expect(parseTarget('localhost:9')).toEqual({ ok: true, target: { host: 'localhost', port: 9 } });
    expect(parseTarget('[::1]:65535')).toEqual({ ok: true, target: { host: '::1', port: 65535 } });
  });

  it('refuses a port out of range, a missing port and another machine', () => {
    for (const bad of ['127.0.0.1', '127.0.0.1:0', '127.0.0.1:65536', ':80', '::1:80']) {
      expect(parseTarget(bad), bad).toMatchObject({ ok: false });
    }
    expect(parseTarget('10.0.0.1:80')).toEqual({
      ok: false,
      error: 'target must be on this machine (127.0.0.1, localhost or ::1), got "10.0.0.1"',
    });
  });
});

describe('composer commands are checked before anything is sent', () => {
  it('names the bad escape, the bad target and the timeout out of range', () => {
    const error = (payload: unknown) => {
      const checked = validateCommand('composer:send', payload);
      return checked.ok ? null : checked.error;
    };
    expect(error({ message: 'a\\q' })).toBe(
      'composer:send: message: \\q is not an escape (use \\n \\t \\xNN or \\\\) at character 2',
    );
    expect(error({ message: 'zz', format: 'hex' })).toBe(
      'composer:send: message: "z" is not a hex digit at character 1',
    );
    expect(error({ message: 'x', target: 'example.com:80' })).toBe(
      'composer:send: target must be on this machine (127.0.0.1, localhost or ::1), got "example.com"',
    );
    expect(error({ message: 'x', timeoutMs: 50 })).toBe(
      'composer:send: timeoutMs must be a whole number from 100 to 60000, got 50',
    );
    expect(error({ message: 'x', format: 'base64' })).toBe(
      'composer:send: format must be one of text, hex, got "base64"',
    );
    expect(error({})).toBe('composer:send: message must be a string');
    expect(error({ message: 'x' })).toBeNull();
    expect(validateCommand('composer:close', {})).toMatchObject({ ok: false });
  });
});
