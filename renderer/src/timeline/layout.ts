import type { LaneGroup } from './lane-model';
import type { LaneSet } from './lane-set';

/** The time axis along the top, then the band that carries signal labels. */
export const AXIS_H = 24;
export const BAND_H = 20;
export const TOP = AXIS_H + BAND_H;
export const GROUP_H = 24;
export const LANE_H = 20;
export const GUTTER_W = 184;
export const RIGHT_PAD = 12;

export interface Row {
  /** Top of the row in content px (0 = first row), below the axis. */
  y: number;
  h: number;
  group: LaneGroup;
  /** -1 for the group's header row. */
  laneId: number;
  /** Alternate lanes get a faint band so the eye can follow a row across. */
  zebra: boolean;
}

export interface Layout {
  rows: Row[];
  height: number;
  laneY: Map<number, number>;
}

export function sortedGroups(lanes: LaneSet): LaneGroup[] {
  return [...lanes.groups.values()].sort((a, b) => a.order - b.order);
}

/** Rows top to bottom: each group's header, then its lanes unless it is collapsed. */
export function buildLayout(lanes: LaneSet, collapsed: ReadonlySet<string>): Layout {
  const rows: Row[] = [];
  const laneY = new Map<number, number>();
  let y = 0;
  for (const group of sortedGroups(lanes)) {
    rows.push({ y, h: GROUP_H, group, laneId: -1, zebra: false });
    y += GROUP_H;
    if (collapsed.has(group.key)) continue;
    group.lanes.forEach((laneId, i) => {
      rows.push({ y, h: LANE_H, group, laneId, zebra: i % 2 === 1 });
      laneY.set(laneId, y);
      y += LANE_H;
    });
  }
  return { rows, height: y, laneY };
}

/** Index of the row at content y (clamped to the rows there are); -1 when there are none. */
export function rowIndexAt(layout: Layout, y: number): number {
  const { rows } = layout;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((rows[mid] as Row).y <= y) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The row under content y, or null past the last one. */
export function rowAt(layout: Layout, y: number): Row | null {
  const row = layout.rows[rowIndexAt(layout, y)];
  return row && y < row.y + row.h ? row : null;
}

/**
 * Where to scroll so that the lane the user was looking at stays put when rows come or go above it:
 * lanes never jump under the pointer.
 */
export function anchoredScroll(before: Layout, after: Layout, scrollY: number, anchorY: number): number {
  const row = rowAt(before, scrollY + anchorY);
  if (!row) return scrollY;
  const key = row.laneId;
  const was = key >= 0 ? before.laneY.get(key) : row.y;
  const now =
    key >= 0 ? after.laneY.get(key) : after.rows.find((r) => r.laneId === -1 && r.group === row.group)?.y;
  if (was === undefined || now === undefined) return scrollY;
  return scrollY + (now - was);
}
