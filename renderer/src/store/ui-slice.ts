import type { ClientMode } from '../../../contract/events';
import type { SliceContext } from './slice';

/** What the timeline is asked to do from outside it (keyboard shortcuts); `id` grows so a repeat is seen. */
export interface TimelineCommand {
  id: number;
  action: 'follow' | 'fit';
}

export interface UiData {
  /** The spawn form, kept here so the S shortcut spawns what the form shows. */
  spawnCount: string;
  spawnMode: ClientMode | null;
  /** The newest request for the timeline; the timeline subscribes and acts on each new id. */
  timelineCommand: TimelineCommand | null;
  helpOpen: boolean;
}

export interface UiSlice extends UiData {
  setSpawnCount(count: string): void;
  setSpawnMode(mode: ClientMode): void;
  requestTimeline(action: TimelineCommand['action']): void;
  setHelpOpen(open: boolean): void;
}

export const initialUi: UiData = {
  spawnCount: '5',
  spawnMode: null,
  timelineCommand: null,
  helpOpen: false,
};

export function createUiSlice({ set }: SliceContext): UiSlice {
  return {
    ...initialUi,
    setSpawnCount: (spawnCount) => set({ spawnCount }),
    setSpawnMode: (spawnMode) => set({ spawnMode }),
    requestTimeline: (action) =>
      set((state) => ({ timelineCommand: { id: (state.timelineCommand?.id ?? 0) + 1, action } })),
    setHelpOpen: (helpOpen) => set({ helpOpen }),
  };
}
