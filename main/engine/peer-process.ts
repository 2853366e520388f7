import { open, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { findPeerSocket, parseProcNetTcp, TCP_ESTABLISHED, type TcpEntry } from './proc-net-tcp';
import { ssSockets } from './ss-sockets';

export interface PeerProcess {
  pid: number;
  /** /proc/<pid>/comm: the first 15 characters of the program's name. */
  command: string;
}

/** A connection the echo server accepted: `peerPort` is its remote port, `serverPort` its local one. */
export interface PeerPorts {
  peerPort: number;
  serverPort: number;
}

export interface PeerLookupOptions {
  /** Where procfs is mounted; tests and containers may move it. */
  procRoot?: string;
  /** The `ss` (iproute2) to ask for the peers' sockets; null, or one that cannot run, reads /proc/net/tcp. */
  ss?: string | null;
  /** The search of /proc/<pid>/fd gives up after this long; what is not found by then is null. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 1_000;
/** /proc/net/tcp lists every socket, TIME_WAIT too: after a flood it is megabytes, so it is read in chunks. */
const CHUNK_BYTES = 256 * 1024;

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return ''; // the process is gone
  }
}

/** `:1F90 ` — how a port appears after an address in /proc/net/tcp. */
function portField(port: number): string {
  return `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
}

/**
 * Reads /proc/net/tcp (or tcp6) a chunk at a time and hands `take` only the lines whose local port is wanted,
 * so the rest of a long table is neither decoded nor kept. Stops early once `done()` says so.
 */
async function scanTcpTable(
  file: string,
  wantedPorts: ReadonlySet<string>,
  take: (entry: TcpEntry) => void,
  done: () => boolean,
): Promise<void> {
  const handle = await open(file).catch(() => null); // tcp6 is missing where IPv6 is off
  if (!handle) return;
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let rest = '';
    for (;;) {
      // A read that fails ends the scan: what was found so far stands, the rest is unknown.
      const bytesRead = await handle.read(buffer, 0, CHUNK_BYTES, null).then(
        (result) => result.bytesRead,
        () => 0,
      );
      if (bytesRead === 0) break;
      const text = rest + buffer.toString('latin1', 0, bytesRead);
      const lastNewline = text.lastIndexOf('\n');
      rest = text.slice(lastNewline + 1);
      for (let start = 0; start <= lastNewline; ) {
        const end = text.indexOf('\n', start);
        // `  sl: local:PORT remote:PORT ...`: the local port follows the first colon after "sl:".
        const portAt = text.indexOf(':', text.indexOf(': ', start) + 2);
        if (portAt > start && portAt < end && wantedPorts.has(text.slice(portAt, portAt + 6))) {
          for (const entry of parseProcNetTcp(text.slice(start, end))) take(entry);
        }
        start = end + 1;
      }
      if (done()) return;
    }
  } finally {
    await handle.close();
  }
}

/** The inode of the socket at the peer's end of each connection, from `ss` or /proc/net/tcp; 0 when none. */
async function findPeerInodes(
  connections: readonly PeerPorts[],
  { procRoot = '/proc', ss = 'ss' }: PeerLookupOptions,
): Promise<number[]> {
  const candidates = connections.map(() => [] as TcpEntry[]);
  const established = new Set<number>();
  const byPort = new Map<number, number[]>();
  for (const [i, { peerPort }] of connections.entries())
    byPort.set(peerPort, [...(byPort.get(peerPort) ?? []), i]);
  const take = (entry: TcpEntry) => {
    for (const i of byPort.get(entry.localPort) ?? []) {
      if (entry.remotePort !== connections[i]?.serverPort || entry.inode === 0) continue;
      candidates[i]?.push(entry);
      if (entry.state === TCP_ESTABLISHED) established.add(i);
    }
  };
  const allFound = () => established.size === connections.length;
  const listed = ss === null ? null : await ssSockets([...byPort.keys()], ss);
  if (listed) {
    for (const entry of listed) take(entry);
  } else {
    const wantedPorts = new Set([...byPort.keys()].map(portField));
    await scanTcpTable(path.join(procRoot, 'net/tcp'), wantedPorts, take, allFound);
    if (!allFound()) await scanTcpTable(path.join(procRoot, 'net/tcp6'), wantedPorts, take, allFound);
  }
  return connections.map((ports, i) => findPeerSocket(candidates[i] ?? [], ports)?.inode ?? 0);
}

/** The socket inodes among one process's file descriptors that are wanted; none when we may not look. */
async function heldSockets(
  fdDir: string,
  wanted: ReadonlyMap<string, number>,
  deadline: number,
): Promise<number[]> {
  let fds: string[];
  try {
    fds = await readdir(fdDir);
  } catch {
    return []; // gone, or another user's process
  }
  const held: number[] = [];
  for (const fd of fds) {
    if (Date.now() > deadline) break;
    const inode = wanted.get(await readlink(path.join(fdDir, fd)).catch(() => '')); // '' if the fd closed
    if (inode !== undefined) held.push(inode);
  }
  return held;
}

/**
 * The process that owns each socket inode: every /proc/<pid>/fd is read, newest process first, until all
 * are found or the deadline passes. Not found in time, or not ours to see: absent from the map.
 */
async function findInodeOwners(
  inodes: readonly number[],
  { procRoot = '/proc', timeoutMs = DEFAULT_TIMEOUT_MS }: PeerLookupOptions = {},
): Promise<Map<number, PeerProcess>> {
  const deadline = Date.now() + timeoutMs;
  const wanted = new Map(inodes.filter((inode) => inode > 0).map((inode) => [`socket:[${inode}]`, inode]));
  const owners = new Map<number, PeerProcess>();
  const names = await readdir(procRoot).catch(() => [] as string[]);
  // Newest first: the peer is usually a program just started (nc, a script), so it is found sooner.
  const pids = names
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => b - a);
  for (const pid of pids) {
    if (owners.size === wanted.size || Date.now() > deadline) break;
    const held = await heldSockets(path.join(procRoot, String(pid), 'fd'), wanted, deadline);
    if (held.length === 0) continue;
    const command = (await readText(path.join(procRoot, String(pid), 'comm'))).trim();
    for (const inode of held) owners.set(inode, { pid, command });
  }
  return owners;
}

/**
 * Who is at the other end of each connection the server accepted on this machine (Linux only): the peers'
 * sockets from `ss`, their owners from /proc/<pid>/fd, in one pass for the whole batch; null where it cannot
 * be told.
 */
export async function findPeerProcesses(
  connections: readonly PeerPorts[],
  options: PeerLookupOptions = {},
): Promise<(PeerProcess | null)[]> {
  const inodes = await findPeerInodes(connections, options);
  const owners = await findInodeOwners(inodes, options);
  return inodes.map((inode) => owners.get(inode) ?? null);
}
