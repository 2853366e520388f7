import * as v from 'valibot';
import { type Check, compileCheck } from './compile-check';
import { SignalNameSchema } from './signals';

export const ClientModeSchema = v.picklist(['process', 'thread', 'python']);
export const RedirectModeSchema = v.picklist(['pipe', 'socket']);
export const OutputStreamSchema = v.picklist(['stdout', 'stderr']);
/** Who ended a connection first: the peer, the server (after its idle timeout), or an error. */
export const CloseCauseSchema = v.picklist(['client', 'server', 'idle-timeout', 'error']);
/** Why a connection exists: the echo server's, or the socket that carries a script's stdout. */
export const ConnectionRoleSchema = v.picklist(['echo', 'redirect']);
export const ComposerCloserSchema = v.picklist(['composer', 'server', 'error']);
export const SignalSourceSchema = v.picklist(['button', 'external', 'alarm']);
/** How a traced pid or tid came into view: the program strace started, an attach, a clone, an exec, or first seen in a line. */
export const TraceHowSchema = v.picklist(['start', 'attach', 'fork', 'thread', 'exec', 'seen']);
/** Why a trace ended: the program ended, the lab detached from it, the lab ended it, or strace failed. */
export const TraceEndReasonSchema = v.picklist(['exited', 'detached', 'stopped', 'failed']);

export type ClientMode = v.InferOutput<typeof ClientModeSchema>;
export type RedirectMode = v.InferOutput<typeof RedirectModeSchema>;
export type OutputStream = v.InferOutput<typeof OutputStreamSchema>;
export type CloseCause = v.InferOutput<typeof CloseCauseSchema>;
export type ConnectionRole = v.InferOutput<typeof ConnectionRoleSchema>;
export type ComposerCloser = v.InferOutput<typeof ComposerCloserSchema>;
export type SignalSource = v.InferOutput<typeof SignalSourceSchema>;
export type TraceHow = v.InferOutput<typeof TraceHowSchema>;
export type TraceEndReason = v.InferOutput<typeof TraceEndReasonSchema>;

/** What one connection may put into the history after its reply; the rest is only counted. */
export const MAX_EXTRA_KEPT_BYTES = 64 * 1024;
/** Payload bytes one trace keeps in the history (base64 in trace:call); later calls keep their sizes only. */
export const MAX_TRACE_KEPT_BYTES = 1024 * 1024;
/** Events one trace puts into the history; the rest are counted (trace:dropped, trace:end). */
export const MAX_TRACE_EVENTS = 100_000;
/** Output bytes a traced run's program keeps a stream; the rest are counted. */
export const MAX_TRACE_OUTPUT_BYTES = 1024 * 1024;
/** Lines of strace's output the lab could not read that one trace keeps; the rest are counted. */
export const MAX_TRACE_UNPARSED_KEPT = 100;
/** Characters kept of one text field of a traced event (arguments, an endpoint, a command, a line). */
export const MAX_TRACE_TEXT = 256;

// Built once and shared by every kind: a file is checked line by line, up to a million lines.
const num = v.pipe(v.number(), v.finite());
const str = v.string();
const bool = v.boolean();
const strings = v.array(str);
const numOrNull = v.nullable(num);
const strOrNull = v.nullable(str);
const signal = SignalNameSchema;

/** Every event carries these; `seq` and `t` are set by the event log. */
const base = {
  /** Gap-free sequence number, starting at 1. */
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  /** Microseconds since the lab started, from a monotonic clock. */
  t: num,
};

/** One kind's schema; `seq` and `t` are checked first, then the fields in the order given. */
function kind<K extends string, E extends v.ObjectEntries>(name: K, fields: E) {
  return v.object({ kind: v.literal(name), ...base, ...fields });
}

/** Every event the lab records, by kind. A new kind needs its schema here, its emitter and its view. */
export const LabEventSchema = v.variant('kind', [
  kind('server:listening', { host: str, port: num }),
  kind('server:stopped', { host: str, port: num }),
  kind('server:error', { host: str, port: num, code: str, message: str }),
  kind('conn:open', {
    connId: num,
    role: ConnectionRoleSchema,
    remoteAddress: str,
    remotePort: num,
    localPort: num,
  }),
  /** The first chunk, as recv(1024) returns it. `data` is base64. */
  kind('conn:data', { connId: num, data: str, size: num }),
  /**
   * Bytes after the first chunk: recorded, never answered. The first MAX_EXTRA_KEPT_BYTES of a connection are
   * kept; the rest is read and discarded, and counted in one summary at close (`ignored: true`, `data` empty).
   */
  kind('conn:extra', { connId: num, data: str, size: num, ignored: v.optional(v.literal(true)) }),
  kind('conn:reply', { connId: num, text: str, size: num }),
  kind('conn:close', { connId: num, cause: CloseCauseSchema, bytesIn: num, bytesOut: num }),
  kind('conn:error', { connId: num, code: str, message: str }),
  kind('conn:refused', { remoteAddress: str, remotePort: num, total: num, limit: num }),
  /** Who holds the peer's end of an external connection, read from /proc on Linux; null when unknown. */
  kind('conn:peer', { connId: num, pid: numOrNull, command: strOrNull }),
  /** A connection tied to a spawned client by what it sent. */
  kind('conn:identified', { connId: num, runId: num, clientId: str }),
  /** A connection the composer made to the lab's echo server: the lab's own, never an outsider's. */
  kind('conn:composer', { connId: num, composerId: num }),
  /** The composer connected to `host:port` from `localPort`; `keep` when it stays open for more sends. */
  kind('composer:open', { composerId: num, host: str, port: num, localPort: num, keep: bool }),
  /** Bytes the composer sent (base64). */
  kind('composer:sent', { composerId: num, data: str, size: num }),
  /** A chunk the composer's recv() returned (base64); past MAX_RECEIVED_KEPT_BYTES only counted at close. */
  kind('composer:received', { composerId: num, data: str, size: num }),
  /** Reset, refused mid-way, or no reply in time; the close follows. */
  kind('composer:error', { composerId: num, code: str, message: str }),
  /** Who closed first: the composer (after its reply, or asked to), the server, or an error. */
  kind('composer:closed', {
    composerId: num,
    by: ComposerCloserSchema,
    bytesIn: num,
    bytesOut: num,
  }),
  kind('run:start', { runId: num, mode: ClientModeSchema, count: num }),
  kind('run:end', { runId: num, accepted: strings, replied: strings, exited: strings }),
  kind('client:spawn', {
    runId: num,
    clientId: str,
    mode: ClientModeSchema,
    pid: num,
    thread: v.optional(num),
  }),
  kind('client:output', { runId: num, clientId: str, stream: OutputStreamSchema, text: str }),
  kind('client:exit', { runId: num, clientId: str, pid: num, code: numOrNull, signal: strOrNull }),
  kind('signal:received', { signal, number: num, source: SignalSourceSchema, pid: num }),
  kind('signal:sent', { signal, number: num, pid: num, target: v.picklist(['app', 'child']) }),
  /** A child's reaction to a signal the lab sent: stopped, continued, or its exit. */
  kind('child:state', { pid: num, state: v.picklist(['stopped', 'continued']) }),
  kind('target:spawn', { pid: num, signal, number: num }),
  kind('target:signal', { pid: num, signal, number: num, line: str }),
  kind('target:exit', { pid: num, code: numOrNull, signal: strOrNull }),
  kind('alarm:armed', {
    seconds: num,
    repeat: bool,
    /** Lab time (µs) when it goes off. */
    deadline: num,
    /** Seconds the replaced alarm had left, as signal.alarm() returns; 0 when none was pending. */
    previousRemaining: num,
  }),
  kind('alarm:cancelled', { remaining: num }),
  kind('alarm:fired', { repeat: bool }),
  kind('script:start', {
    scriptId: num,
    argv: strings,
    cwd: str,
    mode: RedirectModeSchema,
    shell: bool,
    pid: num,
    connId: v.optional(num),
    /** Whether Python was told not to buffer (PYTHONUNBUFFERED); absent in files from before the choice. */
    unbuffered: v.optional(bool),
  }),
  kind('script:output', { scriptId: num, stream: OutputStreamSchema, text: str }),
  /** Output beyond the per-script cap: counted, not kept. */
  kind('script:dropped', { scriptId: num, stream: OutputStreamSchema, bytes: num, limit: num }),
  kind('script:exit', { scriptId: num, pid: num, code: numOrNull, signal: strOrNull }),
  kind('script:error', { scriptId: num, argv: strings, message: str }),
  /**
   * Traced events (issue 14). `at` is the lab time (µs) strace stamped the line with (-ttt, moved onto the
   * lab's clock); `t` is when the lab read it. `pid` is the process, `tid` the thread that made the call.
   */
  kind('trace:start', {
    traceId: num,
    /** strace's own pid: the one the lab started. */
    tracerPid: num,
    /** The program's pid: the attached one; for a run, null until its first line names it (trace:process). */
    pid: numOrNull,
    /** What was run; empty when attached. */
    argv: strings,
    attached: bool,
    cwd: strOrNull,
    shell: bool,
  }),
  kind('trace:process', {
    traceId: num,
    at: num,
    pid: num,
    tid: num,
    /** Who cloned it; null for the first process and the attached ones. */
    parentTid: numOrNull,
    how: TraceHowSchema,
    /** Its command line (bounded), as exec gave it or /proc read it; null when unknown. */
    command: strOrNull,
  }),
  /**
   * One traced system call. `endpoint` is what its fd is (TCP a:p->b:q, pipe:[inode], a path), `address` the
   * address it named (bind, connect, sendto), `newFd` the fd it made (accept, dup, open, socket). `data` is
   * base64 of the bytes strace printed (at most its -s) until the trace's MAX_TRACE_KEPT_BYTES; `size` the
   * bytes moved. `errno` is set when it failed.
   */
  kind('trace:call', {
    traceId: num,
    at: num,
    pid: num,
    tid: num,
    call: str,
    fd: numOrNull,
    endpoint: strOrNull,
    address: strOrNull,
    newFd: numOrNull,
    newEndpoint: strOrNull,
    size: numOrNull,
    data: v.optional(str),
    /** The bytes were cut: by strace's -s, or the trace's kept bytes were spent. */
    truncated: v.optional(v.literal(true)),
    result: numOrNull,
    errno: strOrNull,
    /** The arguments as strace printed them, bounded (MAX_TRACE_TEXT). */
    args: str,
    /** How long the call took, µs (-T); null when it never returned. */
    durationUs: numOrNull,
  }),
  /** A traced program failed to bind the port the lab's echo server holds (EADDRINUSE): what to do, in words. */
  kind('trace:port-held', { traceId: num, pid: num, tid: num, port: num, message: str }),
  /** A signal delivered to a traced thread; `senderPid` is si_pid (who called kill), null for the kernel's. */
  kind('trace:signal', {
    traceId: num,
    at: num,
    pid: num,
    tid: num,
    signal: str,
    code: strOrNull,
    senderPid: numOrNull,
    stopped: bool,
  }),
  kind('trace:exit', { traceId: num, at: num, pid: num, tid: num, code: numOrNull, signal: strOrNull }),
  /** A line the lab could not read, kept as it came (bounded); past MAX_TRACE_UNPARSED_KEPT only counted. */
  kind('trace:unparsed', { traceId: num, line: str, reason: str, count: num }),
  /** What a traced run's program printed (strace's own lines taken out of stderr), as script:output. */
  kind('trace:output', { traceId: num, stream: OutputStreamSchema, text: str }),
  /** Output past MAX_TRACE_OUTPUT_BYTES a stream: counted, not kept; `bytes` is the running total. */
  kind('trace:output-dropped', { traceId: num, stream: OutputStreamSchema, bytes: num, limit: num }),
  /** Events past the trace's MAX_TRACE_EVENTS: counted, not kept; `events` is the running total. */
  kind('trace:dropped', { traceId: num, events: num, limit: num }),
  kind('trace:end', {
    traceId: num,
    reason: TraceEndReasonSchema,
    /** strace's exit code (a run's is its program's), or the signal that ended it. */
    code: numOrNull,
    signal: strOrNull,
    /** What went wrong, in words; null when nothing did. */
    message: strOrNull,
    unparsed: num,
    dropped: num,
    /** Calls on regular files (a program reading its own code) left out, counted. */
    skipped: num,
  }),
  /** A trace that could not start; the command fails with the same words. */
  kind('trace:error', { traceId: num, argv: strings, pid: numOrNull, message: str }),
  /** The bounded history evicted its oldest events: it keeps at most `capacity` events and `maxBytes` bytes. */
  kind('log:evicted', {
    count: num,
    total: num,
    capacity: num,
    /** Absent in session files from before the history had a byte bound. */
    maxBytes: v.optional(num),
  }),
]);

export type LabEvent = v.InferOutput<typeof LabEventSchema>;
export type LabEventKind = LabEvent['kind'];
export type LabEventOf<K extends LabEventKind> = Extract<LabEvent, { kind: K }>;
export type EventBase = Pick<LabEvent, 'seq' | 't'>;
/** What the engine builds: an event before the log stamps `seq` and `t` onto it. */
export type LabEventBody = LabEvent extends infer E
  ? E extends unknown
    ? Omit<E, keyof EventBase>
    : never
  : never;

// Each kind's schema by its name, built once: a lookup is far cheaper than the variant trying each kind in
// turn, and events are checked by the hundred thousand (every line of a file, every live batch).
const BY_KIND = new Map<string, v.GenericSchema<unknown, LabEvent>>(
  LabEventSchema.options.map((schema) => [schema.entries.kind.literal, schema]),
);
/** The same schemas compiled to plain checks: at 100,000 events a second valibot's own pass was a tenth of the page's time. */
const CHECK_BY_KIND = new Map<string, Check>(
  [...BY_KIND].map(([kind, schema]) => [kind, compileCheck(schema)]),
);

/** The schema of one event kind; undefined for a kind this version does not know. */
export function eventSchemaOf(kind: string): v.GenericSchema<unknown, LabEvent> | undefined {
  return BY_KIND.get(kind);
}

/** Whether `value` is an event of a kind this version knows, with every field as its schema says. */
export function isLabEvent(value: unknown): value is LabEvent {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  const check = typeof kind === 'string' ? CHECK_BY_KIND.get(kind) : undefined;
  return check !== undefined && !Array.isArray(value) && check(value);
}
