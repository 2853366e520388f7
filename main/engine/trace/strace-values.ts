// Readers of the values strace prints inside a call: strings, fds with their decoration, addresses, results.
import type { Endpoint, FdRef, Payload, SocketAddress, SyscallResult } from './strace-records';

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

function hexAt(text: string, i: number): number {
  const hi = HEX[text.charCodeAt(i)] ?? -1;
  const lo = HEX[text.charCodeAt(i + 1)] ?? -1;
  return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
}

const SIMPLE_ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, v: 11, f: 12, '\\': 92, '"': 34 };

/**
 * The bytes of a C string as strace prints it, from `"` to `"` (and `...` when cut). -xx makes it all `\xHH`;
 * the escapes of -x or no flag (\n, \", \123, plain characters) are read too, more slowly. Null when `text`
 * is not a string.
 */
export function readString(text: string, limit: number): Payload | null {
  const end = text.lastIndexOf('"');
  if (text.charCodeAt(0) !== 34 || end < 1) return null;
  const truncatedByStrace = text.endsWith('...');
  const out = new Uint8Array(Math.min(end - 1, limit));
  let n = 0;
  let i = 1;
  while (i < end && n < limit) {
    const c = text.charCodeAt(i);
    if (c !== 92) {
      out[n++] = c & 0xff;
      i++;
    } else if (text.charCodeAt(i + 1) === 120 && hexAt(text, i + 2) >= 0) {
      out[n++] = hexAt(text, i + 2);
      i += 4;
    } else {
      const next = text[i + 1] ?? '';
      const simple = SIMPLE_ESCAPES[next];
      let octal = 0;
      let digits = 0;
      while (digits < 3 && text.charCodeAt(i + 1 + digits) >= 48 && text.charCodeAt(i + 1 + digits) <= 55) {
        octal = octal * 8 + text.charCodeAt(i + 1 + digits) - 48;
        digits++;
      }
      out[n++] = simple ?? (digits > 0 ? octal & 0xff : next.charCodeAt(0) & 0xff);
      i += 1 + Math.max(1, digits);
    }
  }
  return { bytes: n === out.length ? out : out.slice(0, n), truncated: truncatedByStrace || i < end };
}

/** A string argument as text (paths, argv), bytes read as UTF-8; null when it is not a string (NULL, 0x…). */
export function readText(text: string, limit = 4_096): string | null {
  const payload = readString(text, limit);
  return payload === null ? null : Buffer.from(payload.bytes).toString('utf8');
}

/** Turns the \xHH runs inside an fd's decoration into characters (-xx prints paths and pipe:[…] that way). */
function unescapeHex(text: string): string {
  if (!text.includes('\\x')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const byte = text.charCodeAt(i) === 92 && text.charCodeAt(i + 1) === 120 ? hexAt(text, i + 2) : -1;
    if (byte >= 0) {
      out += String.fromCharCode(byte);
      i += 4;
    } else out += text[i++];
  }
  return Buffer.from(out, 'latin1').toString('utf8');
}

/** `host:port`, `[v6]:port`, or a bare inode number. */
function hostPort(text: string, family: string): SocketAddress | null {
  const colon = text.lastIndexOf(':');
  if (colon < 1) return null;
  const port = Number(text.slice(colon + 1));
  let address = text.slice(0, colon);
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  return Number.isInteger(port) ? { family, address, port } : null;
}

function numberOrNull(text: string): number | null {
  if (text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

const endpoints = new Map<string, Endpoint>();
const ENDPOINT_CACHE = 4_096;

/**
 * What `-yy` says an fd is: `TCP:[a:p->b:q]`, `UNIX-STREAM:[1->2]`, `pipe:[123]`, `/dev/null<char 1:3>`. A
 * program uses a few fds many times, so endpoints are remembered (bounded) and shared: treat them as frozen.
 */
export function readEndpoint(decoration: string): Endpoint {
  let endpoint = endpoints.get(decoration);
  if (endpoint === undefined) {
    if (endpoints.size >= ENDPOINT_CACHE) endpoints.clear();
    endpoint = decodeEndpoint(decoration);
    endpoints.set(decoration, endpoint);
  }
  return endpoint;
}

function decodeEndpoint(decoration: string): Endpoint {
  const text = unescapeHex(decoration);
  const open = text.indexOf(':[');
  if (open > 0 && text.endsWith(']')) {
    const kind = text.slice(0, open);
    const inner = text.slice(open + 2, -1);
    if (kind === 'pipe') {
      const inode = numberOrNull(inner);
      if (inode !== null) return { type: 'pipe', inode };
    } else if (kind === 'TCP' || kind === 'TCPv6' || kind === 'UDP' || kind === 'UDPv6') {
      const ipv6 = kind.endsWith('v6');
      const family = ipv6 ? 'AF_INET6' : 'AF_INET';
      const type = kind.startsWith('TCP') ? 'tcp' : 'udp';
      const inode = numberOrNull(inner);
      if (inode !== null) return { type, ipv6, local: null, remote: null, inode };
      const arrow = inner.indexOf('->');
      const local = hostPort(arrow < 0 ? inner : inner.slice(0, arrow), family);
      const remote = arrow < 0 ? null : hostPort(inner.slice(arrow + 2), family);
      return { type, ipv6, local, remote, inode: null };
    } else if (kind.startsWith('UNIX')) {
      const comma = inner.indexOf(',');
      const ids = comma < 0 ? inner : inner.slice(0, comma);
      const arrow = ids.indexOf('->');
      const path = comma < 0 ? null : (readText(inner.slice(comma + 1)) ?? inner.slice(comma + 1));
      return {
        type: 'unix',
        inode: numberOrNull(arrow < 0 ? ids : ids.slice(0, arrow)),
        peerInode: arrow < 0 ? null : numberOrNull(ids.slice(arrow + 2)),
        path,
      };
    }
  }
  if (text.startsWith('/')) {
    const device = text.indexOf('<');
    return device > 0 && text.endsWith('>')
      ? { type: 'path', path: text.slice(0, device), device: text.slice(device + 1, -1) }
      : { type: 'path', path: text, device: null };
  }
  return { type: 'other', text };
}

/** `3<TCP:[…]>` or a bare `3`; null when the text is not an fd (AT_FDCWD, NULL, -1…). */
export function readFd(text: string): FdRef | null {
  let digits = 0;
  while (digits < text.length && text.charCodeAt(digits) >= 48 && text.charCodeAt(digits) <= 57) digits++;
  if (digits === 0 || digits > 10) return null;
  const fd = Number(text.slice(0, digits));
  if (digits === text.length) return { fd, endpoint: null };
  if (text.charCodeAt(digits) !== 60 || !text.endsWith('>')) return null;
  return { fd, endpoint: readEndpoint(text.slice(digits + 1, -1)) };
}

/** A struct sockaddr as strace prints it; null for NULL or anything else. */
export function readSockaddr(text: string): SocketAddress | null {
  const familyAt = text.indexOf('sa_family=');
  if (familyAt < 0) return null;
  const familyEnd = text.indexOf(',', familyAt);
  const family = text.slice(familyAt + 10, familyEnd < 0 ? text.lastIndexOf('}') : familyEnd);
  const portAt = text.indexOf('port=htons(');
  const port = portAt < 0 ? null : numberOrNull(text.slice(portAt + 11, text.indexOf(')', portAt)));
  if (family === 'AF_UNIX') {
    const pathAt = text.indexOf('sun_path=');
    if (pathAt < 0) return { family, address: '', port: null };
    const abstract = text.charCodeAt(pathAt + 9) === 64; // @"…": the abstract namespace
    const quoted = text.slice(pathAt + 9 + (abstract ? 1 : 0), text.lastIndexOf('"') + 1);
    return { family, address: `${abstract ? '@' : ''}${readText(quoted) ?? ''}`, port: null };
  }
  const quote = text.indexOf('"', familyAt);
  const address = quote < 0 ? '' : (readText(text.slice(quote, text.indexOf('"', quote + 1) + 1)) ?? '');
  return { family, address, port };
}

/** The text after `= `: a number (decimal or 0x…) or `?`, then an fd decoration, an errno or a note. */
export function readResult(raw: string): SyscallResult {
  let space = raw.indexOf(' ');
  const lt0 = raw.indexOf('<');
  if (lt0 >= 0 && (space < 0 || lt0 < space)) {
    // An fd's decoration may hold spaces (`1</dev/null<char 1:3>>`): the head ends where its brackets close.
    let depth = 0;
    let end = lt0;
    for (; end < raw.length; end++) {
      const c = raw.charCodeAt(end);
      if (c === 60) depth++;
      else if (c === 62 && raw.charCodeAt(end - 1) !== 45 && --depth === 0) break; // not the > of ->
    }
    space = end + 1 < raw.length ? end + 1 : -1;
  }
  const head = space < 0 ? raw : raw.slice(0, space);
  const rest = space < 0 ? '' : raw.slice(space + 1);
  const lt = head.indexOf('<');
  const number = lt < 0 ? head : head.slice(0, lt);
  const value = number === '?' ? null : numberOrNull(number);
  const fd = lt > 0 && value !== null && value >= 0 ? readFd(head) : null;
  let errno: string | null = null;
  let message: string | null = null;
  const paren = rest.indexOf('(');
  const word = (paren < 0 ? rest : rest.slice(0, paren)).trim();
  if (/^E[A-Z0-9]+$/.test(word)) errno = word;
  if (paren >= 0 && rest.endsWith(')')) message = rest.slice(paren + 1, -1);
  return { raw, value, errno, message, fd };
}

/**
 * The top-level arguments of a call: commas inside (), [], {}, <> and strings do not split. `=>` (strace's
 * "in => out") and `->` (a connection's two ends) are not brackets.
 */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
    } else if (c === 40 || c === 91 || c === 123 || c === 60) depth++;
    else if (
      c === 41 ||
      c === 93 ||
      c === 125 ||
      (c === 62 && text.charCodeAt(i - 1) !== 61 && text.charCodeAt(i - 1) !== 45)
    ) {
      if (depth > 0) depth--;
    } else if (c === 44 && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last !== '' || out.length > 0) out.push(last);
  return out;
}
