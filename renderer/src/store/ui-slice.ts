import type { ClientMode } from '../../../contract/events';
import type { SliceContext } from './slice';

export interface UiData {
  /** The spawn form, kept here so the S shortcut spawns what the form shows. */
  spawnCount: string;
  spawnMode: ClientMode | null;
  helpOpen: boolean;
}

export interface UiSlice extends UiData {
  setSpawnCount(count: string): void;
  setSpawnMode(mode: ClientMode): void;
  setHelpOpen(open: boolean): void;
}

export const initialUi: UiData = {
  spawnCount: '5',
  spawnMode: null,
  helpOpen: false,
};

export function createUiSlice({ set }: SliceContext): UiSlice {
  return {
    ...initialUi,
    setSpawnCount: (spawnCount) => set({ spawnCount }),
    setSpawnMode: (spawnMode) => set({ spawnMode }),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
  };
}
