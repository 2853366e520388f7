import { type MapEditor, PersistentMap } from './persistent-map';

/**
 * Copy-on-write view of a map for one batch of events: each entry it edits is copied at most once per batch,
 * and the map shares its storage with the one before, so a batch of N events costs O(N), not O(N + size).
 */
export class MapDraft<K, V extends object> {
  private editor: MapEditor<K, V> | null = null;
  private readonly copied = new Set<K>();

  constructor(
    private readonly base: ReadonlyMap<K, V>,
    /** Copies an entry deeply enough that editing the copy leaves the old state alone. */
    private readonly copy: (value: V) => V = (value) => ({ ...value }),
  ) {}

  get(key: K): V | undefined {
    return (this.editor ?? this.base).get(key);
  }

  /** The entry, safe to mutate for the rest of this batch; undefined when there is none. */
  edit(key: K): V | undefined {
    const current = this.get(key);
    if (current === undefined || this.copied.has(key)) return current;
    const copy = this.copy(current);
    this.put(key, copy);
    return copy;
  }

  put(key: K, value: V): void {
    this.editor ??= PersistentMap.from(this.base).edit();
    this.editor.set(key, value);
    this.copied.add(key);
  }

  delete(key: K): void {
    if (!this.get(key)) return;
    this.editor ??= PersistentMap.from(this.base).edit();
    this.editor.delete(key);
  }

  result(): ReadonlyMap<K, V> {
    return this.editor?.done() ?? this.base;
  }
}

/** Copy-on-write list that keeps only its newest `limit` items and counts the ones it let go. */
export class ListDraft<T> {
  private list: T[] | null = null;
  trimmed: number;

  constructor(
    private readonly base: readonly T[],
    private readonly limit: number,
    trimmed: number,
  ) {
    this.trimmed = trimmed;
  }

  push(item: T): void {
    this.list ??= [...this.base];
    this.list.push(item);
    // Trim in chunks so a long stream does not shift the array on every push.
    if (this.list.length > this.limit + Math.ceil(this.limit / 4)) {
      const excess = this.list.length - this.limit;
      this.list.splice(0, excess);
      this.trimmed += excess;
    }
  }

  /** Removes the newest occurrence of `item`, looking from the end, where recent rows are; false if absent. */
  remove(item: T): boolean {
    const index = (this.list ?? this.base).lastIndexOf(item);
    if (index < 0) return false;
    this.list ??= [...this.base];
    this.list.splice(index, 1);
    return true;
  }

  result(): readonly T[] {
    if (this.list && this.list.length > this.limit) {
      const excess = this.list.length - this.limit;
      this.list.splice(0, excess);
      this.trimmed += excess;
    }
    return this.list ?? this.base;
  }
}
