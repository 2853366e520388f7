import { laneExtent } from './lane-model';
import type { LaneSet } from './lane-set';
import type { TimeWindow } from './view';

/** One run as the timeline draws it: its group's title, and the lab times its lanes cover. */
export interface RunSpan {
  runId: number;
  title: string;
  /** Lab times (µs): the first spawn to the last exit or close, or now while a client still runs. */
  start: number;
  end: number;
}

/** Room left on each side of a framed run, as a share of its span, so its first and last markers show. */
const FRAME_PAD = 0.05;
/** A run framed before anything in it took time still gets a window a user can read: 1 ms. */
const MIN_FRAME_US = 1_000;

export function runSpan(lanes: LaneSet, key: string, now: number): RunSpan | null {
  const group = lanes.groups.get(key);
  if (group?.kind !== 'run') return null;
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (const id of group.lanes) {
    const lane = lanes.lanes.get(id);
    const extent = lane ? laneExtent(lane, now) : null;
    if (!extent) continue;
    start = Math.min(start, extent[0]);
    end = Math.max(end, extent[1]);
  }
  if (!Number.isFinite(start)) return null;
  return { runId: group.order, title: group.title, start, end }; // a run group's order is its number
}

/** Every run on the timeline, oldest first. */
export function runSpans(lanes: LaneSet, now: number): RunSpan[] {
  const spans: RunSpan[] = [];
  for (const group of lanes.groups.values()) {
    const span = group.kind === 'run' ? runSpan(lanes, group.key, now) : null;
    if (span) spans.push(span);
  }
  return spans.sort((a, b) => a.runId - b.runId);
}

/** The newest run's number, or 0 when there is none. */
export function newestRun(lanes: LaneSet): number {
  let newest = 0;
  for (const group of lanes.groups.values()) if (group.kind === 'run') newest = Math.max(newest, group.order);
  return newest;
}

/** The window that frames a run: its span, with a little room on both sides. */
export function frameWindow(span: { start: number; end: number }): TimeWindow {
  const width = Math.max(span.end - span.start, MIN_FRAME_US);
  const middle = (span.start + span.end) / 2;
  const padded = width * (1 + 2 * FRAME_PAD);
  return { start: middle - padded / 2, end: middle + padded / 2 };
}
