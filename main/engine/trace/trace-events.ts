// strace's records as lab events: which thread belongs to which process, what each fd is, the bytes moved
// (bounded), and calls on regular files (a program reading its own code) left out and counted.
import {
  type LabEventBody,
  MAX_TRACE_KEPT_BYTES,
  MAX_TRACE_TEXT,
  MAX_TRACE_UNPARSED_KEPT,
  type TraceHow,
} from '../../../contract';
import type {
  Endpoint,
  FdRef,
  IpcDetail,
  SocketAddress,
  StraceRecord,
  SyscallRecord,
} from './strace-records';

export interface TraceMapperOptions {
  traceId: number;
  /** The lab clock's startedAtMs: strace's epoch µs minus this (in µs) is lab time. */
  startedAtMs: number;
  /** Lab time now, for a line strace printed without a time. */
  now: () => number;
  /** The program strace starts (a run): its first pid comes out as `start`; false when attached. */
  started: boolean;
  maxKeptBytes?: number;
  /** The port the lab's echo server holds, if any: a traced bind that fails on it is explained. */
  labPort?: () => number | null;
}

export interface TraceMapper {
  map(record: StraceRecord): LabEventBody[];
  /** Threads of an attached process, from /proc: each comes out as `attach`. */
  attached(pid: number, tids: number[], command: string | null): LabEventBody[];
  /** The first pid strace printed: a run's program. */
  readonly firstPid: number | null;
  readonly unparsed: number;
  readonly skipped: number;
}

const bound = (text: string) =>
  text.length > MAX_TRACE_TEXT ? `${text.slice(0, MAX_TRACE_TEXT - 1)}…` : text;

export function formatAddress(address: SocketAddress | null): string | null {
  if (address === null) return null;
  if (address.port === null) return bound(address.address);
  return address.address.includes(':')
    ? `[${address.address}]:${address.port}`
    : `${address.address}:${address.port}`;
}

/** What an fd is, as strace -yy words it: TCP:[a:p->b:q], UNIX:[inode->peer], pipe:[inode], a path. */
export function formatEndpoint(endpoint: Endpoint | null | undefined): string | null {
  if (!endpoint) return null;
  switch (endpoint.type) {
    case 'tcp':
    case 'udp': {
      const name = `${endpoint.type.toUpperCase()}${endpoint.ipv6 ? 'v6' : ''}`;
      if (endpoint.local === null) return `${name}:[${endpoint.inode ?? '?'}]`;
      const remote = formatAddress(endpoint.remote);
      return bound(`${name}:[${formatAddress(endpoint.local)}${remote ? `->${remote}` : ''}]`);
    }
    case 'unix':
      return bound(
        endpoint.path ??
          `UNIX:[${endpoint.inode ?? '?'}${endpoint.peerInode ? `->${endpoint.peerInode}` : ''}]`,
      );
    case 'pipe':
      return `pipe:[${endpoint.inode}]`;
    case 'path':
      return bound(endpoint.path);
    default:
      return bound(endpoint.text);
  }
}

interface CallFields {
  fd: FdRef | null;
  newFd: FdRef | null;
  address: SocketAddress | null;
}

function fieldsOf(ipc: IpcDetail | null): CallFields {
  const none: CallFields = { fd: null, newFd: null, address: null };
  if (ipc === null) return none;
  switch (ipc.op) {
    case 'socket':
      return { ...none, newFd: ipc.fd };
    case 'pipe':
    case 'socketpair':
      return { ...none, fd: ipc.fds?.[0] ?? null, newFd: ipc.fds?.[1] ?? null };
    case 'bind':
    case 'connect':
    case 'name':
      return { ...none, fd: ipc.fd, address: ipc.address };
    case 'accept':
      return { fd: ipc.fd, newFd: ipc.newFd, address: ipc.peer };
    case 'data':
      return { ...none, fd: ipc.fd, address: ipc.address };
    case 'listen':
    case 'shutdown':
    case 'close':
      return { ...none, fd: ipc.fd };
    case 'dup':
      return { ...none, fd: ipc.fd, newFd: ipc.newFd };
    case 'open':
      return { ...none, newFd: ipc.fd };
    default:
      return none;
  }
}

const isFile = (ref: FdRef | null) => ref?.endpoint?.type === 'path' && ref.endpoint.device === null;

export function createTraceMapper(options: TraceMapperOptions): TraceMapper {
  const { traceId } = options;
  const maxKept = options.maxKeptBytes ?? MAX_TRACE_KEPT_BYTES;
  const offsetUs = options.startedAtMs * 1_000;
  const processOf = new Map<number, number>(); // tid -> pid (thread group)
  const commands = new Map<number, string>(); // pid -> command line
  const fifos = new Set<string>();
  let firstPid: number | null = null;
  let kept = 0;
  let unparsed = 0;
  let skipped = 0;

  const at = (timeUs: number | null) => (timeUs === null ? options.now() : Math.round(timeUs - offsetUs));
  const pidOf = (tid: number) => processOf.get(tid) ?? tid;

  function process(tid: number, pid: number, how: TraceHow, parentTid: number | null, time: number | null) {
    processOf.set(tid, pid);
    return {
      kind: 'trace:process',
      traceId,
      at: at(time),
      pid,
      tid,
      parentTid,
      how,
      command: commands.get(pid) ?? null,
    } satisfies LabEventBody;
  }

  /** A tid seen for the first time: the run's program, or one whose clone was not seen (yet). */
  function sighted(tid: number | null, time: number | null, out: LabEventBody[]): number {
    if (tid === null) return 0;
    if (processOf.has(tid)) return tid;
    const first = firstPid === null;
    firstPid ??= tid;
    out.push(process(tid, tid, first && options.started ? 'start' : 'seen', null, time));
    return tid;
  }

  const isFifo = (path: string | null) =>
    path !== null && [...fifos].some((fifo) => path === fifo || path.endsWith(`/${fifo}`));

  /** Calls on regular files: Python reading its modules would bury the IPC. */
  function noise(record: SyscallRecord): boolean {
    const ipc = record.ipc;
    if (ipc === null) return false;
    if (ipc.op === 'mknod') {
      if (ipc.mode.includes('S_IFIFO') && ipc.path !== null) fifos.add(ipc.path);
      return false;
    }
    if (ipc.op === 'open') return !isFifo(ipc.path);
    if (ipc.op === 'sigaction') return ipc.handler === null; // a query, not an install
    if (ipc.op === 'data' || ipc.op === 'close' || ipc.op === 'dup') {
      const ref = ipc.fd;
      return isFile(ref) && !isFifo(ref?.endpoint?.type === 'path' ? ref.endpoint.path : null);
    }
    return false;
  }

  function call(record: SyscallRecord, tid: number): LabEventBody {
    const { fd, newFd, address } = fieldsOf(record.ipc);
    const ipc = record.ipc;
    const payload = ipc?.op === 'data' ? ipc.payload : null;
    let data: string | undefined;
    let truncated = payload?.truncated === true;
    if (payload !== null && payload.bytes.length > 0) {
      if (kept + payload.bytes.length <= maxKept) {
        kept += payload.bytes.length;
        data = Buffer.from(payload.bytes.buffer, payload.bytes.byteOffset, payload.bytes.length).toString(
          'base64',
        );
      } else {
        truncated = true;
      }
    }
    return {
      kind: 'trace:call',
      traceId,
      at: at(record.timeUs),
      pid: pidOf(tid),
      tid,
      call: record.name,
      fd: fd?.fd ?? null,
      endpoint: formatEndpoint(fd?.endpoint),
      address: formatAddress(address),
      newFd: newFd?.fd ?? null,
      newEndpoint: formatEndpoint(newFd?.endpoint),
      size: ipc?.op === 'data' ? ipc.bytes : null,
      ...(data === undefined ? {} : { data }),
      ...(truncated ? { truncated: true as const } : {}),
      result: record.result?.value ?? null,
      errno: record.result?.errno ?? null,
      args: bound(record.args),
      durationUs: record.durationUs,
    };
  }

  function syscall(record: SyscallRecord, out: LabEventBody[]): void {
    const ipc = record.ipc;
    const exec = ipc?.op === 'exec' && record.result?.value === 0 && record.pid !== null;
    const known = record.pid !== null && processOf.has(record.pid);
    if (exec && record.pid !== null) {
      // Named before it is first seen, so that a run's `start` carries its command.
      commands.set(pidOf(record.pid), bound(ipc.argv.join(' ') || (ipc.path ?? '')));
    }
    const tid = sighted(record.pid, record.timeUs, out);
    if (ipc?.op === 'spawn' && ipc.childPid !== null) {
      const child = ipc.childPid;
      out.push(
        process(child, ipc.thread ? pidOf(tid) : child, ipc.thread ? 'thread' : 'fork', tid, record.timeUs),
      );
      return;
    }
    if (exec) {
      if (known) out.push(process(tid, pidOf(tid), 'exec', null, record.timeUs));
      return;
    }
    if (ipc?.op === 'exit') return; // its `+++ exited +++` line says it, with the code
    if (noise(record)) {
      skipped += 1;
      return;
    }
    out.push(call(record, tid));
    const port = record.ipc?.op === 'bind' ? record.ipc.address?.port : null;
    if (record.result?.errno === 'EADDRINUSE' && port != null && port === options.labPort?.()) {
      out.push({
        kind: 'trace:port-held',
        traceId,
        pid: pidOf(tid),
        tid,
        port,
        message: `pid ${pidOf(tid)} could not bind port ${port}: the lab's echo server holds it. Move the lab's server to another port, or stop it, and trace again.`,
      });
    }
  }

  return {
    map(record) {
      const out: LabEventBody[] = [];
      switch (record.kind) {
        case 'syscall':
          syscall(record, out);
          break;
        case 'signal': {
          const tid = sighted(record.pid, record.timeUs, out);
          out.push({
            kind: 'trace:signal',
            traceId,
            at: at(record.timeUs),
            pid: pidOf(tid),
            tid,
            signal: bound(record.signal),
            code: record.code,
            senderPid: record.senderPid,
            stopped: record.stopped,
          });
          break;
        }
        case 'exit': {
          if (record.how === 'superseded') break; // another thread's execve: the process goes on
          const tid = sighted(record.pid, record.timeUs, out);
          out.push({
            kind: 'trace:exit',
            traceId,
            at: at(record.timeUs),
            pid: pidOf(tid),
            tid,
            code: record.code,
            signal: record.signal,
          });
          break;
        }
        case 'unparsed':
          unparsed += 1;
          if (unparsed <= MAX_TRACE_UNPARSED_KEPT) {
            out.push({
              kind: 'trace:unparsed',
              traceId,
              line: bound(record.raw),
              reason: record.reason,
              count: unparsed,
            });
          }
          break;
        default:
          break; // strace's own messages: attaches and detaches are said by the tracer
      }
      return out;
    },
    attached(pid, tids, command) {
      if (command !== null) commands.set(pid, bound(command));
      firstPid ??= pid;
      return [pid, ...tids.filter((tid) => tid !== pid)].map((tid) =>
        process(tid, pid, 'attach', null, null),
      );
    },
    get firstPid() {
      return firstPid;
    },
    get unparsed() {
      return unparsed;
    },
    get skipped() {
      return skipped;
    },
  };
}
