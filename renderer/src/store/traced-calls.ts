// What a traced system call did to its fd, as strace names it: one set of rules for the reply log, the
// sequence chart and the timeline's traced lanes.

const SENDS = new Set(['write', 'writev', 'pwrite64', 'send', 'sendto', 'sendmsg']);
const RECEIVES = new Set(['read', 'readv', 'pread64', 'recv', 'recvfrom', 'recvmsg']);
const CLOSES = new Set(['close', 'shutdown']);
/** A connected socket's two ends: TCP addresses, or UNIX inodes (a Node child's stdio is a socketpair). */
const CONNECTED = /^(TCP|TCPv6|UNIX):\[(.+)->(.+)\]$/;

/** The call wrote bytes to its fd. */
export const sends = (call: string): boolean => SENDS.has(call);
/** The call read bytes from its fd. */
export const receives = (call: string): boolean => RECEIVES.has(call);
/** The call ended its fd's endpoint. */
export const closes = (call: string): boolean => CLOSES.has(call);

/** The two ends of a connected socket's fd name, its own first; UNIX ends carry a `unix:` prefix. */
export function socketEnds(endpoint: string | null | undefined): { local: string; remote: string } | null {
  const match = endpoint ? CONNECTED.exec(endpoint) : null;
  if (!match) return null;
  const prefix = match[1] === 'UNIX' ? 'unix:' : '';
  return { local: `${prefix}${match[2]}`, remote: `${prefix}${match[3]}` };
}

export const isUnix = (address: string): boolean => address.startsWith('unix:');
