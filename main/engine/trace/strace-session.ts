// One strace at work: started writing into a FIFO that the lab reads without blocking a thread (strace opens
// its output close-on-exec, so the traced program never holds it, and the reader sees the end when strace is
// gone), its lines turned into bounded events, a run's program's output forwarded, and how it ended.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { constants, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LabEventBody, OutputStream, TraceEndReason } from '../../../contract';
import type { EventLog } from '../event-log';
import { createOutputForwarder, type OutputForwarder } from '../output-cap';
import { PROCESS_GROUPS } from '../process-group';
import { createStraceParser } from './strace-parse';
import type { TraceMapper } from './trace-events';
import { explainStraceFailure, lastStraceLine } from './tracer-words';

export interface Launched {
  child: ChildProcess;
  /** The reader of strace's output. */
  output: net.Socket;
  /** The temporary folder of the FIFO, removed at the end. */
  dir: string;
}

export interface FollowOptions {
  log: EventLog;
  traceId: number;
  /** The pid attached to; null for a run. */
  attachedPid: number | null;
  launched: Launched;
  mapper: TraceMapper;
  /** Whether strace's own lines so far say the trace is under way (an attach's `Process N attached`). */
  readyWhen: (stderr: string) => boolean;
  maxEvents: number;
  maxOutputBytes: number;
  /** Whether the lab asked it to end. */
  stopping: () => boolean;
}

const DROP_REPORT_MS = 1_000;
/** After strace exits, how long its last output may take to drain before the reader is cut off. */
const DRAIN_MS = 2_000;
/** Kept of strace's stderr (its own messages, and a run's program's stderr): the tail explains a failure. */
const STDERR_KEPT = 8 * 1024;
const execFileAsync = promisify(execFile);

export function exists(pid: number): 'yes' | 'no' | 'other-user' {
  try {
    process.kill(pid, 0);
    return 'yes';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? 'other-user' : 'no';
  }
}

/** Waits for `promise`, or `ms` at most; a rejection passes through. */
export async function within(promise: Promise<unknown>, ms: number): Promise<void> {
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
 * How a trace ended. strace that ended in error before it began (no first line, no word of an attach) failed;
 * an attached program still alive was detached from, whoever asked (the lab quitting
 * sends strace SIGTERM); a run ended by a signal to strace was stopped, since only the lab sends one.
 */
function endReason(
  stopping: boolean,
  attachedPid: number | null,
  code: number | null,
  signal: NodeJS.Signals | null,
  began: boolean,
): TraceEndReason {
  if (!began && code !== 0) return 'failed';
  if (attachedPid !== null) return exists(attachedPid) === 'yes' ? 'detached' : 'exited';
  return stopping || signal !== null ? 'stopped' : 'exited';
}

/** Starts strace writing into a fresh FIFO; resolves once it runs, with the reader of its output. */
export async function launchStrace(
  command: string,
  args: string[],
  cwd: string | undefined,
): Promise<Launched> {
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
export function followStrace({
  log,
  traceId,
  attachedPid,
  launched,
  mapper,
  readyWhen,
  maxEvents,
  maxOutputBytes,
  stopping,
}: FollowOptions): { ready: Promise<void>; ended: Promise<TraceEndReason> } {
  const { child, output, dir } = launched;
  const attached = attachedPid !== null;
  const parser = createStraceParser();
  let appended = 0;
  let dropped = 0;
  let reportedDrops = 0;
  let dropTimer: NodeJS.Timeout | null = null;
  let stderr = '';
  let began = false; // a run's first line, or strace's word that it attached
  const gate: { settle: ((error?: Error) => void) | null } = { settle: null };
  const ready = new Promise<void>((resolve, reject) => {
    gate.settle = (error) => {
      began = error === undefined;
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
  // A run's program writes to strace's stdout and stderr; strace's own lines (`strace: …`) are taken out.
  const forward = (stream: OutputStream): OutputForwarder =>
    createOutputForwarder({
      log,
      scriptId: traceId,
      stream,
      limit: maxOutputBytes,
      events: {
        output: (text) => ({ kind: 'trace:output', traceId, stream, text }),
        dropped: (bytes, limit) => ({ kind: 'trace:output-dropped', traceId, stream, bytes, limit }),
      },
    });
  const stdout = forward('stdout');
  const programStderr = forward('stderr');
  child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stdout?.on('end', () => stdout.end());
  let partial = '';
  function stderrLine(line: string): void {
    if (line.startsWith('strace: ')) {
      stderr = (stderr + line).slice(-STDERR_KEPT);
      if (readyWhen(stderr)) gate.settle?.();
    } else {
      programStderr.push(Buffer.from(line));
    }
  }
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (text: string) => {
    const lines = (partial + text).split(/(?<=\n)/);
    partial = lines.at(-1)?.endsWith('\n') ? '' : (lines.pop() ?? '');
    for (const line of lines) stderrLine(line);
  });
  child.stderr?.on('end', () => {
    if (partial !== '') stderrLine(partial);
    partial = '';
    programStderr.end();
  });
  const closed = (stream: NodeJS.ReadableStream | null) =>
    new Promise<void>((resolve) => (stream ? stream.once('close', () => resolve()) : resolve()));
  const streamsClosed = Promise.all([closed(child.stdout), closed(child.stderr)]);
  const outputClosed = new Promise<void>((resolve) => output.once('close', () => resolve()));
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.once('exit', (code, signal) => resolve([code, signal]));
  });

  const ended = (async () => {
    const [code, signal] = await exited;
    const drain = setTimeout(() => output.destroy(), DRAIN_MS);
    await outputClosed;
    clearTimeout(drain);
    records(null);
    reportDrops();
    // strace's last words and the program's last output; a background grandchild may hold them open.
    await within(streamsClosed, DRAIN_MS);
    child.stdout?.destroy();
    child.stderr?.destroy();
    stdout.end();
    programStderr.end();
    const reason = endReason(stopping(), attachedPid, code, signal, began);
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
    await rm(dir, { recursive: true, force: true });
    return reason;
  })();
  return { ready, ended };
}
