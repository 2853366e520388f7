import { readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';
import { findPeerSocket, parseProcNetTcp } from './proc-net-tcp';

export interface PeerProcess {
  pid: number;
  /** /proc/<pid>/comm: the first 15 characters of the program's name. */
  command: string;
}

export interface PeerLookupOptions {
  /** Where procfs is mounted; tests and containers may move it. */
  procRoot?: string;
  /** The whole lookup gives up after this long and answers null. */
  timeoutMs?: number;
  /** Pids to try first (cheap guesses), before scanning every process. */
  hintPids?: readonly number[];
}

const DEFAULT_TIMEOUT_MS = 1_000;

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return ''; // tcp6 is missing where IPv6 is off
  }
}

/** The inode of the socket at the peer's end of a local connection, from /proc/net/tcp and tcp6. */
export async function findPeerInode(
  ports: { peerPort: number; serverPort: number },
  procRoot = '/proc',
): Promise<number | null> {
  const [tcp, tcp6] = await Promise.all([
    readText(path.join(procRoot, 'net/tcp')),
    readText(path.join(procRoot, 'net/tcp6')),
  ]);
  const entries = [...parseProcNetTcp(tcp), ...parseProcNetTcp(tcp6)];
  return findPeerSocket(entries, ports)?.inode ?? null;
}

/** Whether one of the process's file descriptors is the socket; false when we may not look. */
async function holdsSocket(procRoot: string, pid: number, link: string, deadline: number): Promise<boolean> {
  const fdDir = path.join(procRoot, String(pid), 'fd');
  let fds: string[];
  try {
    fds = await readdir(fdDir);
  } catch {
    return false; // gone, or another user's process
  }
  for (const fd of fds) {
    if (Date.now() > deadline) return false;
    try {
      if ((await readlink(path.join(fdDir, fd))) === link) return true;
    } catch {
      // the fd closed while we looked
    }
  }
  return false;
}

/**
 * The process that owns a socket inode: every /proc/<pid>/fd is read until one links to `socket:[inode]`.
 * Bounded by a deadline; null when it is not found in time or not ours to see.
 */
export async function findInodeOwner(
  inode: number,
  { procRoot = '/proc', timeoutMs = DEFAULT_TIMEOUT_MS, hintPids = [] }: PeerLookupOptions = {},
): Promise<PeerProcess | null> {
  const deadline = Date.now() + timeoutMs;
  const link = `socket:[${inode}]`;
  let names: string[];
  try {
    names = await readdir(procRoot);
  } catch {
    return null;
  }
  // Newest first: the peer is usually a program just started (nc, a script), so it is found sooner.
  const pids = names
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => b - a);
  const hinted = hintPids.filter((pid) => pids.includes(pid));
  const ordered = [...hinted, ...pids.filter((pid) => !hinted.includes(pid))];
  for (const pid of ordered) {
    if (Date.now() > deadline) return null;
    if (await holdsSocket(procRoot, pid, link, deadline)) {
      const command = (await readText(path.join(procRoot, String(pid), 'comm'))).trim();
      return { pid, command };
    }
  }
  return null;
}

/**
 * Who is at the other end of a connection the server accepted on this machine, read from /proc (Linux only).
 * `peerPort` is the connection's remote port, `serverPort` its local one.
 */
export async function findPeerProcess(
  ports: { peerPort: number; serverPort: number },
  options: PeerLookupOptions = {},
): Promise<PeerProcess | null> {
  const inode = await findPeerInode(ports, options.procRoot);
  if (inode === null) return null;
  return findInodeOwner(inode, options);
}
