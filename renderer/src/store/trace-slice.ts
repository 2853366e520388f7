import type { LabEventOf, OutputStream, TraceEndReason, TraceHow } from '../../../contract/events';
import { AppendList } from './append-list';
import { MapDraft } from './draft';
import { appendOutput, type OutputText, trimOutput } from './output-text';
import type { BeginBatch, SliceContext } from './slice';

/** What a traced program did, in order: the chart and the lanes read these. */
export type TraceFact =
  | LabEventOf<'trace:process'>
  | LabEventOf<'trace:call'>
  | LabEventOf<'trace:signal'>
  | LabEventOf<'trace:exit'>;

export interface TracedThread {
  pid: number;
  tid: number;
  parentTid: number | null;
  how: TraceHow;
  command: string | null;
  at: number;
  exit: { code: number | null; signal: string | null } | null;
}

export interface TraceEnd {
  reason: TraceEndReason;
  code: number | null;
  signal: string | null;
  message: string | null;
  unparsed: number;
  dropped: number;
  skipped: number;
}

export interface Trace extends OutputText {
  traceId: number;
  tracerPid: number | null;
  /** The program's pid: known at once when attached, from strace's first line for a run. */
  pid: number | null;
  argv: readonly string[];
  cwd: string | null;
  shell: boolean;
  attached: boolean;
  startedAt: number;
  /** Every process and thread seen, by tid, in the order they appeared. */
  threads: ReadonlyMap<number, TracedThread>;
  facts: AppendList<TraceFact>;
  /** Output bytes the lab dropped past its per-stream cap (running totals), and that cap. */
  outputDropped: Record<OutputStream, number>;
  outputLimit: number | null;
  /** Events the lab dropped past the trace's bound (running total), and that bound. */
  droppedEvents: number;
  eventLimit: number | null;
  unparsed: number;
  /** The traced program could not bind the port the lab's echo server holds. */
  portHeld: { pid: number; port: number; message: string } | null;
  end: TraceEnd | null;
  /** Why the trace could not start. */
  error: string | null;
}

export interface TraceData {
  traces: ReadonlyMap<number, Trace>;
  /** The newest command's failure that named no trace (strace missing, a pid that is gone), in words. */
  traceError: string | null;
}

export interface TraceRunRequest {
  argv: string[];
  cwd?: string;
  shell?: boolean;
}

export interface TraceSlice extends TraceData {
  runTrace(request: TraceRunRequest): Promise<void>;
  attachTrace(pid: number): Promise<void>;
  stopTrace(traceId: number): Promise<void>;
}

/** Output text kept per trace, as for a script. */
export const TRACE_TEXT_LIMIT = 1024 * 1024;

const initialTraces: TraceData = { traces: new Map(), traceError: null };

/** The failure is shown in the trace panel, where it was asked for, rather than in the global error list. */
export function createTraceSlice({ set, bridge }: SliceContext): TraceSlice {
  const attempt = async (run: () => Promise<unknown>) => {
    set({ traceError: null });
    try {
      await run();
    } catch (error) {
      set({ traceError: error instanceof Error ? error.message : String(error) });
    }
  };
  return {
    ...initialTraces,
    runTrace: (request) => attempt(() => bridge.invoke('trace:run', request)),
    attachTrace: (pid) => attempt(() => bridge.invoke('trace:attach', { pid })),
    stopTrace: (traceId) => attempt(() => bridge.invoke('trace:stop', { traceId })),
  };
}

function newTrace(traceId: number, t: number): Trace {
  return {
    traceId,
    tracerPid: null,
    pid: null,
    argv: [],
    cwd: null,
    shell: false,
    attached: false,
    startedAt: t,
    threads: new Map(),
    facts: AppendList.empty(),
    segments: [],
    chars: 0,
    trimmedChars: 0,
    outputDropped: { stdout: 0, stderr: 0 },
    outputLimit: null,
    droppedEvents: 0,
    eventLimit: null,
    unparsed: 0,
    portHeld: null,
    end: null,
    error: null,
  };
}

function copyTrace(trace: Trace): Trace {
  return { ...trace, segments: [...trace.segments], outputDropped: { ...trace.outputDropped } };
}

export const beginTraceBatch: BeginBatch = (state) => {
  const traces = new MapDraft(state.traces, copyTrace);
  const facts = new Map<number, TraceFact[]>();
  const threads = new Map<number, Map<number, TracedThread>>();
  const grown = new Set<number>();
  const edit = (traceId: number, t: number): Trace => {
    const existing = traces.edit(traceId);
    if (existing) return existing;
    const trace = newTrace(traceId, t);
    traces.put(traceId, trace);
    return trace;
  };
  const addFact = (fact: TraceFact) => {
    edit(fact.traceId, fact.t);
    const list = facts.get(fact.traceId) ?? [];
    list.push(fact);
    facts.set(fact.traceId, list);
  };
  const threadsOf = (trace: Trace) => {
    let map = threads.get(trace.traceId);
    if (!map) {
      map = new Map(trace.threads);
      threads.set(trace.traceId, map);
      trace.threads = map;
    }
    return map;
  };
  return {
    apply(event) {
      switch (event.kind) {
        case 'trace:start':
          Object.assign(edit(event.traceId, event.t), {
            tracerPid: event.tracerPid,
            pid: event.pid,
            argv: event.argv,
            cwd: event.cwd,
            shell: event.shell,
            attached: event.attached,
            startedAt: event.t,
          });
          break;
        case 'trace:process': {
          addFact(event);
          const trace = edit(event.traceId, event.t);
          const { pid, tid, parentTid, how, command, at } = event;
          const known = threadsOf(trace).get(tid);
          // An exec names the same thread anew: keep when it first appeared.
          threadsOf(trace).set(tid, { pid, tid, parentTid, how, command, at: known?.at ?? at, exit: null });
          if (how === 'start' && trace.pid === null) trace.pid = pid;
          break;
        }
        case 'trace:call':
        case 'trace:signal':
          addFact(event);
          break;
        case 'trace:exit': {
          addFact(event);
          const map = threadsOf(edit(event.traceId, event.t));
          const thread = map.get(event.tid);
          if (thread) map.set(event.tid, { ...thread, exit: { code: event.code, signal: event.signal } });
          break;
        }
        case 'trace:port-held':
          edit(event.traceId, event.t).portHeld = {
            pid: event.pid,
            port: event.port,
            message: event.message,
          };
          break;
        case 'trace:unparsed':
          edit(event.traceId, event.t).unparsed = event.count;
          break;
        case 'trace:output': {
          const trace = edit(event.traceId, event.t);
          appendOutput(trace, event.stream, event.text);
          if (trace.chars > TRACE_TEXT_LIMIT) grown.add(event.traceId);
          break;
        }
        case 'trace:output-dropped': {
          const trace = edit(event.traceId, event.t);
          trace.outputDropped[event.stream] = event.bytes; // a running total per stream
          trace.outputLimit = event.limit;
          break;
        }
        case 'trace:dropped':
          Object.assign(edit(event.traceId, event.t), {
            droppedEvents: event.events,
            eventLimit: event.limit,
          });
          break;
        case 'trace:end': {
          const { reason, code, signal, message, unparsed, dropped, skipped } = event;
          const trace = edit(event.traceId, event.t);
          trace.end = { reason, code, signal, message, unparsed, dropped, skipped };
          trace.droppedEvents = Math.max(trace.droppedEvents, dropped);
          break;
        }
        case 'trace:error':
          Object.assign(edit(event.traceId, event.t), {
            argv: event.argv,
            pid: event.pid,
            attached: event.argv.length === 0,
            error: event.message,
          });
          break;
      }
    },
    finish() {
      for (const [traceId, added] of facts) {
        const trace = traces.edit(traceId);
        if (trace) trace.facts = trace.facts.concat(added);
      }
      for (const traceId of grown) {
        const trace = traces.edit(traceId);
        if (trace) trimOutput(trace, TRACE_TEXT_LIMIT);
      }
      return { traces: traces.result() };
    },
  };
};

/** Still going: strace has not ended, and the trace did start. */
export function traceRunning(trace: Trace): boolean {
  return trace.end === null && trace.error === null;
}

/** What a trace has seen, counted once here for every view: processes, the threads they started, calls. */
export function traceCounts(trace: Trace): { processes: number; threads: number; facts: number } {
  const pids = new Set<number>();
  let threads = 0;
  for (const thread of trace.threads.values()) {
    pids.add(thread.pid);
    if (thread.how === 'thread') threads += 1;
  }
  return { processes: pids.size, threads, facts: trace.facts.length };
}

/** The newest command failure that no trace in the list shows already (an attach refused after it began). */
export function unlistedTraceError(state: TraceData): string | null {
  const { traceError } = state;
  if (traceError === null) return null;
  for (const trace of state.traces.values()) if (trace.error === traceError) return null;
  return traceError;
}
