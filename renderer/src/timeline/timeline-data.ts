import type { LabEvent } from '../../../contract/events';
import { EventColumns } from './event-columns';
import { IndexList } from './index-list';
import { type IngestTarget, ingestEvent } from './ingest';
import { LaneSet } from './lane-set';
import { type Mark, markOfKind } from './marks';

/** Events the timeline keeps before it evicts the oldest. */
const DEFAULT_TIMELINE_CAPACITY = 1_000_000;

export interface TimelineOptions {
  capacity?: number;
  /** log2 of the events per storage block; tests use small blocks to see eviction. */
  blockBits?: number;
}

/**
 * The timeline's history, outside React and outside the zustand store: events in columns, lanes that
 * point into them, and a version that tells the canvas when to draw again.
 */
export class TimelineData implements IngestTarget, Iterable<LabEvent> {
  readonly columns: EventColumns;
  readonly lanes = new LaneSet();
  global = new IndexList();
  readonly scriptConn = new Map<number, number>();
  readonly connScript = new Map<number, { scriptId: number; command: string }>();
  readonly capacity: number;
  /** Bumped on every change. */
  version = 0;
  /** Bumped when the history is replaced (an import, or back to live): old indices mean nothing now. */
  generation = 0;
  /** Events this timeline let go of to stay within its capacity. */
  evicted = 0;
  private marks = new Uint8Array(256).fill(255);
  private readonly listeners = new Set<() => void>();

  constructor({ capacity = DEFAULT_TIMELINE_CAPACITY, blockBits }: TimelineOptions = {}) {
    this.capacity = capacity;
    this.columns = new EventColumns(blockBits);
  }

  /** Adds new events (the ingest dropped what was seen), evicts past the capacity, then tells the listeners. */
  ingest(events: readonly LabEvent[]): void {
    if (events.length === 0) return;
    for (const event of events) ingestEvent(this, event, this.columns.append(event));
    this.evictPastCapacity();
    this.changed();
  }

  reset(): void {
    this.columns.clear();
    this.lanes.clear();
    this.global = new IndexList();
    this.scriptConn.clear();
    this.connScript.clear();
    this.evicted = 0;
    this.generation += 1;
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  markAt(index: number): Mark {
    const code = this.columns.kindCodeAt(index);
    let mark = this.marks[code] as number;
    if (mark === 255) {
      mark = markOfKind(this.columns.kindName(code));
      this.marks[code] = mark;
    }
    return mark as Mark;
  }

  /** How many events are retained. */
  get count(): number {
    return this.columns.size;
  }

  /** How many events happened before the first retained one: the lab's evictions and ours. */
  get evictedBefore(): number {
    const { columns } = this;
    return columns.size > 0 ? columns.seqAt(columns.first) - 1 : this.evicted;
  }

  /** The events retained when iteration starts, oldest first, as the lab sent them. */
  [Symbol.iterator](): Iterator<LabEvent> {
    return this.columns.retained();
  }

  /** Nothing to draw but the axis: no lane and no mark (the lab's own start-up events draw neither). */
  isBlank(): boolean {
    return this.lanes.lanes.size === 0 && this.global.length === 0;
  }

  /** Lab times (µs) of the oldest and newest retained events; null when there are none. */
  extent(): { start: number; end: number } | null {
    const { columns } = this;
    if (columns.size === 0) return null;
    return { start: columns.tAt(columns.first), end: columns.tAt(columns.end - 1) };
  }

  private evictPastCapacity(): void {
    let evicted = 0;
    while (this.columns.size > this.capacity) {
      const dropped = this.columns.evictOldestBlock();
      if (dropped === 0) break;
      evicted += dropped;
    }
    if (evicted === 0) return;
    this.evicted += evicted;
    const min = this.columns.first;
    this.lanes.prune(min);
    this.global.dropBelow(min);
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
