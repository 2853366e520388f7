import { describe, expect, it } from 'vitest';
import { EXTERNAL_GROUP, type Lane, runGroupKey } from '../../renderer/src/timeline/lane-model';
import { LaneSet } from '../../renderer/src/timeline/lane-set';
import { buildLayout, GROUP_H, LANE_H } from '../../renderer/src/timeline/layout';

/** Run 1 with three client lanes, then external clients with two. */
function twoGroups(): LaneSet {
  const lanes = new LaneSet();
  const run = lanes.group(runGroupKey(1), 'Run 1');
  for (const name of ['a', 'b', 'c']) lanes.add(run, name);
  const external = lanes.group(EXTERNAL_GROUP, 'External clients');
  for (const name of ['x', 'y']) lanes.add(external, name);
  return lanes;
}

const shape = (rows: Iterable<{ y: number; laneId: number }>) => [...rows].map((row) => [row.y, row.laneId]);

describe('timeline layout: one block per group, rows made on demand', () => {
  it('lays out headers and lanes top to bottom, and skips the lanes of a collapsed group', () => {
    const layout = buildLayout(twoGroups(), new Set());
    expect(shape(layout.rows)).toEqual([
      [0, -1],
      [24, 1],
      [44, 2],
      [64, 3],
      [84, -1],
      [108, 4],
      [128, 5],
    ]);
    expect(layout.height).toBe(2 * GROUP_H + 5 * LANE_H);
    const collapsed = buildLayout(twoGroups(), new Set([runGroupKey(1)]));
    expect(shape(collapsed.rows)).toEqual([
      [0, -1],
      [24, -1],
      [48, 4],
      [68, 5],
    ]);
  });

  it('walks from the row under any y, and finds the row under a point', () => {
    const layout = buildLayout(twoGroups(), new Set());
    expect(shape(layout.rowsFrom(50))).toEqual(shape(layout.rows).slice(2));
    expect(shape(layout.rowsFrom(90))).toEqual(shape(layout.rows).slice(4));
    expect(shape(layout.rowsFrom(10_000))).toEqual([]);
    expect(layout.rowAt(70)?.laneId).toBe(3);
    expect(layout.rowAt(100)?.laneId).toBe(-1);
    expect(layout.rowAt(layout.height)).toBeNull();
    expect(layout.rowAt(-1)).toBeNull();
  });

  it('keeps its rows when lanes are added or removed after it was built', () => {
    const lanes = twoGroups();
    const layout = buildLayout(lanes, new Set());
    const before = shape(layout.rows);
    const run = lanes.groups.get(runGroupKey(1));
    if (!run) throw new Error('no run group');
    lanes.add(run, 'd');
    lanes.adopt(lanes.lanes.get(1) as Lane, lanes.lanes.get(2) as Lane);
    expect(shape(buildLayout(lanes, new Set()).rowsFrom(0))).not.toEqual(before);
    expect(shape(layout.rowsFrom(0))).toEqual(before);
  });
});
