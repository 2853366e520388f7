import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { LabState, LabStore } from './lab-store';

export const LabStoreContext = createContext<LabStore | null>(null);

/** Selects from the lab store; select narrowly, and wrap derived arrays or objects in useShallow. */
export function useLab<T>(selector: (state: LabState) => T): T {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLab needs a LabStoreContext provider above it');
  return useStore(store, selector);
}

/** The store itself, for views that subscribe outside React (a terminal, a canvas). */
export function useLabStore(): LabStore {
  const store = useContext(LabStoreContext);
  if (!store) throw new Error('useLabStore needs a LabStoreContext provider above it');
  return store;
}
