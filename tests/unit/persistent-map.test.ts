import { describe, expect, it } from 'vitest';
import { PersistentMap } from '../../renderer/src/store/persistent-map';
import { seededRandom } from '../seeded-random';

type Box = { n: number };

function put(map: PersistentMap<number, Box>, ...keys: number[]): PersistentMap<number, Box> {
  const editor = map.edit();
  for (const key of keys) editor.set(key, { n: key });
  return editor.done();
}

describe('persistent map', () => {
  it('reads like a Map in insertion order: get, has, size, keys, values, entries, forEach', () => {
    const map = put(new PersistentMap(), 3, 1, 2);
    expect(map.get(1)).toEqual({ n: 1 });
    expect(map.get(9)).toBeUndefined();
    expect(map.has(2)).toBe(true);
    expect(map.has(9)).toBe(false);
    expect(map.size).toBe(3);
    expect([...map.keys()]).toEqual([3, 1, 2]);
    expect([...map.values()].map((box) => box.n)).toEqual([3, 1, 2]);
    expect([...map].map(([key]) => key)).toEqual([3, 1, 2]);
    const seen: number[] = [];
    map.forEach((_, key) => {
      seen.push(key);
    });
    expect(seen).toEqual([3, 1, 2]);
  });

  it('keeps a finished version as it was when its editor goes on editing', () => {
    const editor = put(new PersistentMap(), 1, 2).edit();
    editor.set(3, { n: 3 });
    const finished = editor.done();
    editor.set(1, { n: 100 });
    editor.delete(2);
    editor.set(4, { n: 4 });
    expect([...finished].map(([key, box]) => [key, box.n])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    expect([...editor.done()].map(([key, box]) => [key, box.n])).toEqual([
      [1, 100],
      [3, 3],
      [4, 4],
    ]);
  });

  it('leaves every older version as it was, across chunks of values', () => {
    const keys = Array.from({ length: 3_000 }, (_, i) => i);
    const first = put(new PersistentMap(), ...keys);
    const editor = first.edit();
    editor.set(5, { n: -5 });
    editor.set(2_500, { n: -1 });
    editor.delete(7);
    editor.set(3_000, { n: 3_000 });
    const second = editor.done();
    expect(first.get(5)).toEqual({ n: 5 });
    expect(first.get(7)).toEqual({ n: 7 });
    expect(first.has(3_000)).toBe(false);
    expect(first.size).toBe(3_000);
    expect(second.get(5)).toEqual({ n: -5 });
    expect(second.get(2_500)).toEqual({ n: -1 });
    expect(second.has(7)).toBe(false);
    expect(second.get(3_000)).toEqual({ n: 3_000 });
    expect(second.size).toBe(3_000);
    // Entries nobody edited are the very same objects.
    expect(second.get(1_000)).toBe(first.get(1_000));
  });

  it('lets two versions grow apart from the same parent without seeing each other', () => {
    const parent = put(new PersistentMap(), 1, 2);
    const left = put(parent, 10, 11);
    const right = put(parent, 20);
    expect([...left.keys()]).toEqual([1, 2, 10, 11]);
    expect([...right.keys()]).toEqual([1, 2, 20]);
    expect(right.has(10)).toBe(false);
    expect(left.has(20)).toBe(false);
    expect([...parent.keys()]).toEqual([1, 2]);
    expect([...put(left, 12).keys()]).toEqual([1, 2, 10, 11, 12]);
    expect([right.get(1), left.get(2)]).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('lets two versions from the same parent each put the same new key', () => {
    const parent = put(new PersistentMap(), 1, 2);
    const left = put(parent, 10);
    const right = put(parent, 10, 20);
    expect([...right.entries()]).toEqual([
      [1, { n: 1 }],
      [2, { n: 2 }],
      [10, { n: 10 }],
      [20, { n: 20 }],
    ]);
    expect([right.size, left.size]).toEqual([4, 3]);
  });

  it('reads a deleted key as absent, in the editor and in the version it makes', () => {
    const editor = put(new PersistentMap(), 1, 2).edit();
    editor.delete(1);
    expect(editor.get(1)).toBeUndefined();
    expect(editor.get(7)).toBeUndefined();
    const after = editor.done();
    expect([after.get(1), after.has(1), after.size]).toEqual([undefined, false, 1]);
  });

  it('counts a key deleted twice, or never there, once or not at all', () => {
    const editor = put(new PersistentMap(), 1, 2).edit();
    editor.delete(1);
    editor.delete(1);
    editor.delete(9);
    expect(editor.done().size).toBe(1);
  });

  it('keeps the places of deleted keys in a small map, and in one at most half deleted', () => {
    const small = Array.from({ length: 64 }, (_, i) => i);
    const large = Array.from({ length: 100 }, (_, i) => i);
    for (const [keys, deleted] of [
      [small, 63],
      [large, 50],
    ] as const) {
      const editor = put(new PersistentMap(), ...keys).edit();
      for (const key of keys.slice(0, deleted)) editor.delete(key);
      const back = put(editor.done(), 0);
      expect([...back.keys()][0]).toBe(0);
    }
  });

  it('starts a map more than half deleted afresh: a key put back goes to the end', () => {
    const keys = Array.from({ length: 100 }, (_, i) => i);
    const editor = put(new PersistentMap(), ...keys).edit();
    for (const key of keys.slice(0, 51)) editor.delete(key);
    const back = put(editor.done(), 0);
    expect([...back.keys()].at(-1)).toBe(0);
    expect(back.size).toBe(50);
  });

  it('keeps the first place of a key deleted and put again', () => {
    const map = put(new PersistentMap(), 1, 2, 3);
    const editor = map.edit();
    editor.delete(2);
    editor.set(2, { n: 22 });
    const after = editor.done();
    expect([...after.keys()]).toEqual([1, 2, 3]);
    expect(after.get(2)).toEqual({ n: 22 });
    expect(after.size).toBe(3);
  });

  it('keeps order and older versions when most entries are deleted', () => {
    const keys = Array.from({ length: 100 }, (_, i) => i);
    const full = put(new PersistentMap(), ...keys);
    const editor = full.edit();
    for (const key of keys) if (key % 10 !== 0) editor.delete(key);
    const sparse = editor.done();
    expect([...sparse.keys()]).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(full.size).toBe(100);
    expect([...put(sparse, 5).keys()]).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 5]);
  });

  it('holds what a Map holds over a long run of puts and deletes', () => {
    let model = new Map<number, Box>();
    let map = new PersistentMap<number, Box>();
    const next = seededRandom(7);
    const random = (below: number) => Math.floor(next() * below);
    for (let batch = 0; batch < 200; batch++) {
      const editor = map.edit();
      model = new Map(model);
      for (let i = 0; i < 50; i++) {
        const key = random(400);
        if (random(3) === 0) {
          editor.delete(key);
          model.delete(key);
        } else {
          const box = { n: random(1_000) };
          editor.set(key, box);
          model.set(key, box);
        }
      }
      map = editor.done();
      expect(map.size).toBe(model.size);
      expect([...map.keys()].sort((x, y) => x - y)).toEqual([...model.keys()].sort((x, y) => x - y));
      for (const [key, box] of model) expect(map.get(key)).toBe(box);
    }
  });

  it('takes a plain Map as it is, and a persistent one without copying', () => {
    const plain = new Map([[1, { n: 1 }]]);
    const map = PersistentMap.from(plain);
    expect(map.get(1)).toBe(plain.get(1));
    expect(PersistentMap.from(map)).toBe(map);
  });
});
