import { deflateRaw, inflateRawSync } from 'node:zlib';
import type { LabEvent } from '../../contract';

/**
 * The retained events, kept as the JSON of the batches they were sent in: one string per batch instead of a
 * few heap objects per event. The garbage collector then copies and marks a handful of strings, not a
 * million small objects, which is what made retention cost more than the echo server itself.
 */
export interface EventHistory {
  /**
   * Adds one flushed batch, as JSON.stringify(batch) made it. Past the byte budget, whole oldest chunks go
   * (the new one too, if it alone is over): `size` says what is left.
   */
  add(json: string, count: number): void;
  /** Drops the oldest events until at most `size` remain. */
  trimTo(size: number): void;
  /** The events retained now, to be read a piece at a time (a late subscriber's snapshot). */
  pieces(): HistoryPieces;
  clear(): void;
  readonly size: number;
  /** What the retained events cost against the byte budget: raw text, or deflated once that is in. */
  readonly bytes: number;
}

/**
 * The events retained at one moment, oldest first, parsed a piece at a time as they are asked for: a million
 * events are never all objects at once. Later appends, evictions and clears do not change them.
 */
export interface HistoryPieces {
  /** How many events all the pieces hold. */
  readonly size: number;
  /** The next piece (one stored chunk: up to a few thousand events), or null after the last. */
  next(): LabEvent[] | null;
}

/**
 * Small batches are joined until a chunk holds this many characters, so a slow trickle does not cost a string
 * (or a deflate) per event; a batch this large is a chunk by itself, kept without a copy.
 */
const SEAL_AT_CHARS = 64 * 1024;

/** What one chunk's text costs in memory now, for the byte budget. */
function costOf(chunk: Chunk): number {
  return chunk.packed?.length ?? chunk.json.length;
}

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
  /**
   * The most the kept chunks may hold, in bytes, a character counted as one: V8 keeps the mostly-ASCII JSON
   * at a byte a character (a chunk with wider characters costs up to twice that).
   */
  maxBytes?: number;
}

/** A chunk's text as it is now: a string, or its deflated copy once that is in. */
type ChunkText = string | Buffer;

function textOf(chunk: Chunk): ChunkText {
  return chunk.packed ?? chunk.json;
}

function parseChunk(text: ChunkText): LabEvent[] {
  const json = typeof text === 'string' ? text : inflateRawSync(text).toString('utf8');
  return (JSON.parse(`[${json}]`) as LabEvent[][]).flat();
}

export function createEventHistory({
  deflate = false,
  maxBytes = Number.POSITIVE_INFINITY,
}: EventHistoryOptions = {}): EventHistory {
  let sealed: Chunk[] = [];
  let first = 0; // index of the oldest sealed chunk still kept
  let open: string[] = []; // batches not yet joined into a chunk
  let openCount = 0;
  let openChars = 0;
  let skip = 0; // events of the oldest chunk already dropped
  let size = 0;
  let bytes = 0; // what the kept chunks and the open batches hold

  function seal(): void {
    if (openCount === 0) return;
    const chunk: Chunk = {
      json: open.length === 1 ? (open[0] as string) : open.join(','),
      packed: null,
      count: openCount,
    };
    bytes += chunk.json.length - openChars; // the commas that joined the batches
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
      bytes += packed.length - chunk.json.length;
      chunk.packed = packed;
      chunk.json = '';
    });
  }

  function dropOldest(): void {
    if (first < sealed.length) {
      const chunk = sealed[first] as Chunk;
      bytes -= costOf(chunk);
      // Let its text go now, not at the next compaction.
      Object.assign(chunk, { json: '', packed: null, count: 0 });
      first += 1;
      if (first > 1_024 && first * 2 > sealed.length) {
        sealed = sealed.slice(first);
        first = 0;
      }
    } else {
      bytes -= openChars;
      open = [];
      openCount = 0;
      openChars = 0;
    }
  }

  /** Drops whole oldest chunks until the budget holds. */
  function fitBytes(): void {
    while (bytes > maxBytes && size > 0) {
      const left = oldestCount() - skip;
      dropOldest();
      skip = 0;
      size -= left;
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
      bytes += json.length;
      if (openChars >= SEAL_AT_CHARS) seal();
      size += count;
      fitBytes();
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
    pieces() {
      // References to immutable strings and buffers: nothing is copied, and a chunk dropped later stays readable.
      const texts: ChunkText[] = sealed.slice(first).map(textOf);
      if (openCount > 0) texts.push(open.join(','));
      let toSkip = skip;
      let index = 0;
      return {
        size,
        next() {
          while (index < texts.length) {
            const text = texts[index] as ChunkText;
            texts[index] = ''; // read once: let it go
            index += 1;
            let events = parseChunk(text);
            if (toSkip > 0) {
              events = events.slice(toSkip);
              toSkip = 0;
            }
            if (events.length > 0) return events;
          }
          return null;
        },
      };
    },
    clear() {
      sealed = [];
      first = 0;
      open = [];
      openCount = 0;
      openChars = 0;
      skip = 0;
      size = 0;
      bytes = 0;
    },
    get size() {
      return size;
    },
    get bytes() {
      return bytes;
    },
  };
}
