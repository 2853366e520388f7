import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { SessionFiles, SessionFilesState } from './session-files';

export const SessionFilesContext = createContext<SessionFiles | null>(null);

export function useSessionFiles(): SessionFiles {
  const files = useContext(SessionFilesContext);
  if (!files) throw new Error('useSessionFiles needs a SessionFilesContext provider above it');
  return files;
}

export function useSessionState<T>(selector: (state: SessionFilesState) => T): T {
  return useStore(useSessionFiles().state, selector);
}

/** True while an imported session or a replay is on screen: nothing may be sent to the lab. */
export function useReadOnly(): boolean {
  return useSessionState((state) => state.mode !== 'live');
}
