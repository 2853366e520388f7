import { describe, expect, it } from 'vitest';
import { ListDraft, MapDraft } from '../../renderer/src/store/draft';

describe('list draft: a bounded list edited for one batch', () => {
  it('keeps the newest items up to its limit, counting the ones it let go, and leaves the old list alone', () => {
    const base = [1, 2];
    const draft = new ListDraft(base, 4, 10);
    for (let i = 3; i <= 9; i++) draft.push(i);
    expect(draft.result()).toEqual([6, 7, 8, 9]);
    expect(draft.trimmed).toBe(15);
    expect(base).toEqual([1, 2]);
  });

  it('counts nothing trimmed while it stays within its limit', () => {
    const draft = new ListDraft<number>([], 8, 0);
    for (let i = 0; i < 8; i++) draft.push(i);
    expect([draft.result().length, draft.trimmed]).toEqual([8, 0]);
  });

  it('is the old list itself when nothing changed', () => {
    const base = ['a'];
    const draft = new ListDraft(base, 4, 0);
    expect(draft.remove('b')).toBe(false);
    expect(draft.result()).toBe(base);
  });

  it('removes the newest occurrence of an item, and says so', () => {
    const base = ['a', 'b', 'a', 'c'];
    const draft = new ListDraft(base, 10, 0);
    expect(draft.remove('a')).toBe(true);
    expect(draft.result()).toEqual(['a', 'b', 'c']);
    expect(base).toEqual(['a', 'b', 'a', 'c']);
  });
});

describe('map draft: a map edited for one batch', () => {
  it('is the old map itself when nothing changed, even after deleting a key it lacks', () => {
    const base = new Map([[1, { n: 1 }]]);
    const draft = new MapDraft(base);
    draft.delete(2);
    expect(draft.edit(3)).toBeUndefined();
    expect(draft.result()).toBe(base);
  });

  it('copies an entry once for the batch, and leaves the old map and entry alone', () => {
    const entry = { n: 1 };
    const base = new Map([
      [1, entry],
      [2, { n: 2 }],
    ]);
    const draft = new MapDraft(base);
    const copy = draft.edit(1);
    expect(copy).not.toBe(entry);
    expect(draft.edit(1)).toBe(copy);
    if (copy) copy.n = 5;
    draft.delete(2);
    expect([draft.get(2), draft.edit(2), draft.get(9)]).toEqual([undefined, undefined, undefined]);
    expect([...draft.result()]).toEqual([[1, { n: 5 }]]);
    expect([...base]).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
    ]);
  });
});
