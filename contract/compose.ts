import * as v from 'valibot';
import { isLoopbackHost } from './hosts';

/** The most one composed message may carry. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** The longest a message may be written: every byte as a `\xNN` escape. */
export const MAX_MESSAGE_CHARS = 4 * MAX_MESSAGE_BYTES;
/** How long the composer waits to connect, and for a reply, unless told otherwise. */
export const DEFAULT_COMPOSE_TIMEOUT_MS = 5_000;
export const MIN_COMPOSE_TIMEOUT_MS = 100;
export const MAX_COMPOSE_TIMEOUT_MS = 60_000;
/** Kept connections open at once, at most. */
export const MAX_KEPT_CONNECTIONS = 16;
/** What one composer connection puts into the history of what it received; the rest is only counted. */
export const MAX_RECEIVED_KEPT_BYTES = 64 * 1024;

export const MessageFormatSchema = v.picklist(['text', 'hex']);
export type MessageFormat = v.InferOutput<typeof MessageFormatSchema>;

/** A message as the user wrote it: the text, and whether it is text with escapes or hex. */
export const ComposedMessageSchema = v.object({
  text: v.pipe(v.string(), v.maxLength(MAX_MESSAGE_CHARS)),
  format: MessageFormatSchema,
});
export type ComposedMessage = v.InferOutput<typeof ComposedMessageSchema>;

/** A message the user saved by name to send again; a session file carries the list. */
export const SavedMessageSchema = v.object({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(80)),
  ...ComposedMessageSchema.entries,
});
export type SavedMessage = v.InferOutput<typeof SavedMessageSchema>;

/** A message's bytes, or where it went wrong: `at` is the 0-based index of the first bad character. */
export type ParsedMessage =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; error: string; at: number; length: number };

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  '0': 0x00,
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
};

const HEX_PAIR = /^[0-9a-fA-F]{2}$/;
const encoder = new TextEncoder();

function bad(error: string, at: number, length: number): ParsedMessage {
  return { ok: false, error: `${error} at character ${at + 1}`, at, length };
}

/** A message too big as a whole: nothing in it to mark. */
function tooBig(error: string): ParsedMessage {
  return { ok: false, error, at: 0, length: 0 };
}

function capped(bytes: number[] | Uint8Array): ParsedMessage {
  if (bytes.length > MAX_MESSAGE_BYTES) {
    return tooBig(`the message is ${bytes.length} bytes; at most ${MAX_MESSAGE_BYTES} can be sent`);
  }
  return { ok: true, bytes: bytes instanceof Uint8Array ? bytes : Uint8Array.from(bytes) };
}

/** Text as UTF-8, with Python's escapes `\n \r \t \0 \\ \' \"` and `\xNN` for any byte. */
function parseText(text: string): ParsedMessage {
  if (!text.includes('\\')) return capped(encoder.encode(text));
  const bytes: number[] = [];
  let plainFrom = 0;
  const flushPlain = (to: number) => {
    for (const byte of encoder.encode(text.slice(plainFrom, to))) bytes.push(byte);
  };
  for (let i = text.indexOf('\\'); i !== -1; i = text.indexOf('\\', plainFrom)) {
    flushPlain(i);
    const next = text[i + 1];
    if (next === undefined) return bad('a lone \\ ends the message (write \\\\ for a backslash)', i, 1);
    if (next === 'x') {
      const pair = text.slice(i + 2, i + 4);
      if (!HEX_PAIR.test(pair)) return bad('\\x needs two hex digits (as in \\xff)', i, 2 + pair.length);
      bytes.push(Number.parseInt(pair, 16));
      plainFrom = i + 4;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple === undefined) return bad(`\\${next} is not an escape (use \\n \\t \\xNN or \\\\)`, i, 2);
    bytes.push(simple);
    plainFrom = i + 2;
  }
  flushPlain(text.length);
  return capped(bytes);
}

/** Pairs of hex digits; spaces, tabs and line breaks between bytes are ignored. */
function parseHex(text: string): ParsedMessage {
  const bytes: number[] = [];
  let pending = -1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] as string;
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      if (pending !== -1) return bad('a byte needs two hex digits', pending, 1);
      continue;
    }
    if (!/[0-9a-fA-F]/.test(char)) return bad(`"${char}" is not a hex digit`, i, 1);
    if (pending === -1) pending = i;
    else {
      bytes.push(Number.parseInt(text.slice(pending, pending + 1) + char, 16));
      pending = -1;
    }
  }
  if (pending !== -1) return bad('a byte needs two hex digits', pending, 1);
  return capped(bytes);
}

/** The bytes a message stands for, or the first mistake in it and where it is. */
export function parseMessage(text: string, format: MessageFormat): ParsedMessage {
  if (text.length > MAX_MESSAGE_CHARS) {
    return tooBig(`the message is ${text.length} characters; at most ${MAX_MESSAGE_CHARS} can be read`);
  }
  return format === 'hex' ? parseHex(text) : parseText(text);
}

/** Bytes as lower-case hex pairs separated by spaces: `ff 00`. */
export function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

export interface ComposeTarget {
  host: string;
  port: number;
}

/** `host:port`, with an IPv6 host in brackets. */
export function targetText({ host, port }: ComposeTarget): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export type ParsedTarget = { ok: true; target: ComposeTarget | null } | { ok: false; error: string };

const TARGET = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/;

/** `host:port` on this machine, `[::1]:port` for IPv6; empty means the lab's own echo server (null). */
export function parseTarget(text: string): ParsedTarget {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, target: null };
  const match = TARGET.exec(trimmed);
  const port = match ? Number(match[3]) : Number.NaN;
  if (!match || port < 1 || port > 65_535) {
    return {
      ok: false,
      error: `target must be host:port with a port from 1 to 65535, e.g. 127.0.0.1:50007, got ${JSON.stringify(trimmed)}`,
    };
  }
  const host = (match[1] ?? match[2]) as string;
  if (!isLoopbackHost(host)) {
    return {
      ok: false,
      error: `target must be on this machine (127.0.0.1, localhost or ::1), got ${JSON.stringify(host)}`,
    };
  }
  return { ok: true, target: { host, port } };
}
