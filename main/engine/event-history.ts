import { deflateRaw, inflateRawSync } from 'node:zlib';
import type { LabEvent } from '../../contract';

/**
 * The retained events, kept as the JSON of the batches they were sent in: one string per batch instead of a
 * few heap objects per event. The garbage collector then copies and marks a handful of strings, not a
 * million small objects, which is what made retention cost more than the echo server itself.
 */
export interface EventHistory {
  /** Adds one flushed batch, as JSON.stringify(batch) made it. */
  add(json: string, count: number): void;
  /** Drops the oldest events until at most `size` remain. */
  trimTo(size: number): void;
  /** Every retained event, oldest first (parsed anew; a late subscriber's snapshot). */
  events(): LabEvent[];
  clear(): void;
  readonly size: number;
}

/**
 * Small batches are joined until a chunk holds this many characters, so a slow trickle does not cost a string
 * (or a deflate) per event; a batch this large is a chunk by itself, kept without a copy.
 */
const SEAL_AT_CHARS = 64 * 1024;

interface Chunk {
  /** One or more JSON arrays joined by commas: `[…],[…]`; '' once deflated. */
  json: string;
  /** The same, deflated (raw, level 1), when the history keeps its chunks deflated. */
  packed: Buffer | null;
  count: number;
}

export interface EventHistoryOptions {
  /**
   * Deflate each chunk once sealed, off the main thread: ~6 times smaller (a million echo events in ~20 MB
   * instead of ~120 MB), for ~0.25 µs of CPU per event on libuv's thread pool.
   */
  deflate?: boolean;
}

function chunkJson(chunk: Chunk): string {
  return chunk.packed === null ? chunk.json : inflateRawSync(chunk.packed).toString('utf8');
}

export function createEventHistory({ deflate = false }: EventHistoryOptions = {}): EventHistory {
  let sealed: Chunk[] = [];
  let first = 0; // index of the oldest sealed chunk still kept
  let open: string[] = []; // batches not yet joined into a chunk
  let openCount = 0;
  let openChars = 0;
  let skip = 0; // events of the oldest chunk already dropped
  let size = 0;

  function seal(): void {
    if (openCount === 0) return;
    const chunk: Chunk = {
      json: open.length === 1 ? (open[0] as string) : open.join(','),
      packed: null,
      count: openCount,
    };
    sealed.push(chunk);
    open = [];
    openCount = 0;
    openChars = 0;
    if (deflate) pack(chunk);
  }

  /** The string serves until its deflated copy is in; a chunk dropped or cleared meanwhile stays dropped. */
  function pack(chunk: Chunk): void {
    deflateRaw(chunk.json, { level: 1 }, (error, packed) => {
      if (error || chunk.count === 0) return; // dropped meanwhile (a cleared one is garbage either way)
      chunk.packed = packed;
      chunk.json = '';
    });
  }

  function dropOldest(): void {
    if (first < sealed.length) {
      // Let its text go now, not at the next compaction.
      Object.assign(sealed[first] as Chunk, { json: '', packed: null, count: 0 });
      first += 1;
      if (first > 1_024 && first * 2 > sealed.length) {
        sealed = sealed.slice(first);
        first = 0;
      }
    } else {
      open = [];
      openCount = 0;
      openChars = 0;
    }
  }

  function oldestCount(): number {
    return first < sealed.length ? (sealed[first] as Chunk).count : openCount;
  }

  return {
    add(json, count) {
      if (count === 0) return;
      open.push(json);
      openCount += count;
      openChars += json.length;
      if (openChars >= SEAL_AT_CHARS) seal();
      size += count;
    },
    trimTo(target) {
      let excess = size - Math.max(0, target);
      while (excess > 0) {
        const left = oldestCount() - skip;
        if (excess < left) {
          skip += excess;
          size -= excess;
          return;
        }
        dropOldest();
        skip = 0;
        size -= left;
        excess -= left;
      }
    },
    events() {
      const pieces = sealed.slice(first).map(chunkJson);
      if (openCount > 0) pieces.push(open.join(','));
      // One chunk at a time: a million events never become one giant string.
      const all: LabEvent[] = [];
      for (const piece of pieces) {
        for (const batch of JSON.parse(`[${piece}]`) as LabEvent[][]) {
          for (const event of batch) all.push(event);
        }
      }
      return skip > 0 ? all.slice(skip) : all;
    },
    clear() {
      sealed = [];
      first = 0;
      open = [];
      openCount = 0;
      openChars = 0;
      skip = 0;
      size = 0;
    },
    get size() {
      return size;
    },
  };
}
