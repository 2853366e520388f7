import { type TimeScale, xOf } from './view';

/** Sorted event indices: a lane's marker list, or any adapter with the same two members. */
export interface SortedIndices {
  readonly length: number;
  at(i: number): number;
}

export type TimeOf = (index: number) => number;

/** First position in [lo, hi) whose event is at or after lab time `t`. */
export function lowerBoundTime(
  list: SortedIndices,
  timeOf: TimeOf,
  t: number,
  lo = 0,
  hi = list.length,
): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timeOf(list.at(mid)) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Level of detail: visits the markers between lab times t0 and t1 once per pixel column they fall in,
 * as (column x, first list position, how many). Few markers are walked one by one; when there are many
 * more markers than columns, each occupied column costs one binary search, so a frame never touches
 * more than about one marker per column however many the range holds.
 */
export function forEachColumn(
  list: SortedIndices,
  timeOf: TimeOf,
  scale: TimeScale,
  t0: number,
  t1: number,
  visit: (x: number, first: number, count: number) => void,
): void {
  const lo = lowerBoundTime(list, timeOf, t0);
  const hi = lowerBoundTime(list, timeOf, t1, lo);
  if (hi <= lo) return;
  const column = (position: number) => Math.floor(xOf(scale, timeOf(list.at(position))));
  const columns = Math.ceil((t1 - t0) * scale.k) + 1;
  const dense = hi - lo > 2 * columns;
  let i = lo;
  while (i < hi) {
    const x = column(i);
    let j = i + 1;
    if (dense) {
      // The first position past column x, by binary search on the same rounding the walk uses.
      let a = j;
      let b = hi;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (column(mid) <= x) a = mid + 1;
        else b = mid;
      }
      j = a;
    } else {
      while (j < hi && column(j) === x) j += 1;
    }
    visit(x, i, j - i);
    i = j;
  }
}
