/**
 * An immutable list that only grows, whose versions share one array: a version reads the array up to its own
 * length, so appending a batch costs the batch, not the list (a trace keeps up to 100,000 events).
 */
export class AppendList<T> {
  static empty<T>(): AppendList<T> {
    return new AppendList<T>([], 0);
  }

  private constructor(
    private readonly items: T[],
    readonly length: number,
  ) {}

  at(index: number): T | undefined {
    return index >= 0 && index < this.length ? this.items[index] : undefined;
  }

  /** A new version with `added` at the end; this one stays as it is. */
  concat(added: readonly T[]): AppendList<T> {
    if (added.length === 0) return this;
    // Only the newest version may append in place; an older one (a state kept elsewhere) copies first.
    const items = this.items.length === this.length ? this.items : this.items.slice(0, this.length);
    for (const item of added) items.push(item); // a spread of a large batch would overflow the stack
    return new AppendList(items, items.length);
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.length; i += 1) yield this.items[i] as T;
  }
}
