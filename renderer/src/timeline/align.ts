import type { Drawing } from './drawing';
import type { Hit } from './hit';
import { runGroupKey } from './lane-model';
import type { LaneSet } from './lane-set';
import { runSpans } from './runs';
import type { TimeWindow } from './view';

/** Runs aligned at their first spawns: where each run's time starts, and how far the longest one reaches. */
export interface Alignment {
  /** Each run group's first spawn (lab µs): its 0 on the aligned axis. */
  origins: ReadonlyMap<string, number>;
  /** µs since the first spawn: 0 to the end of the longest run; null with no run. */
  extent: TimeWindow | null;
}

/** The alignment of every run on the timeline; a run's first spawn is its `runSpan` start, derived there. */
export function alignment(lanes: LaneSet, now: number): Alignment {
  const origins = new Map<string, number>();
  let longest = Number.NEGATIVE_INFINITY;
  for (const span of runSpans(lanes, now)) {
    origins.set(runGroupKey(span.runId), span.start);
    longest = Math.max(longest, span.end - span.start);
  }
  return { origins, extent: Number.isFinite(longest) ? { start: 0, end: longest } : null };
}

/** The first spawn a hit's times are told from while aligned; null when not aligned or not in a run. */
export function hitOrigin(drawing: Drawing, hit: Hit | null): number | null {
  if (!drawing.origins || (hit?.type !== 'marker' && hit?.type !== 'span')) return null;
  const lane = drawing.data.lanes.lanes.get(hit.laneId);
  return (lane && drawing.origins.get(lane.groupKey)) ?? null;
}
