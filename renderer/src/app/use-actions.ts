import { createContext, useContext } from 'react';
import type { AppActions } from './actions';

export const ActionsContext = createContext<AppActions | null>(null);

export function useActions(): AppActions {
  const actions = useContext(ActionsContext);
  if (!actions) throw new Error('useActions needs an ActionsContext provider above it');
  return actions;
}
