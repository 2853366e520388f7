import { formatMicros } from '../lib/ticks';
import type { Lane } from './lane-model';
import { type RunSpan, runSpans } from './runs';
import { globalLabel } from './scene-global';
import type { TimelineData } from './timeline-data';

export interface SummaryLane {
  id: number;
  group: string;
  label: string;
  detail: string;
  opened: string;
  closed: string;
  closedBy: string;
  bytes: string;
}

export interface SummaryMark {
  index: number;
  label: string;
  time: string;
}

/** What a screen reader, and a test, can read of the canvas: counts, and the newest few of each. */
export interface TimelineSummary {
  connections: number;
  lanes: number;
  groups: number;
  /** Lanes of traced programs: their threads, sockets and pipes. */
  traced: number;
  events: number;
  evicted: number;
  capacity: number;
  marks: number;
  /** Nothing drawn but the axis: the empty state shows instead. */
  blank: boolean;
  newestLanes: SummaryLane[];
  newestMarks: SummaryMark[];
  /** The newest runs, oldest first: each a header the user can frame. */
  runs: RunSpan[];
}

export const SUMMARY_LANES = 50;
export const SUMMARY_RUNS = 12;
const SUMMARY_MARKS = 20;

function summariseLane(data: TimelineData, lane: Lane): SummaryLane {
  return {
    id: lane.id,
    group: data.lanes.groups.get(lane.groupKey)?.title ?? '',
    label: lane.label,
    detail: lane.detail,
    opened: Number.isNaN(lane.openT) ? '' : formatMicros(lane.openT),
    closed: Number.isNaN(lane.closeT) ? 'open' : formatMicros(lane.closeT),
    closedBy: lane.cause ?? '',
    bytes: `${lane.bytesIn} in, ${lane.bytesOut} out`,
  };
}

const newerFirst = (a: Lane, b: Lane) => b.openT - a.openT || b.id - a.id;

/**
 * The newest `count` lanes with a connection, newest first. Lanes come oldest first, so inserting each into a
 * short sorted list walks it every time; a sort of the nearly ordered whole is faster.
 */
function newestConnected(lanes: Iterable<Lane>, count: number): Lane[] {
  const connected: Lane[] = [];
  for (const lane of lanes) if (lane.connId >= 0) connected.push(lane);
  return connected.sort(newerFirst).slice(0, count);
}

export function summarise(data: TimelineData): TimelineSummary {
  const newestMarks: SummaryMark[] = [];
  for (let i = data.global.length - 1; i >= 0 && newestMarks.length < SUMMARY_MARKS; i--) {
    const index = data.global.at(i);
    const event = data.columns.decode(index);
    newestMarks.push({ index, label: globalLabel(event), time: formatMicros(event.t) });
  }
  return {
    connections: data.lanes.connectionCount,
    lanes: data.lanes.lanes.size,
    groups: data.lanes.groups.size,
    traced: data.lanes.tracedLaneCount(),
    events: data.columns.size,
    evicted: data.evicted,
    capacity: data.capacity,
    marks: data.global.length,
    blank: data.isBlank(),
    newestLanes: newestConnected(data.lanes.lanes.values(), SUMMARY_LANES).map((lane) =>
      summariseLane(data, lane),
    ),
    newestMarks,
    // A run still going ends at the newest event here: the summary is a moment's picture.
    runs: runSpans(data.lanes, data.extent()?.end ?? 0).slice(-SUMMARY_RUNS),
  };
}

/** Hands on a new summary at most every `intervalMs` while the data changes; returns the function that stops. */
export function watchSummary(
  data: TimelineData,
  publish: (summary: TimelineSummary) => void,
  intervalMs = 250,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stale = false;
  const refresh = () => {
    timer = null;
    if (!stale) return;
    stale = false;
    publish(summarise(data));
    timer = setTimeout(refresh, intervalMs);
  };
  const changed = () => {
    stale = true;
    timer ??= setTimeout(refresh, 0);
  };
  const stop = data.subscribe(changed);
  changed(); // what changed before the watch began
  return () => {
    stop();
    if (timer !== null) clearTimeout(timer);
  };
}
