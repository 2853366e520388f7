import { type Hit, sameHit } from './hit';

/** What React shows around the canvas; it changes at pointer speed at most. */
export interface TimelineUi {
  following: boolean;
  hover: { hit: Hit; x: number; y: number } | null;
  selected: Hit | null;
}

/** A tiny external store for useSyncExternalStore: listeners hear only real changes. */
export class UiStore {
  private ui: TimelineUi = { following: true, hover: null, selected: null };
  private readonly listeners = new Set<() => void>();

  get = (): TimelineUi => this.ui;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(change: Partial<TimelineUi>): void {
    const next = { ...this.ui, ...change };
    const same =
      next.following === this.ui.following &&
      next.selected === this.ui.selected &&
      next.hover?.x === this.ui.hover?.x &&
      next.hover?.y === this.ui.hover?.y &&
      sameHit(next.hover?.hit ?? null, this.ui.hover?.hit ?? null);
    if (same) return;
    this.ui = next;
    for (const listener of this.listeners) listener();
  }
}
