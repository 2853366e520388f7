// Runs a program under strace, or attaches strace to a running pid, and turns what strace prints into lab
// events. strace writes into a FIFO that the lab reads without blocking a thread: strace opens its output
// close-on-exec, so the traced program never holds it, and the reader sees the end when strace is gone.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { constants, openSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  type LabEventBody,
  MAX_TRACE_EVENTS,
  type TraceAvailability,
  type TraceEndReason,
} from '../../../contract';
import type { Clock } from '../clock';
import type { EventLog } from '../event-log';
import { PROCESS_GROUPS, signalGroup } from '../process-group';
import type { ProcessRegistry } from '../process-registry';
import { cwdProblem } from '../redirect';
import { findOnPath, installHint, NOT_LINUX, traceAvailability } from './strace-command';
import { STRACE_FLAGS } from './strace-flags';
import { createStraceParser } from './strace-parse';
import { createTraceMapper, type TraceMapper } from './trace-events';
import { explainStraceFailure, lastStraceLine } from './tracer-words';

export interface TracerDeps {
  log: EventLog;
  registry: ProcessRegistry;
  clock: Clock;
  nextTraceId: () => number;
  /** The PATH strace and a run's program are looked for on (process.env.PATH when absent). */
  searchPath?: () => string | undefined;
  platform?: string;
  /** Events one trace puts into the history; the rest are counted. */
  maxEvents?: number;
  maxKeptBytes?: number;
  /** How long a run waits for strace's first line before it answers with the program's pid unknown. */
  startWaitMs?: number;
  /** How long stop waits for strace to end before SIGKILL. */
  stopGraceMs?: number;
  /** Traces at once; one more is refused. Each holds a strace, a FIFO and its reader. */
  maxTraces?: number;
}

export interface TraceRunRequest {
  argv: string[];
  cwd?: string;
  shell?: boolean;
}

export interface Tracer {
  run(request: TraceRunRequest): Promise<{ traceId: number; tracerPid: number; pid: number | null }>;
  attach(pid: number): Promise<{ traceId: number; tracerPid: number; pid: number }>;
  stop(traceId: number): Promise<{ traceId: number; reason: TraceEndReason }>;
  availability(): TraceAvailability;
  /** Ends every trace (a run's program too, detaching from attached ones) and waits for them, bounded. */
  close(): Promise<void>;
}

interface Trace {
  traceId: number;
  attached: boolean;
  child: ChildProcess;
  stopping: boolean;
  ended: Promise<TraceEndReason>;
}

const DROP_REPORT_MS = 1_000;
export const DEFAULT_MAX_TRACES = 16;
/** After strace exits, how long its last output may take to drain before the reader is cut off. */
const DRAIN_MS = 2_000;
/** Kept of strace's stderr (its own messages, and a run's program's stderr): the tail explains a failure. */
const STDERR_KEPT = 8 * 1024;
const execFileAsync = promisify(execFile);

function exists(pid: number): 'yes' | 'no' | 'other-user' {
  try {
    process.kill(pid, 0);
    return 'yes';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'other-user' : 'no';
  }
}

/** Waits for `promise`, or `ms` at most; a rejection passes through. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise, wait]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * How a trace ended. An attached program still alive was detached from, whoever asked (the lab quitting
 * sends strace SIGTERM); a run ended by a signal to strace was stopped, since only the lab sends one.
 */
function endReason(
  stopping: boolean,
  attachedPid: number | null,
  code: number | null,
  signal: NodeJS.Signals | null,
  firstPid: number | null,
): TraceEndReason {
  if (firstPid === null && code !== 0) return 'failed';
  if (attachedPid !== null) return exists(attachedPid) === 'yes' ? 'detached' : 'exited';
  return stopping || signal !== null ? 'stopped' : 'exited';
}

async function procText(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

export function createTracer({
  log,
  registry,
  clock,
  nextTraceId,
  searchPath = () => process.env.PATH,
  platform = process.platform,
  maxEvents = MAX_TRACE_EVENTS,
  maxKeptBytes,
  startWaitMs = 3_000,
  stopGraceMs = 3_000,
  maxTraces = DEFAULT_MAX_TRACES,
}: TracerDeps): Tracer {
  const traces = new Map<number, Trace>();
  let closing = false;

  /** The checks every trace needs: Linux, strace on PATH, the lab not quitting. */
  function strace(): string {
    if (platform !== 'linux') throw new Error(NOT_LINUX);
    if (closing) throw new Error('cannot trace: the lab is shutting down');
    if (traces.size >= maxTraces) {
      throw new Error(
        `cannot trace: ${maxTraces} traces are running, the most the lab runs at once; stop one first`,
      );
    }
    const found = findOnPath('strace', searchPath());
    if (found === null) throw new Error(`cannot trace: strace was not found on PATH; ${installHint()}`);
    return found;
  }

  function fail(traceId: number, argv: string[], pid: number | null, error: unknown): Error {
    const message = error instanceof Error ? error.message : String(error);
    log.append({ kind: 'trace:error', traceId, argv, pid, message });
    return new Error(message);
  }

  /** Starts strace writing into a fresh FIFO; resolves once it runs, with the reader of its output. */
  async function launch(command: string, args: string[], cwd: string | undefined) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-trace-'));
    const fifo = path.join(dir, 'strace.out');
    try {
      await execFileAsync('mkfifo', ['-m', '600', fifo]);
      // Non-blocking: no writer yet is not an end of file to a reader driven by epoll, only no data.
      const fd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
      const output = new net.Socket({ fd, readable: true, writable: false });
      const child = spawn(command, ['-o', fifo, ...args], {
        argv0: 'strace', // it prefixes its messages with argv[0]: `strace: Process 12 attached`
        cwd,
        env: process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: PROCESS_GROUPS, // a run's program is in strace's group: one signal ends both
      });
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', (error) => {
          output.destroy();
          reject(error);
        });
      });
      return { child, output, dir };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Reads strace's output into events until it ends, then says how the trace ended. `ready` settles once
   * the trace is under way (attach: strace said so; run: the first line) or strace failed first.
   */
  function follow(
    traceId: number,
    attached: boolean,
    launched: Awaited<ReturnType<typeof launch>>,
    mapper: TraceMapper,
    readyWhen: (stderr: string) => boolean,
    attachedPid: number | null,
  ): { trace: Trace; ready: Promise<void> } {
    const { child, output, dir } = launched;
    const parser = createStraceParser();
    let appended = 0;
    let dropped = 0;
    let reportedDrops = 0;
    let dropTimer: NodeJS.Timeout | null = null;
    let stderr = '';
    const gate: { settle: ((error?: Error) => void) | null } = { settle: null };
    const ready = new Promise<void>((resolve, reject) => {
      gate.settle = (error) => {
        gate.settle = null;
        if (error) reject(error);
        else resolve();
      };
    });
    ready.catch(() => {
      // Whoever waits sees it; a trace nobody waits on any more must not fail unhandled.
    });

    function reportDrops(): void {
      if (dropTimer) clearTimeout(dropTimer);
      dropTimer = null;
      if (dropped === reportedDrops) return;
      reportedDrops = dropped;
      log.append({ kind: 'trace:dropped', traceId, events: dropped, limit: maxEvents });
    }

    function append(events: LabEventBody[]): void {
      for (const event of events) {
        if (appended < maxEvents) {
          appended += 1;
          log.append(event);
          continue;
        }
        dropped += 1;
        if (reportedDrops === 0) reportDrops();
        else dropTimer ??= setTimeout(reportDrops, DROP_REPORT_MS);
      }
    }

    function records(chunk: Buffer | null): void {
      const parsed = chunk === null ? parser.end() : parser.push(chunk);
      for (const record of parsed) append(mapper.map(record));
      if (!attached && mapper.firstPid !== null) gate.settle?.();
    }

    output.on('data', (chunk: Buffer) => records(chunk));
    output.on('error', () => {
      // The end follows as 'close'.
    });
    child.stdout?.resume(); // a run's program's stdout: drained so it never blocks
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEPT);
      if (readyWhen(stderr)) gate.settle?.();
    });
    const outputClosed = new Promise<void>((resolve) => output.once('close', () => resolve()));
    const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
      child.once('exit', (code, signal) => resolve([code, signal]));
    });

    const trace: Trace = { traceId, attached, child, stopping: false, ended: Promise.resolve('exited') };
    trace.ended = (async () => {
      const [code, signal] = await exited;
      const drain = setTimeout(() => output.destroy(), DRAIN_MS);
      await outputClosed;
      clearTimeout(drain);
      records(null);
      reportDrops();
      const stderrClosed = child.stderr && !child.stderr.destroyed;
      if (stderrClosed) await new Promise((resolve) => setTimeout(resolve, 50)); // its last words
      const reason = endReason(trace.stopping, attachedPid, code, signal, mapper.firstPid);
      const message = reason === 'failed' ? explainStraceFailure(stderr, attached) : null;
      gate.settle?.(new Error(message ?? lastStraceLine(stderr) ?? 'strace ended before tracing began'));
      log.append({
        kind: 'trace:end',
        traceId,
        reason,
        code,
        signal,
        message,
        unparsed: mapper.unparsed,
        dropped,
        skipped: mapper.skipped,
      });
      traces.delete(traceId);
      await rm(dir, { recursive: true, force: true });
      return reason;
    })();
    traces.set(traceId, trace);
    return { trace, ready };
  }

  async function run(request: TraceRunRequest) {
    const traceId = nextTraceId();
    const argv = [...request.argv];
    const shell = request.shell === true;
    let launched: Awaited<ReturnType<typeof launch>>;
    const cwd = path.resolve(os.homedir(), request.cwd ?? '');
    try {
      const command = strace();
      if (argv[0] === undefined || argv[0] === '') throw new Error('cannot trace an empty command');
      const problem = await cwdProblem(cwd);
      if (problem) throw new Error(`cannot trace "${argv[0]}": ${problem}`);
      const program = shell ? ['/bin/sh', '-c', argv.join(' ')] : argv;
      // strace would say "Can't stat"; looked up here, on the PATH the program would run with.
      if (!shell && findOnPath(argv[0], searchPath(), cwd) === null) {
        throw new Error(`cannot trace "${argv[0]}": command not found (ENOENT)`);
      }
      launched = await launch(command, [...STRACE_FLAGS, '--', ...program], cwd);
    } catch (error) {
      const known = error instanceof Error && /^(cannot|Tracing)/.test(error.message);
      throw fail(traceId, argv, null, known ? error : new Error(`cannot trace "${argv[0]}": ${error}`));
    }
    const tracerPid = launched.child.pid ?? 0;
    registry.add(launched.child, 'trace', `strace ${argv[0]}`, { group: PROCESS_GROUPS });
    log.append({ kind: 'trace:start', traceId, tracerPid, pid: null, argv, attached: false, cwd, shell });
    const mapper = createTraceMapper({
      traceId,
      startedAtMs: clock.startedAtMs,
      now: clock.now,
      started: true,
      maxKeptBytes,
    });
    const { ready } = follow(traceId, false, launched, mapper, () => false, null);
    await within(ready, startWaitMs);
    return { traceId, tracerPid, pid: mapper.firstPid };
  }

  async function attach(pid: number) {
    const traceId = nextTraceId();
    let launched: Awaited<ReturnType<typeof launch>>;
    let command: string | null = null;
    let tids: number[] = [];
    try {
      const found = strace();
      if (pid === process.pid) throw new Error(`cannot trace pid ${pid}: it is the lab itself`);
      if (pid === 1) throw new Error('cannot trace pid 1: it is init, and every process depends on it');
      const state = exists(pid);
      if (state === 'no')
        throw new Error(`cannot trace pid ${pid}: no such process (ESRCH); it may have ended`);
      if (state === 'other-user') {
        throw new Error(
          `cannot trace pid ${pid}: it belongs to another user (EPERM); run the lab as that user`,
        );
      }
      const status = await procText(`/proc/${pid}/status`);
      const tracer = Number(/^TracerPid:\s*(\d+)/m.exec(status ?? '')?.[1] ?? 0);
      if (tracer !== 0) {
        throw new Error(
          `cannot trace pid ${pid}: pid ${tracer} is tracing it already, and a process has one tracer`,
        );
      }
      command = (await procText(`/proc/${pid}/cmdline`))?.split('\0').filter(Boolean).join(' ') || null;
      tids = (await readdir(`/proc/${pid}/task`).catch(() => [])).map(Number).filter(Number.isInteger);
      const flags = STRACE_FLAGS.filter((flag) => flag !== '--seccomp-bpf'); // a filter cannot be put on a running process
      launched = await launch(found, [...flags, '-p', String(pid)], undefined);
    } catch (error) {
      const known = error instanceof Error && /^(cannot|Tracing)/.test(error.message);
      throw fail(traceId, [], pid, known ? error : new Error(`cannot trace pid ${pid}: ${error}`));
    }
    const tracerPid = launched.child.pid ?? 0;
    // Quitting the lab sends strace SIGTERM, which detaches: the program goes on.
    registry.add(launched.child, 'trace', `strace -p ${pid}`, { group: PROCESS_GROUPS });
    log.append({
      kind: 'trace:start',
      traceId,
      tracerPid,
      pid,
      argv: [],
      attached: true,
      cwd: null,
      shell: false,
    });
    const mapper = createTraceMapper({
      traceId,
      startedAtMs: clock.startedAtMs,
      now: clock.now,
      started: false,
      maxKeptBytes,
    });
    for (const event of mapper.attached(pid, tids, command)) log.append(event);
    const confirmed = new RegExp(`^strace: Process ${pid} attached$`, 'm');
    const { ready } = follow(traceId, true, launched, mapper, (stderr) => confirmed.test(stderr), pid);
    try {
      await within(ready, startWaitMs); // strace still running without its word is taken as attached
    } catch (error) {
      throw fail(traceId, [], pid, error);
    }
    return { traceId, tracerPid, pid };
  }

  async function stop(traceId: number) {
    const trace = traces.get(traceId);
    if (trace === undefined) throw new Error(`no trace ${traceId} is running`);
    trace.stopping = true;
    const pid = trace.child.pid ?? 0;
    // SIGINT makes strace detach and exit; a run's program is ended with it, by its group.
    if (trace.attached)
      trace.child.kill('SIGINT'); // no throw when strace is already gone
    else if (!(PROCESS_GROUPS && signalGroup(pid, 'SIGTERM'))) trace.child.kill('SIGTERM');
    const timer = setTimeout(() => {
      if (trace.attached) trace.child.kill('SIGKILL');
      else if (!(PROCESS_GROUPS && signalGroup(pid, 'SIGKILL'))) trace.child.kill('SIGKILL');
    }, stopGraceMs);
    const reason = await trace.ended;
    clearTimeout(timer);
    return { traceId, reason };
  }

  return {
    run,
    attach,
    stop,
    availability: () => traceAvailability(searchPath(), platform),
    async close() {
      closing = true;
      await Promise.all([...traces.keys()].map((traceId) => stop(traceId).catch(() => null)));
    },
  };
}
