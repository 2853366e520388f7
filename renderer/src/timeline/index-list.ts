/** Shared by every list not yet pushed to: it has no room, so the first push grows it. */
const NONE = new Int32Array(0);

/**
 * A growable list of event indices in a typed array: it doubles when full and lets go of its front
 * when old events are evicted, so a lane with a million markers costs 4 bytes each, not an object.
 * Its array comes with the first index: each typed array is an ArrayBuffer the GC tracks, and most lanes
 * (an echo connection's) never have bulk markers.
 */
export class IndexList {
  private data: Int32Array;
  private head = 0;
  private tail = 0;

  constructor(capacity = 0) {
    this.data = capacity > 0 ? new Int32Array(capacity) : NONE;
  }

  get length(): number {
    return this.tail - this.head;
  }

  /** The i-th retained index, oldest first. */
  at(i: number): number {
    return this.data[this.head + i] as number;
  }

  last(): number {
    return this.tail > this.head ? (this.data[this.tail - 1] as number) : -1;
  }

  push(value: number): void {
    if (this.tail === this.data.length) this.grow();
    this.data[this.tail++] = value;
  }

  /** Drops every index below `min`; the list is sorted, so they are all at the front. */
  dropBelow(min: number): void {
    let lo = this.head;
    let hi = this.tail;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.data[mid] as number) < min) lo = mid + 1;
      else hi = mid;
    }
    this.head = lo;
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    }
  }

  /** A new sorted list holding both lists' indices. */
  static merge(a: IndexList, b: IndexList): IndexList {
    const out = new IndexList(Math.max(8, a.length + b.length));
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a.at(i) <= b.at(j))) out.push(a.at(i++));
      else out.push(b.at(j++));
    }
    return out;
  }

  private grow(): void {
    const used = this.tail - this.head;
    // Reuse the space the front let go of before asking for more.
    const size = used * 2 <= this.data.length ? this.data.length : this.data.length * 2;
    const next = new Int32Array(Math.max(8, size));
    next.set(this.data.subarray(this.head, this.tail));
    this.data = next;
    this.head = 0;
    this.tail = used;
  }
}
