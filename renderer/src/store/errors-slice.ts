import type { SliceContext } from './slice';

export interface CommandError {
  id: number;
  /** The command that failed, e.g. `clients:spawn`. */
  command: string;
  message: string;
}

export interface ErrorsData {
  errors: readonly CommandError[];
}

export interface ErrorsSlice extends ErrorsData {
  reportError(command: string, message: string): void;
  dismissError(id: number): void;
}

/** Only the newest few stay on screen; older ones have been seen or are repeats. */
const ERROR_LIMIT = 5;

const initialErrors: ErrorsData = { errors: [] };

export function createErrorsSlice({ set }: SliceContext): ErrorsSlice {
  let nextId = 1;
  return {
    ...initialErrors,
    reportError(command, message) {
      const error = { id: nextId++, command, message };
      set((state) => ({ errors: [...state.errors, error].slice(-ERROR_LIMIT) }));
    },
    dismissError(id) {
      set((state) => ({ errors: state.errors.filter((error) => error.id !== id) }));
    },
  };
}
