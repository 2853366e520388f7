import { useEffect } from 'react';
import { useActions } from '../lib/actions';
import { useLabStore } from '../store/use-lab';
import { shortcutFor } from './shortcuts';

/** The app-wide keys: each calls the action the desktop menu calls. */
export function Shortcuts() {
  const actions = useActions();
  const store = useLabStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Inside the terminal's own keyboard target, keys belong to the terminal.
      if (event.target instanceof Element && event.target.closest('.xterm')) return;
      const action = shortcutFor(event);
      // Escape is the page's (or a dialog's) own unless our list is open.
      if (action === null || (action === 'close' && !store.getState().helpOpen)) return;
      actions[action]();
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, store]);
  return null;
}
