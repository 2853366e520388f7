import { createContext, useContext } from 'react';

/**
 * What the user can ask of the app from anywhere. The app makes them (app/actions.ts); the buttons, the
 * desktop menu and the keys all call these, so each does the same thing however it is asked.
 */
export interface AppActions {
  /** Spawns what the spawn form is set to. */
  spawn(): void;
  /** The timeline zooms in (W) or out (S), or pans earlier (A) or later (D), by one step. */
  zoomIn(): void;
  zoomOut(): void;
  panEarlier(): void;
  panLater(): void;
  /** The timeline goes to the first event, at the same zoom. */
  toStart(): void;
  /** The timeline follows the newest events again. */
  follow(): void;
  /** The timeline fits everything in view. */
  fit(): void;
  export(): void;
  importFile(file: File): void;
  /** Opens or closes the list of keys. */
  help(): void;
  /** Closes the list of keys, or else lets go of what the timeline shows; false when neither was open. */
  close(): boolean;
}

export const ActionsContext = createContext<AppActions | null>(null);

export function useActions(): AppActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useActions needs an ActionsContext provider above it');
  return actions;
}
