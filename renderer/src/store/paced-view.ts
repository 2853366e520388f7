import type { StoreApi } from 'zustand/vanilla';

/** Live changes React is shown at once, in a burst: a run of five clients is about ten live frames. */
const BURST = 30;
/** Past the burst, how many a second. A flood's rows cannot be read faster, and each render costs a frame. */
const PER_SECOND = 10;

/**
 * What React reads of the store. Live changes (batches of events) reach it at once while they are few, and at
 * most PER_SECOND times a second during a flood; any other change (a click, a filter) reaches it at once, with
 * whatever waited. Canvases and terminals subscribe to the store itself and still see every frame.
 */
export interface PacedView<T> {
  getState(): T;
  getInitialState(): T;
  subscribe(listener: (state: T, previous: T) => void): () => void;
  /** Runs `apply`, whose changes to the store are live ones: they may wait. */
  live(apply: () => void): void;
  dispose(): void;
}

export function createPacedView<T>(store: StoreApi<T>, now = () => performance.now()): PacedView<T> {
  const listeners = new Set<(state: T, previous: T) => void>();
  let shown = store.getState();
  let tokens = BURST;
  let refilledAt = now();
  let applyingLive = false;
  let due: ReturnType<typeof setTimeout> | null = null;

  function refill(): void {
    const at = now();
    tokens = Math.min(BURST, tokens + ((at - refilledAt) * PER_SECOND) / 1_000);
    refilledAt = at;
  }

  function show(): void {
    if (due !== null) clearTimeout(due);
    due = null;
    const previous = shown;
    shown = store.getState();
    if (shown === previous) return;
    for (const listener of listeners) listener(shown, previous);
  }

  function showLive(): void {
    if (due !== null) return; // already waiting: it will show the newest state
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      show();
      return;
    }
    due = setTimeout(
      () => {
        due = null;
        refill();
        tokens = Math.max(0, tokens - 1);
        show();
      },
      ((1 - tokens) * 1_000) / PER_SECOND,
    );
  }

  const unsubscribe = store.subscribe(() => (applyingLive ? showLive() : show()));

  return {
    getState: () => shown,
    getInitialState: () => store.getInitialState(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    live(apply) {
      applyingLive = true;
      try {
        apply();
      } finally {
        applyingLive = false;
      }
    },
    dispose() {
      unsubscribe();
      if (due !== null) clearTimeout(due);
      due = null;
      listeners.clear();
    },
  };
}
