import { endianness } from 'node:os';

/** One socket as /proc/net/tcp or /proc/net/tcp6 lists it. */
export interface TcpEntry {
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
  /** The kernel's TCP state: 1 is ESTABLISHED, 10 is LISTEN, 6 is TIME_WAIT. */
  state: number;
  uid: number;
  /** 0 for sockets no process holds any more (TIME_WAIT). */
  inode: number;
}

export const TCP_ESTABLISHED = 1;
export const TCP_TIME_WAIT = 6;

const LITTLE_ENDIAN = endianness() === 'LE';

/** The kernel prints each 32-bit word of an address in host byte order. */
function wordBytes(hex: string, littleEndian: boolean): number[] {
  const bytes = [0, 2, 4, 6].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  return littleEndian ? bytes.reverse() : bytes;
}

/** `0100007F` -> `127.0.0.1`; 32 hex digits -> a compressed IPv6 address (`::ffff:127.0.0.1` kept readable). */
export function decodeAddress(hex: string, littleEndian = LITTLE_ENDIAN): string {
  if (hex.length === 8) return wordBytes(hex, littleEndian).join('.');
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8), littleEndian));
  const isMapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isMapped) return `::ffff:${bytes.slice(12).join('.')}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0)).toString(16));
  return compressIPv6(groups);
}

/** Replaces the longest run of two or more zero groups with `::`, as RFC 5952 says. */
function compressIPv6(groups: string[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') {
      i += 1;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === '0') j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(':');
  const head = groups.slice(0, bestStart).join(':');
  const tail = groups.slice(bestStart + bestLength).join(':');
  return `${head}::${tail}`;
}

function splitEndpoint(field: string): { hex: string; port: number } | null {
  const colon = field.indexOf(':');
  if (colon < 0) return null;
  const hex = field.slice(0, colon);
  if (hex.length !== 8 && hex.length !== 32) return null;
  const port = Number.parseInt(field.slice(colon + 1), 16);
  return Number.isNaN(port) ? null : { hex, port };
}

/** Parses the text of /proc/net/tcp or tcp6; the header and malformed lines are skipped. */
export function parseProcNetTcp(text: string, littleEndian = LITTLE_ENDIAN): TcpEntry[] {
  const entries: TcpEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
    if (fields.length < 10 || !fields[0]?.endsWith(':')) continue;
    const local = splitEndpoint(fields[1] ?? '');
    const remote = splitEndpoint(fields[2] ?? '');
    const state = Number.parseInt(fields[3] ?? '', 16);
    const uid = Number(fields[7]);
    const inode = Number(fields[9]);
    if (!local || !remote || Number.isNaN(state) || !Number.isInteger(uid) || !Number.isInteger(inode))
      continue;
    entries.push({
      localAddress: decodeAddress(local.hex, littleEndian),
      localPort: local.port,
      remoteAddress: decodeAddress(remote.hex, littleEndian),
      remotePort: remote.port,
      state,
      uid,
      inode,
    });
  }
  return entries;
}

/**
 * The peer's end of a connection the server accepted: its local port is the server's remote port and the
 * other way round. Only live sockets count; a TIME_WAIT entry has no owner.
 */
export function findPeerSocket(
  entries: readonly TcpEntry[],
  ports: { peerPort: number; serverPort: number },
): TcpEntry | null {
  const matches = entries.filter(
    (e) => e.localPort === ports.peerPort && e.remotePort === ports.serverPort && e.inode > 0,
  );
  return matches.find((e) => e.state === TCP_ESTABLISHED) ?? matches[0] ?? null;
}
