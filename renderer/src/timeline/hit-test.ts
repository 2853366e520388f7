import { type Drawing, groupScale } from './drawing';
import type { Hit } from './hit';
import type { IndexList } from './index-list';
import { type Lane, laneExtent } from './lane-model';
import { AXIS_H, rowAt, TOP } from './layout';
import { lowerBoundTime } from './lod';
import { type TimeScale, tOf, xOf } from './view';

/** The event in `list` nearest to x on `scale`, within `reach` px; -1 when there is none. */
function nearest(drawing: Drawing, list: IndexList, x: number, reach: number, scale = drawing.scale): number {
  const timeOf = (i: number) => drawing.data.columns.tAt(i);
  const lo = lowerBoundTime(list, timeOf, tOf(scale, x - reach));
  let best = -1;
  let bestDx = reach + 1;
  for (let i = lo; i < list.length; i++) {
    const index = list.at(i);
    const dx = Math.abs(xOf(scale, timeOf(index)) - x);
    if (xOf(scale, timeOf(index)) > x + reach) break;
    if (dx < bestDx) {
      bestDx = dx;
      best = index;
    }
  }
  return best;
}

function onSpan(drawing: Drawing, lane: Lane, x: number, scale: TimeScale): boolean {
  const extent = laneExtent(lane, drawing.now);
  if (!extent) return false;
  const t = tOf(scale, x);
  const slack = 4 / scale.k;
  return t >= extent[0] - slack && t <= extent[1] + slack;
}

/** What is under the pointer at (x, y) in the drawing last made. */
export function hitTest(drawing: Drawing, x: number, y: number): Hit | null {
  const { data } = drawing;
  // Aligned, signals are not drawn (see build-scene): nothing of theirs to find.
  const signals = !drawing.origins;
  if (y < TOP) {
    if (y < AXIS_H || !signals) return null;
    const index = nearest(drawing, data.global, x, 7);
    return index >= 0 ? { type: 'global', index } : null;
  }
  const row = rowAt(drawing.layout, y - TOP + drawing.scrollY);
  if (!row) return null;
  if (row.laneId < 0) return { type: 'group', key: row.group.key, onLabel: x < drawing.plotX0 };
  const lane = data.lanes.lanes.get(row.laneId);
  if (!lane) return null;
  if (x < drawing.plotX0) return { type: 'span', laneId: lane.id };
  const scale = groupScale(drawing, lane.groupKey);
  const marker = nearest(drawing, lane.markers, x, 6, scale);
  if (marker >= 0) return { type: 'marker', index: marker, laneId: lane.id };
  const bulk = nearest(drawing, lane.bulk, x, 3, scale);
  if (bulk >= 0) return { type: 'marker', index: bulk, laneId: lane.id };
  const signal = signals ? nearest(drawing, data.global, x, 3) : -1;
  if (signal >= 0) return { type: 'global', index: signal };
  return onSpan(drawing, lane, x, scale) ? { type: 'span', laneId: lane.id } : null;
}
