import { execFile } from 'node:child_process';
import type { TcpEntry } from './proc-net-tcp';

/** ss's names for the kernel's TCP states, as /proc/net/tcp numbers them. */
const STATES: Record<string, number> = {
  ESTAB: 1,
  'SYN-SENT': 2,
  'SYN-RECV': 3,
  'FIN-WAIT-1': 4,
  'FIN-WAIT-2': 5,
  'TIME-WAIT': 6,
  UNCONN: 7,
  'CLOSE-WAIT': 8,
  'LAST-ACK': 9,
  LISTEN: 10,
  CLOSING: 11,
};

const SS_TIMEOUT_MS = 2_000;

/** `127.0.0.1:5000`, `[::1]:5000` or `[::ffff:127.0.0.1]:5000` -> its address and port. */
function endpoint(text: string): { address: string; port: number } | null {
  const colon = text.lastIndexOf(':');
  const port = Number(text.slice(colon + 1));
  if (colon < 0 || !Number.isInteger(port)) return null;
  return { address: text.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port };
}

/** Parses `ss -H -t -n -e state connected ...`: one socket a line, state first; malformed lines are skipped. */
export function parseSsSockets(text: string): TcpEntry[] {
  const entries: TcpEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const state = STATES[fields[0] ?? ''];
    const local = endpoint(fields[3] ?? '');
    const remote = endpoint(fields[4] ?? '');
    if (state === undefined || !local || !remote) continue;
    const detail = (name: string) =>
      Number(fields.find((field) => field.startsWith(`${name}:`))?.slice(name.length + 1) ?? 0);
    entries.push({
      localAddress: local.address,
      localPort: local.port,
      remoteAddress: remote.address,
      remotePort: remote.port,
      state,
      uid: detail('uid'), // ss leaves it out for root
      inode: detail('ino'),
    });
  }
  return entries;
}

/**
 * The connected TCP sockets (TIME_WAIT left out) whose local port is one of `localPorts`, from `ss`: it asks
 * the kernel over netlink (sock_diag) with the filter applied there, so the machine's other sockets are never
 * printed, where /proc/net/tcp prints every one of them (a second of CPU at 70,000 TIME_WAIT). Null when `ss`
 * cannot be run: the caller reads /proc/net/tcp instead.
 */
export function ssSockets(localPorts: readonly number[], command = 'ss'): Promise<TcpEntry[] | null> {
  if (localPorts.length === 0) return Promise.resolve([]);
  const filter = `( ${localPorts.map((port) => `sport = :${port}`).join(' or ')} )`;
  const args = ['-H', '-t', '-n', '-e', 'state', 'connected', 'exclude', 'time-wait', filter];
  return new Promise((resolve) => {
    execFile(command, args, { timeout: SS_TIMEOUT_MS, maxBuffer: 4 * 2 ** 20 }, (error, stdout) =>
      resolve(error ? null : parseSsSockets(stdout)),
    );
  });
}
