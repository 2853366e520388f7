const BITS = 10;
const CHUNK = 1 << BITS;
const MASK = CHUNK - 1;
const HOLE: unique symbol = Symbol('deleted');
type Slot<V> = V | typeof HOLE;

/**
 * Where each key lives, in the order keys were first put; shared by every version of one map. Keys are only
 * ever appended, and only by the newest version, so an older version reads it up to its own length.
 */
interface Slots<K> {
  index: Map<K, number>;
  keys: K[];
}

/**
 * An immutable map in insertion order whose versions share their storage. An edit copies only the chunks of
 * 1,024 values it touches, so a batch of N edits to a map of M entries costs O(N), not O(M) as `new Map(old)`.
 * A key deleted and then put again keeps its first place in the order.
 */
export class PersistentMap<K, V extends object> implements ReadonlyMap<K, V> {
  constructor(
    private readonly slots: Slots<K> = { index: new Map(), keys: [] },
    private readonly chunks: readonly (readonly Slot<V>[])[] = [],
    /** Slots this version uses, deleted ones included. */
    private readonly length = 0,
    readonly size = 0,
  ) {}

  /** The map itself when it is persistent already, else a persistent copy. */
  static from<K, V extends object>(map: ReadonlyMap<K, V>): PersistentMap<K, V> {
    return map instanceof PersistentMap ? map : PersistentMap.of(map);
  }

  static of<K, V extends object>(entries: Iterable<[K, V]>): PersistentMap<K, V> {
    const editor = new PersistentMap<K, V>().edit();
    for (const [key, value] of entries) editor.set(key, value);
    return editor.done();
  }

  get(key: K): V | undefined {
    const value = this.slotValue(key);
    return value === HOLE ? undefined : value;
  }

  has(key: K): boolean {
    const value = this.slotValue(key);
    return value !== HOLE && value !== undefined;
  }

  /** Changes make a new version; this one stays as it is. */
  edit(): MapEditor<K, V> {
    return new MapEditor(this.slots, this.chunks, this.length, this.size);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this) callback.call(thisArg, value, key, this);
  }

  *entries(): MapIterator<[K, V]> {
    const { chunks, slots } = this;
    for (let slot = 0; slot < this.length; slot++) {
      const value = (chunks[slot >> BITS] as Slot<V>[])[slot & MASK] as Slot<V>;
      if (value !== HOLE) yield [slots.keys[slot] as K, value];
    }
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  /** undefined when the key is not in this version; HOLE when this version deleted it. */
  private slotValue(key: K): Slot<V> | undefined {
    const slot = this.slots.index.get(key);
    if (slot === undefined || slot >= this.length) return undefined;
    return (this.chunks[slot >> BITS] as Slot<V>[])[slot & MASK];
  }
}

/** One new version in the making: chunks are copied the first time this editor writes to them. */
export class MapEditor<K, V extends object> {
  private chunks: Slot<V>[][];
  private readonly owned = new Set<number>();

  constructor(
    private slots: Slots<K>,
    base: readonly (readonly Slot<V>[])[],
    private length: number,
    private size: number,
  ) {
    this.chunks = [...base] as Slot<V>[][];
  }

  get(key: K): V | undefined {
    const slot = this.slotOf(key);
    const value = slot < 0 ? undefined : this.read(slot);
    return value === HOLE ? undefined : value;
  }

  set(key: K, value: V): void {
    let slot = this.slotOf(key);
    if (slot < 0) slot = this.append(key);
    if (this.read(slot) === HOLE) this.size += 1;
    this.write(slot, value);
  }

  delete(key: K): void {
    const slot = this.slotOf(key);
    if (slot < 0 || this.read(slot) === HOLE) return;
    this.write(slot, HOLE);
    this.size -= 1;
  }

  done(): PersistentMap<K, V> {
    const map = new PersistentMap(this.slots, this.chunks, this.length, this.size);
    // The version now shares these chunks: an edit after this must copy them again, not change it.
    this.chunks = [...this.chunks];
    this.owned.clear();
    // Mostly deleted: start afresh rather than keep walking the holes.
    return this.length > 64 && this.size < this.length / 2 ? PersistentMap.of(map) : map;
  }

  private slotOf(key: K): number {
    const slot = this.slots.index.get(key);
    return slot !== undefined && slot < this.length ? slot : -1;
  }

  private read(slot: number): Slot<V> {
    return (this.chunks[slot >> BITS] as Slot<V>[])[slot & MASK] as Slot<V>;
  }

  /** A new key goes at the end; a version that is not the newest first takes its own copy of the keys. */
  private append(key: K): number {
    if (this.slots.keys.length !== this.length) {
      const keys = this.slots.keys.slice(0, this.length);
      this.slots = { keys, index: new Map(keys.map((k, slot) => [k, slot])) };
    }
    const slot = this.length++;
    this.slots.keys.push(key);
    this.slots.index.set(key, slot);
    this.write(slot, HOLE);
    return slot;
  }

  private write(slot: number, value: Slot<V>): void {
    const at = slot >> BITS;
    if (!this.owned.has(at)) {
      this.chunks[at] = this.chunks[at]?.slice() ?? [];
      this.owned.add(at);
    }
    (this.chunks[at] as Slot<V>[])[slot & MASK] = value;
  }
}
