import type { LabEvent } from '../../../contract/events';
import { DEFAULT_BLOCK_BITS, EventBlock } from './event-block';
import { ShapeTable } from './shapes';

/**
 * Every retained event, in blocks of columns. Indices are absolute and only grow, so lanes can
 * keep them; evicting drops whole blocks from the front, oldest first.
 */
export class EventColumns {
  private blocks: EventBlock[] = [];
  private firstBlock = 0;
  private shapes = new ShapeTable();
  private readonly kindCodes = new Map<string, number>();
  private readonly kindNames: string[] = [];
  private readonly blockSize: number;
  private readonly mask: number;

  constructor(private readonly blockBits = DEFAULT_BLOCK_BITS) {
    this.blockSize = 1 << blockBits;
    this.mask = this.blockSize - 1;
  }

  /** Absolute index of the oldest retained event. */
  get first(): number {
    return this.firstBlock * this.blockSize;
  }

  /** One past the newest event's index. */
  get end(): number {
    const last = this.blocks.at(-1);
    return last ? last.base + last.length : this.first;
  }

  get size(): number {
    return this.end - this.first;
  }

  append(event: LabEvent): number {
    let block = this.blocks.at(-1);
    if (!block || block.full) {
      block = new EventBlock(this.end, this.shapes, this.blockSize);
      this.blocks.push(block);
    }
    return block.base + block.append(event, this.kindCode(event.kind));
  }

  kindCode(kind: string): number {
    let code = this.kindCodes.get(kind);
    if (code === undefined) {
      code = this.kindNames.length;
      if (code > 0xff) throw new Error('too many event kinds');
      this.kindCodes.set(kind, code);
      this.kindNames.push(kind);
    }
    return code;
  }

  tAt(index: number): number {
    return this.block(index).t[index & this.mask] as number;
  }

  seqAt(index: number): number {
    return this.block(index).seq[index & this.mask] as number;
  }

  kindCodeAt(index: number): number {
    return this.block(index).kind[index & this.mask] as number;
  }

  kindAt(index: number): string {
    return this.kindName(this.kindCodeAt(index));
  }

  kindName(code: number): string {
    return this.kindNames[code] as string;
  }

  has(index: number): boolean {
    return index >= this.first && index < this.end;
  }

  decode(index: number): LabEvent {
    return this.block(index).decode(index & this.mask);
  }

  /**
   * The events retained now, oldest first. Later events are not included, and eviction meanwhile takes
   * nothing away: the blocks are held from the start, and a block never changes once it is full.
   */
  *retained(): Generator<LabEvent> {
    const blocks = [...this.blocks];
    const end = this.end;
    for (const block of blocks) {
      const count = Math.min(block.length, end - block.base);
      for (let offset = 0; offset < count; offset++) yield block.decode(offset);
    }
  }

  /** First index in [lo, hi) whose time is at or after `t`; events are in time order. */
  lowerBound(t: number, lo = this.first, hi = this.end): number {
    while (lo < hi) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.tAt(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops the oldest block; returns how many events went with it. */
  evictOldestBlock(): number {
    if (this.blocks.length <= 1) return 0;
    const dropped = this.blocks.shift() as EventBlock;
    this.firstBlock += 1;
    return dropped.length;
  }

  clear(): void {
    this.blocks = [];
    this.firstBlock = 0;
    this.shapes = new ShapeTable();
  }

  private block(index: number): EventBlock {
    return this.blocks[(index >>> this.blockBits) - this.firstBlock] as EventBlock;
  }
}
