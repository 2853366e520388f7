/**
 * What the strace parser yields. The shapes are meant to map onto lab events later (the next step of issue 14):
 * a `data` detail becomes a connection's data event (on a socket) or a pipe's; `accept` and `connect` open a
 * connection, `close` and `shutdown` end one; a `signal` record is a delivery for the signal log, with its
 * sender's pid; `spawn`, `exec` and `exit` make the lanes of processes and threads; `timeUs` is moved onto the
 * lab's clock by one offset. Nothing here knows the lab, so the parser stays a plain function of its input.
 */

/** An address and port (IPv4 or IPv6), or the path of a Unix socket (port null). */
export interface SocketAddress {
  family: string;
  address: string;
  port: number | null;
}

/** What an fd is, from strace's -yy decoration (`3<TCP:[127.0.0.1:50008->127.0.0.1:40000]>`). */
export type Endpoint =
  | {
      type: 'tcp' | 'udp';
      ipv6: boolean;
      local: SocketAddress | null;
      remote: SocketAddress | null;
      inode: number | null;
    }
  | { type: 'unix'; inode: number | null; peerInode: number | null; path: string | null }
  | { type: 'pipe'; inode: number }
  | { type: 'path'; path: string; device: string | null }
  | { type: 'other'; text: string };

export interface FdRef {
  fd: number;
  endpoint: Endpoint | null;
}

/** Bytes a call carried, as far as strace printed them (-s) and the parser kept them. */
export interface Payload {
  bytes: Uint8Array;
  /** strace printed `...` after the string, or the parser cut it at its bound. */
  truncated: boolean;
}

/** The structured arguments of the calls that make up IPC; other calls keep their raw text only. */
export type IpcDetail =
  | { op: 'socket'; domain: string; type: string; fd: FdRef | null }
  | { op: 'pipe' | 'socketpair'; fds: [FdRef, FdRef] | null }
  | { op: 'bind' | 'connect' | 'name'; fd: FdRef | null; address: SocketAddress | null }
  | { op: 'listen'; fd: FdRef | null; backlog: number | null }
  | { op: 'accept'; fd: FdRef | null; peer: SocketAddress | null; newFd: FdRef | null }
  | {
      op: 'data';
      direction: 'out' | 'in';
      fd: FdRef | null;
      payload: Payload | null;
      /** The count asked for (write's and read's third argument), when the call has one. */
      requested: number | null;
      /** Bytes moved: the return value, null on an error. */
      bytes: number | null;
      address: SocketAddress | null;
    }
  | { op: 'shutdown'; fd: FdRef | null; how: string }
  | { op: 'close'; fd: FdRef | null }
  | { op: 'dup'; fd: FdRef | null; newFd: FdRef | null }
  | { op: 'open'; path: string | null; flags: string; fd: FdRef | null }
  | { op: 'mknod'; path: string | null; mode: string }
  | { op: 'spawn'; childPid: number | null; thread: boolean }
  | { op: 'exec'; path: string | null; argv: string[] }
  | { op: 'exit'; code: number | null }
  | { op: 'wait'; childPid: number | null; status: string }
  | { op: 'kill'; targetPid: number | null; targetTid: number | null; signal: string }
  | { op: 'sigaction'; signal: string; handler: string | null }
  | { op: 'pause' }
  | { op: 'alarm'; seconds: number | null; previous: number | null }
  | { op: 'timer'; which: string; value: string };

export interface SyscallResult {
  /** The text after `= `, duration excluded. */
  raw: string;
  /** The number returned; null for `?` (the call never returned, as exit or a killed pause). */
  value: number | null;
  errno: string | null;
  /** strace's wording of the errno, or any other note in parentheses. */
  message: string | null;
  /** The fd returned, with its decoration (socket, accept, open, dup). */
  fd: FdRef | null;
}

interface RecordBase {
  /** 1-based number of the input line the record starts at. */
  line: number;
  /** The pid (the tid, for a thread) strace printed; null when it printed none (no -f). */
  pid: number | null;
  /** µs since the epoch (-ttt) or since midnight (-tt); null when the line had no time. */
  timeUs: number | null;
}

export interface SyscallRecord extends RecordBase {
  kind: 'syscall';
  name: string;
  /** The arguments as strace printed them; a split call's two halves joined. */
  args: string;
  result: SyscallResult | null;
  durationUs: number | null;
  /**
   * whole: one line; joined: `<unfinished ...>` and `<... resumed>` lines put together (resumedLine is the
   * second); unfinished: never resumed (the process died, or the input ended); resumed: a resumption whose
   * start was not seen (args hold its second half only).
   */
  split: 'whole' | 'joined' | 'unfinished' | 'resumed';
  resumedLine: number | null;
  resumedTimeUs: number | null;
  ipc: IpcDetail | null;
}

export interface SignalRecord extends RecordBase {
  kind: 'signal';
  signal: string;
  /** si_code: SI_USER (kill), SI_TKILL, SI_KERNEL (alarm), CLD_EXITED…; null when not printed. */
  code: string | null;
  /** si_pid: who sent it (kill) or which child it is about (SIGCHLD). */
  senderPid: number | null;
  senderUid: number | null;
  /** The siginfo as printed, braces excluded; '' for `--- stopped by SIGSTOP ---`. */
  info: string;
  stopped: boolean;
}

export interface ExitRecord extends RecordBase {
  kind: 'exit';
  how: 'exited' | 'killed' | 'superseded';
  code: number | null;
  signal: string | null;
  coreDumped: boolean;
}

/** strace's own words in its output (`strace: Process 123 attached`). */
export interface MessageRecord extends RecordBase {
  kind: 'message';
  text: string;
}

/** A line the parser does not know, kept as it came. */
export interface UnparsedRecord extends RecordBase {
  kind: 'unparsed';
  raw: string;
  reason: string;
}

export type StraceRecord = SyscallRecord | SignalRecord | ExitRecord | MessageRecord | UnparsedRecord;
