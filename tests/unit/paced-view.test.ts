import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { createPacedView } from '../../renderer/src/store/paced-view';

/** A counter store, its paced view on a clock the test moves, and every state the view showed. */
function paced() {
  const store = createStore<{ n: number }>()(() => ({ n: 0 }));
  let clock = 0;
  const view = createPacedView(store, () => clock);
  const shown: number[] = [];
  view.subscribe((state) => shown.push(state.n));
  const bump = () => store.setState((state) => ({ n: state.n + 1 }));
  const liveBump = () => view.live(bump);
  const wait = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };
  return { store, view, shown, bump, liveBump, wait };
}

describe('paced view: what React is shown of the store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a burst of live changes at once, then at most ten a second, each time the newest state', () => {
    const { view, shown, liveBump, wait } = paced();
    for (let i = 0; i < 30; i++) liveBump();
    expect(shown).toHaveLength(30); // a run of clients: every frame, at once
    for (let i = 0; i < 5; i++) liveBump();
    expect(shown).toHaveLength(30);
    expect(view.getState().n).toBe(30); // what React reads stays what it was last shown
    wait(99);
    expect(shown).toHaveLength(30);
    wait(1);
    expect(shown.slice(30)).toEqual([35]); // the five that waited, shown once
    for (let ms = 0; ms < 1_000; ms += 10) {
      liveBump();
      wait(10);
    }
    expect(shown.length - 31).toBeGreaterThanOrEqual(9); // a second of flood: ten showings, not a hundred
    expect(shown.length - 31).toBeLessThanOrEqual(11);
    expect(shown.at(-1)).toBe(view.getState().n);
  });

  it('shows any other change at once, with the live changes that waited', () => {
    const { view, shown, bump, liveBump } = paced();
    for (let i = 0; i < 32; i++) liveBump();
    expect(shown.at(-1)).toBe(30);
    bump(); // a click
    expect(shown.at(-1)).toBe(33);
    expect(view.getState().n).toBe(33);
    vi.advanceTimersByTime(1_000);
    expect(shown.at(-1)).toBe(33); // the wait was settled by the click, not shown twice
    expect(shown.filter((n) => n === 33)).toHaveLength(1);
  });

  it('fills its burst again when the stream is quiet', () => {
    const { shown, liveBump, wait } = paced();
    for (let i = 0; i < 40; i++) liveBump();
    wait(100);
    const before = shown.length;
    wait(3_000); // quiet: the burst is whole again
    for (let i = 0; i < 30; i++) liveBump();
    expect(shown.length - before).toBe(30);
  });

  it('stops showing and forgets its timer once disposed', () => {
    const { view, shown, liveBump, bump } = paced();
    for (let i = 0; i < 31; i++) liveBump();
    view.dispose();
    vi.advanceTimersByTime(1_000);
    bump();
    expect(shown).toHaveLength(30);
    expect(vi.getTimerCount()).toBe(0);
  });
});
