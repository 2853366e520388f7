import type { LaneGroup } from './lane-model';
import type { LaneSet } from './lane-set';

/** The time axis along the top, then the band that carries signal labels. */
export const AXIS_H = 24;
const BAND_H = 20;
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

/** One group's rows: its header at `y`, then `shown` lanes (none while collapsed). */
interface Block {
  group: LaneGroup;
  y: number;
  /** The group's lane ids as they were: lanes are only appended to this array, never moved in it. */
  lanes: readonly number[];
  shown: number;
}

/**
 * Rows top to bottom, one block per group, so building it costs O(groups) rather than O(lanes): a flood of
 * connections adds lanes every frame. Rows are made on demand for the part on screen.
 */
export class Layout {
  private readonly byGroup = new Map<string, Block>();
  private all: Row[] | null = null;

  constructor(
    private readonly blocks: readonly Block[] = [],
    readonly height = 0,
  ) {
    for (const block of blocks) this.byGroup.set(block.group.key, block);
  }

  /** Every row; O(lanes), for a walk over all of them. */
  get rows(): readonly Row[] {
    this.all ??= [...this.rowsFrom(0)];
    return this.all;
  }

  /** The row at content y, then every row below it. */
  *rowsFrom(y: number): Generator<Row> {
    let at = Math.max(0, this.blockIndexAt(y));
    const start = this.blocks[at];
    if (!start) return;
    let header = y < start.y + GROUP_H;
    let first = header ? 0 : Math.floor((y - start.y - GROUP_H) / LANE_H);
    for (; at < this.blocks.length; at++) {
      const block = this.blocks[at] as Block;
      if (header) yield this.header(block);
      for (let i = first; i < block.shown; i++) yield this.laneRow(block, i);
      header = true;
      first = 0;
    }
  }

  /** The row under content y, or null past the last one. */
  rowAt(y: number): Row | null {
    const block = this.blocks[this.blockIndexAt(y)];
    if (!block) return null;
    if (y < block.y + GROUP_H) return this.header(block);
    const i = Math.floor((y - block.y - GROUP_H) / LANE_H);
    return i < block.shown ? this.laneRow(block, i) : null;
  }

  /** Content y of a lane's row, of a group's header for -1; undefined when it is not shown. */
  rowY(group: LaneGroup, laneId: number): number | undefined {
    const block = this.byGroup.get(group.key);
    if (!block || laneId < 0) return block?.y;
    const i = block.lanes.indexOf(laneId);
    return i >= 0 && i < block.shown ? block.y + GROUP_H + i * LANE_H : undefined;
  }

  private blockIndexAt(y: number): number {
    let lo = 0;
    let hi = this.blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.blocks[mid] as Block).y <= y) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private header(block: Block): Row {
    return { y: block.y, h: GROUP_H, group: block.group, laneId: -1, zebra: false };
  }

  private laneRow(block: Block, i: number): Row {
    const y = block.y + GROUP_H + i * LANE_H;
    return { y, h: LANE_H, group: block.group, laneId: block.lanes[i] as number, zebra: i % 2 === 1 };
  }
}

function sortedGroups(lanes: LaneSet): LaneGroup[] {
  return [...lanes.groups.values()].sort((a, b) => a.order - b.order);
}

/**
 * Each group's header, then its lanes unless it is collapsed. `runsOnly` while runs are aligned: only a run
 * has a first spawn to start from, and any other lane left on the lab's clock, under an axis of ms since a
 * spawn, would read as part of a race it never ran in; so they are hidden, not drawn misplaced.
 */
export function buildLayout(lanes: LaneSet, collapsed: ReadonlySet<string>, runsOnly = false): Layout {
  const blocks: Block[] = [];
  let y = 0;
  for (const group of sortedGroups(lanes)) {
    if (runsOnly && group.kind !== 'run') continue;
    const shown = collapsed.has(group.key) ? 0 : group.lanes.length;
    blocks.push({ group, y, lanes: group.lanes, shown });
    y += GROUP_H + shown * LANE_H;
  }
  return new Layout(blocks, y);
}

/** The row under content y, or null past the last one. */
export function rowAt(layout: Layout, y: number): Row | null {
  return layout.rowAt(y);
}

/**
 * Where to scroll so that the lane the user was looking at stays put when rows come or go above it:
 * lanes never jump under the pointer.
 */
export function anchoredScroll(before: Layout, after: Layout, scrollY: number, anchorY: number): number {
  const row = before.rowAt(scrollY + anchorY);
  if (!row) return scrollY;
  const now = after.rowY(row.group, row.laneId);
  return now === undefined ? scrollY : scrollY + (now - row.y);
}
