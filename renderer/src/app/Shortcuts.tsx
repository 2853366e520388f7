import { useEffect } from 'react';
import { useActions } from '../lib/actions';
import { shortcutFor } from './shortcuts';

/** The app-wide keys: each calls the action the desktop menu calls. */
export function Shortcuts() {
  const actions = useActions();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Inside the terminal's own keyboard target, keys belong to the terminal.
      if (event.target instanceof Element && event.target.closest('.xterm')) return;
      const action = shortcutFor(event);
      if (action === null) return;
      // Escape is the page's (or a dialog's) own unless it closed something of ours.
      if (action === 'close') {
        if (actions.close()) event.preventDefault();
        return;
      }
      actions[action]();
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions]);
  return null;
}
