// The structured view of the calls that make up IPC (issue 14's list); every other call keeps its raw text.
import type { FdRef, IpcDetail, Payload, SyscallResult } from './strace-records';
import { readFd, readSockaddr, readString, readText, splitArgs } from './strace-values';

type Reader = (args: string[], result: SyscallResult | null, limit: number) => IpcDetail;

function num(text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The pair that pipe, pipe2 and socketpair fill in: `[3<pipe:[1]>, 4<pipe:[1]>]`. */
function fdPair(text: string | undefined): [FdRef, FdRef] | null {
  if (text === undefined || !text.startsWith('[') || !text.endsWith(']')) return null;
  const [a, b] = splitArgs(text.slice(1, -1)).map(readFd);
  return a && b ? [a, b] : null;
}

/** The iovecs of readv, writev, sendmsg and recvmsg, their strings put together. */
function iovPayload(text: string | undefined, limit: number): Payload | null {
  if (text === undefined) return null;
  const parts: Uint8Array[] = [];
  let truncated = false;
  let total = 0;
  for (let at = text.indexOf('iov_base="'); at >= 0; at = text.indexOf('iov_base="', at + 10)) {
    const close = text.indexOf('"', at + 10);
    if (close < 0) break;
    const dots = text.startsWith('...', close + 1);
    const part = readString(text.slice(at + 9, close + 1 + (dots ? 3 : 0)), limit - total);
    if (part === null) continue;
    parts.push(part.bytes);
    total += part.bytes.length;
    truncated ||= part.truncated;
  }
  if (parts.length === 0) return null;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { bytes, truncated };
}

function bytesMoved(result: SyscallResult | null): number | null {
  return result?.value != null && result.value >= 0 ? result.value : null;
}

/** read, write, send, recv…: `fd, "bytes", count[, flags, addr, addrlen]`. */
function data(direction: 'out' | 'in', vectored: boolean): Reader {
  return (args, result, limit) => ({
    op: 'data',
    direction,
    fd: readFd(args[0] ?? ''),
    payload: vectored ? iovPayload(args[1], limit) : readString(args[1] ?? '', limit),
    requested: vectored ? null : num(args[2]),
    bytes: bytesMoved(result),
    address: args[4] === undefined ? null : readSockaddr(args[4]),
  });
}

const fdOf = (args: string[]) => readFd(args[0] ?? '');
const address: (op: 'bind' | 'connect' | 'name') => Reader = (op) => (args) => ({
  op,
  fd: fdOf(args),
  address: readSockaddr(args[1] ?? ''),
});
const spawn: Reader = (args, result) => ({
  op: 'spawn',
  childPid: result?.value != null && result.value > 0 ? result.value : null,
  thread: (args[0] ?? '').includes('CLONE_THREAD') || (args[1] ?? '').includes('CLONE_THREAD'),
});
const open: Reader = (args, result) => {
  const at = args[0]?.startsWith('AT_FDCWD') || readFd(args[0] ?? '') !== null ? 1 : 0;
  return { op: 'open', path: readText(args[at] ?? ''), flags: args[at + 1] ?? '', fd: result?.fd ?? null };
};
const mknod: Reader = (args) => {
  const at = args.length > 3 ? 1 : 0;
  return { op: 'mknod', path: readText(args[at] ?? ''), mode: args[at + 1] ?? '' };
};
const pause: Reader = () => ({ op: 'pause' });

const READERS = new Map<string, Reader>(
  Object.entries({
    socket: (args, result) => ({
      op: 'socket',
      domain: args[0] ?? '',
      type: args[1] ?? '',
      fd: result?.fd ?? null,
    }),
    socketpair: (args) => ({ op: 'socketpair', fds: fdPair(args[3]) }),
    pipe: (args) => ({ op: 'pipe', fds: fdPair(args[0]) }),
    pipe2: (args) => ({ op: 'pipe', fds: fdPair(args[0]) }),
    bind: address('bind'),
    connect: address('connect'),
    getsockname: address('name'),
    getpeername: address('name'),
    listen: (args) => ({ op: 'listen', fd: fdOf(args), backlog: num(args[1]) }),
    accept: (args, result) => ({
      op: 'accept',
      fd: fdOf(args),
      peer: readSockaddr(args[1] ?? ''),
      newFd: result?.fd ?? null,
    }),
    accept4: (args, result) => ({
      op: 'accept',
      fd: fdOf(args),
      peer: readSockaddr(args[1] ?? ''),
      newFd: result?.fd ?? null,
    }),
    send: data('out', false),
    sendto: data('out', false),
    write: data('out', false),
    recv: data('in', false),
    recvfrom: data('in', false),
    read: data('in', false),
    sendmsg: data('out', true),
    writev: data('out', true),
    recvmsg: data('in', true),
    readv: data('in', true),
    shutdown: (args) => ({ op: 'shutdown', fd: fdOf(args), how: args[1] ?? '' }),
    close: (args) => ({ op: 'close', fd: fdOf(args) }),
    dup: (args, result) => ({ op: 'dup', fd: fdOf(args), newFd: result?.fd ?? null }),
    dup2: (args, result) => ({ op: 'dup', fd: fdOf(args), newFd: result?.fd ?? readFd(args[1] ?? '') }),
    dup3: (args, result) => ({ op: 'dup', fd: fdOf(args), newFd: result?.fd ?? readFd(args[1] ?? '') }),
    open,
    openat: open,
    mknod,
    mknodat: mknod,
    clone: spawn,
    clone3: spawn,
    fork: spawn,
    vfork: spawn,
    execve: (args) => ({
      op: 'exec',
      path: readText(args[0] ?? ''),
      argv: args[1]?.startsWith('[')
        ? splitArgs(args[1].slice(1, -1)).map((arg) => readText(arg) ?? arg)
        : [],
    }),
    exit: (args) => ({ op: 'exit', code: num(args[0]) }),
    exit_group: (args) => ({ op: 'exit', code: num(args[0]) }),
    wait4: (args, result) => ({ op: 'wait', childPid: bytesMoved(result), status: args[1] ?? '' }),
    kill: (args) => ({ op: 'kill', targetPid: num(args[0]), targetTid: null, signal: args[1] ?? '' }),
    tkill: (args) => ({ op: 'kill', targetPid: null, targetTid: num(args[0]), signal: args[1] ?? '' }),
    tgkill: (args) => ({
      op: 'kill',
      targetPid: num(args[0]),
      targetTid: num(args[1]),
      signal: args[2] ?? '',
    }),
    rt_sigaction: (args) => {
      const act = args[1] ?? '';
      const at = act.indexOf('sa_handler=');
      const end = act.indexOf(',', at);
      return {
        op: 'sigaction',
        signal: args[0] ?? '',
        handler: at < 0 ? null : act.slice(at + 11, end < 0 ? -1 : end),
      };
    },
    pause,
    rt_sigsuspend: pause,
    alarm: (args, result) => ({ op: 'alarm', seconds: num(args[0]), previous: result?.value ?? null }),
    setitimer: (args) => ({ op: 'timer', which: args[0] ?? '', value: args[1] ?? '' }),
  } satisfies Record<string, Reader>),
);

/** The structured arguments of an IPC call; null for other calls. */
export function readIpc(
  name: string,
  args: string,
  result: SyscallResult | null,
  limit: number,
): IpcDetail | null {
  const reader = READERS.get(name); // a Map: a call named `constructor` finds nothing
  return reader === undefined ? null : reader(splitArgs(args), result, limit);
}
