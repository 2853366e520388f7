import { laneExtent } from './lane-model';
import type { LaneSet } from './lane-set';
import type { Layout } from './layout';

/**
 * Content y of the first lane busy at lab time `t`, or of the nearest one; null when there are none. While
 * runs are aligned, `t` is µs since each run's first spawn (`origins`, by group).
 */
export function laneRowNear(
  layout: Layout,
  lanes: LaneSet,
  t: number,
  now: number,
  origins: ReadonlyMap<string, number> | null = null,
): number | null {
  let best: { y: number; distance: number } | null = null;
  for (const row of layout.rows) {
    const lane = row.laneId >= 0 ? lanes.lanes.get(row.laneId) : undefined;
    const extent = lane ? laneExtent(lane, now) : null;
    if (!extent) continue;
    const at = t + (origins?.get(row.group.key) ?? 0);
    const distance = Math.max(extent[0] - at, at - extent[1], 0);
    if (!best || distance < best.distance) best = { y: row.y, distance };
    if (distance === 0) break;
  }
  return best?.y ?? null;
}
