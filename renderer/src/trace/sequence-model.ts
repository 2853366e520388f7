import type { Trace, TraceFact } from '../store/trace-slice';
import {
  clientLifeline,
  LAB_LIFELINE,
  type Lifeline,
  OUTSIDE_LIFELINE,
  type SeqArrow,
  type Sequence,
  type SequenceContext,
  threadLifeline,
} from './sequence-types';
import { type PlacedFact, signalArrows } from './signal-arrows';
import { type PlacedCall, streamArrows } from './stream-arrows';

/** `python3 socket_preview.py` from `/usr/bin/python3 /home/me/socket_preview.py`: names, not paths. */
export function shortCommand(command: string | null): string {
  if (!command) return 'command unknown';
  return command
    .split(' ')
    .map((word) => (word.startsWith('/') ? word.slice(word.lastIndexOf('/') + 1) : word))
    .join(' ');
}

function threadLifelines(trace: Trace): Lifeline[] {
  return [...trace.threads.values()].map((thread) => ({
    key: threadLifeline(trace.traceId, thread.tid),
    kind: 'thread',
    label: thread.tid === thread.pid ? `pid ${thread.pid}` : `tid ${thread.tid}`,
    detail: thread.tid === thread.pid ? shortCommand(thread.command) : `thread of ${thread.pid}`,
  }));
}

const edgeLifelines = {
  [LAB_LIFELINE]: { key: LAB_LIFELINE, kind: 'lab', label: 'the lab', detail: 'IPC Scope' },
  [OUTSIDE_LIFELINE]: {
    key: OUTSIDE_LIFELINE,
    kind: 'outside',
    label: 'outside',
    detail: 'a terminal or another process',
  },
} satisfies Record<string, Lifeline>;

/**
 * The message sequence chart of the given traces: a lifeline for the lab, each traced process and thread,
 * each client of the lab's and anyone outside that took part, and the arrows between them in time order.
 */
export function buildSequence(traces: readonly Trace[], context: SequenceContext): Sequence {
  const facts: PlacedFact[] = [];
  const calls: PlacedCall[] = [];
  const mainThread = new Map<number, string>(); // pid -> its lifeline
  for (const trace of traces) {
    for (const thread of trace.threads.values()) {
      if (!mainThread.has(thread.pid)) mainThread.set(thread.pid, threadLifeline(trace.traceId, thread.pid));
    }
    for (const fact of trace.facts as Iterable<TraceFact>) {
      const lifeline = threadLifeline(trace.traceId, fact.tid);
      facts.push({ fact, lifeline });
      if (fact.kind === 'trace:call') calls.push({ call: fact, lifeline, attached: trace.attached });
    }
  }
  const byTime = (a: { at: number; seq: number }, b: { at: number; seq: number }) =>
    a.at - b.at || a.seq - b.seq;
  facts.sort((a, b) => byTime(a.fact, b.fact));
  const arrows = [
    ...streamArrows(calls, context),
    ...signalArrows(facts, context, (pid) => mainThread.get(pid) ?? null),
  ].sort((a, b) => a.t0 - b.t0 || a.t1 - b.t1 || (a.id < b.id ? -1 : 1));

  const used = new Set(arrows.flatMap((arrow) => [arrow.from, arrow.to]));
  const lifelines: Lifeline[] = [edgeLifelines[LAB_LIFELINE]];
  for (const [pid, clientId] of context.clientPids) {
    const key = clientLifeline(pid);
    if (used.has(key)) lifelines.push({ key, kind: 'client', label: `client ${pid}`, detail: clientId });
  }
  for (const trace of traces) lifelines.push(...threadLifelines(trace));
  if (used.has(OUTSIDE_LIFELINE)) lifelines.push(edgeLifelines[OUTSIDE_LIFELINE]);
  return { lifelines, arrows };
}

/** The arrows that touch the time window the timeline shows. */
export function arrowsInWindow(
  arrows: readonly SeqArrow[],
  window: { start: number; end: number } | null,
): readonly SeqArrow[] {
  if (!window) return arrows;
  return arrows.filter((arrow) => arrow.t1 >= window.start && arrow.t0 <= window.end);
}
