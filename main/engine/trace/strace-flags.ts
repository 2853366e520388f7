/** The system calls that make up IPC (issue 14), and the few around them that give them meaning. */
export const TRACED_CALLS = [
  // sockets, and the names a server asks for
  'socket',
  'socketpair',
  'bind',
  'listen',
  'accept',
  'accept4',
  'connect',
  'getsockname',
  'getpeername',
  'send',
  'sendto',
  'sendmsg',
  'recv',
  'recvfrom',
  'recvmsg',
  'shutdown',
  'close',
  // pipes and FIFOs, and the reads and writes on them (and on sockets)
  'pipe',
  'pipe2',
  'mknod',
  'mknodat',
  'open',
  'openat',
  'read',
  'write',
  'readv',
  'writev',
  'dup',
  'dup2',
  'dup3',
  // processes and threads
  'clone',
  'clone3',
  'fork',
  'vfork',
  'execve',
  'exit',
  'exit_group',
  'wait4',
  // signals (their deliveries are printed whatever is traced)
  'kill',
  'tkill',
  'tgkill',
  'rt_sigaction',
  'pause',
  'rt_sigsuspend',
  'alarm',
  'setitimer',
  'rt_sigreturn',
] as const;

/** Bytes of each buffer strace prints; the parser bounds payloads again, in case other flags were used. */
export const STRACE_STRING_LIMIT = 256;

/** The flags the parser (strace-parse.ts) is written for, and the fixtures were recorded with. */
export const STRACE_FLAGS: readonly string[] = [
  '-f', // follow forks, vforks and threads: every line starts with the pid (tid) that made the call
  '-ttt', // wall-clock seconds.µs since the epoch: one clock for every process, no wrap at midnight
  '-T', // the time spent in each call, <0.000123>: how long a recv or a pause waited
  '-s',
  String(STRACE_STRING_LIMIT), // payloads bounded: a flood prints at most this much a call
  '-xx', // every string as \xHH: no quoting or escapes to undo, any byte survives, and a string cannot hold a quote
  '-yy', // each fd with what it is: TCP:[a:p->b:q], UNIX-STREAM:[inode], pipe:[inode], a path
  '--seccomp-bpf', // stop only at the traced calls: the program runs at near full speed in between
  '-e',
  `trace=${TRACED_CALLS.join(',')}`,
];
