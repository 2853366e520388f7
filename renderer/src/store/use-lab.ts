import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from './lab-store';
import type { PacedView } from './paced-view';

/** The store, and the paced view of it that React renders from. */
export interface LabStoreHandle {
  store: LabStore;
  view: PacedView<LabState>;
}

export const LabStoreContext = createContext<LabStoreHandle | null>(null);

function useHandle(hook: string): LabStoreHandle {
  const handle = useContext(LabStoreContext);
  if (!handle) throw new Error(`${hook} needs a LabStoreContext provider above it`);
  return handle;
}

/**
 * Selects from the lab store, as its paced view shows it: during a flood, a few times a second. Select narrowly,
 * and wrap derived arrays or objects in useShallow.
 */
export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(useHandle('useLab').view, selector);
}

/** The store itself, for views that subscribe outside React (a terminal, a canvas) and follow every frame. */
export function useLabStore(): LabStore {
  return useHandle('useLabStore').store;
}

/**
 * The handle with its view held as it is now: React reads that state, and hears of no change, until it is
 * given the live handle again. A hidden tab reads through it, so the lab's events cost it no render.
 */
export function holdHandle({ store, view }: LabStoreHandle): LabStoreHandle {
  const state = view.getState();
  return { store, view: { ...view, getState: () => state, subscribe: () => () => {} } };
}
