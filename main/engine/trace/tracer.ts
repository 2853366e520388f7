// Runs a program under strace, or attaches strace to a running pid (strace-session.ts follows each), after
// the checks that give each refusal its sentence; stop() detaches from an attached program and ends a run.
import type { ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  MAX_TRACE_EVENTS,
  MAX_TRACE_OUTPUT_BYTES,
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
import { exists, followStrace, type Launched, launchStrace, within } from './strace-session';
import { createTraceMapper, type TraceMapper } from './trace-events';

export const DEFAULT_MAX_TRACES = 16;

async function procText(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

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
  /** A run's program's output kept a stream; the rest is counted. */
  maxOutputBytes?: number;
  /** The port the lab's echo server holds, if any: a traced bind that fails on it is explained. */
  labPort?: () => number | null;
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
  maxOutputBytes = MAX_TRACE_OUTPUT_BYTES,
  labPort,
}: TracerDeps): Tracer {
  const traces = new Map<number, Trace>();
  // Traces past their checks and not yet tracked: counted, so requests sent together cannot pass the cap.
  let starting = 0;
  let closing = false;

  /** The checks every trace needs: Linux, strace on PATH, the lab not quitting. */
  function strace(): string {
    if (platform !== 'linux') throw new Error(NOT_LINUX);
    if (closing) throw new Error('cannot trace: the lab is shutting down');
    if (traces.size + starting >= maxTraces) {
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

  /** Follows a started strace until it ends, as a trace that stop() can end. */
  function track(
    traceId: number,
    attachedPid: number | null,
    launched: Launched,
    mapper: TraceMapper,
    readyWhen: (stderr: string) => boolean,
  ): { ready: Promise<void> } {
    const trace: Trace = {
      traceId,
      attached: attachedPid !== null,
      child: launched.child,
      stopping: false,
      ended: Promise.resolve('exited'),
    };
    const options = { log, traceId, attachedPid, launched, mapper, readyWhen, maxEvents, maxOutputBytes };
    const { ready, ended } = followStrace({ ...options, stopping: () => trace.stopping });
    trace.ended = ended.finally(() => traces.delete(traceId));
    traces.set(traceId, trace);
    return { ready };
  }

  async function run(request: TraceRunRequest) {
    const traceId = nextTraceId();
    const argv = [...request.argv];
    const shell = request.shell === true;
    let launched: Launched;
    const cwd = path.resolve(os.homedir(), request.cwd ?? '');
    let reserved = false;
    try {
      const command = strace();
      starting += 1;
      reserved = true;
      if (argv[0] === undefined || argv[0] === '') throw new Error('cannot trace an empty command');
      const problem = await cwdProblem(cwd);
      if (problem) throw new Error(`cannot trace "${argv[0]}": ${problem}`);
      const program = shell ? ['/bin/sh', '-c', argv.join(' ')] : argv;
      // strace would say "Can't stat"; looked up here, on the PATH the program would run with.
      if (!shell && findOnPath(argv[0], searchPath(), cwd) === null) {
        throw new Error(`cannot trace "${argv[0]}": command not found (ENOENT)`);
      }
      launched = await launchStrace(command, [...STRACE_FLAGS, '--', ...program], cwd);
    } catch (error) {
      const known = error instanceof Error && /^(cannot|Tracing)/.test(error.message);
      throw fail(traceId, argv, null, known ? error : new Error(`cannot trace "${argv[0]}": ${error}`));
    } finally {
      if (reserved) starting -= 1; // tracked below, before anything else can run
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
      labPort,
    });
    const { ready } = track(traceId, null, launched, mapper, () => false);
    await within(ready, startWaitMs);
    return { traceId, tracerPid, pid: mapper.firstPid };
  }

  async function attach(pid: number) {
    const traceId = nextTraceId();
    let launched: Launched;
    let command: string | null = null;
    let tids: number[] = [];
    let reserved = false;
    try {
      const found = strace();
      starting += 1;
      reserved = true;
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
      launched = await launchStrace(found, [...flags, '-p', String(pid)], undefined);
    } catch (error) {
      const known = error instanceof Error && /^(cannot|Tracing)/.test(error.message);
      throw fail(traceId, [], pid, known ? error : new Error(`cannot trace pid ${pid}: ${error}`));
    } finally {
      if (reserved) starting -= 1; // tracked below, before anything else can run
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
      labPort,
    });
    for (const event of mapper.attached(pid, tids, command)) log.append(event);
    // strace says "attached with N threads" for a program with threads.
    const confirmed = new RegExp(`^strace: Process ${pid} attached(?: with \\d+ threads)?$`, 'm');
    const { ready } = track(traceId, pid, launched, mapper, (stderr) => confirmed.test(stderr));
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
