import { createStore, type StoreApi } from 'zustand/vanilla';
import { type Hit, sameHit } from './hit';
import type { TimelineSummary } from './summary';

/** What React shows around the canvas; it changes at pointer speed at most. */
export interface TimelineUi {
  following: boolean;
  /** Runs aligned at their first spawns, one under another. */
  aligned: boolean;
  hover: { hit: Hit; x: number; y: number } | null;
  selected: Hit | null;
  /** What the timeline holds, recomputed a few times a second at most. */
  summary: TimelineSummary;
}

export type TimelineUiStore = StoreApi<TimelineUi>;

export function createTimelineUi(summary: TimelineSummary, aligned = false): TimelineUiStore {
  return createStore<TimelineUi>()(() => ({
    following: true,
    aligned,
    hover: null,
    selected: null,
    summary,
  }));
}

/** Sets only real changes: a pointer that stays still over the same hit re-renders nothing. */
export function changeTimelineUi(store: TimelineUiStore, change: Partial<Omit<TimelineUi, 'summary'>>): void {
  const ui = store.getState();
  const next = { ...ui, ...change };
  const same =
    next.following === ui.following &&
    next.aligned === ui.aligned &&
    next.selected === ui.selected &&
    next.hover?.x === ui.hover?.x &&
    next.hover?.y === ui.hover?.y &&
    sameHit(next.hover?.hit ?? null, ui.hover?.hit ?? null);
  if (!same) store.setState(change);
}
