import { useEffect } from 'react';
import { shortcutFor } from '../lib/shortcuts';
import { spawnAsSet } from '../lib/spawn-request';
import { useLabStore } from '../store/use-lab';

/**
 * The app-wide keys. Timeline keys go through the store's `timelineCommand`, which the timeline watches,
 * so this file knows nothing about how the timeline draws.
 */
export function Shortcuts() {
  const store = useLabStore();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Inside the terminal's own keyboard target, keys belong to the terminal.
      if (event.target instanceof Element && event.target.closest('.xterm')) return;
      const action = shortcutFor(event);
      if (action === null) return;
      const state = store.getState();
      switch (action) {
        case 'spawn':
          spawnAsSet(state);
          break;
        case 'follow':
        case 'fit':
          state.requestTimeline(action);
          break;
        case 'help':
          state.setHelpOpen(!state.helpOpen);
          break;
        case 'close':
          if (!state.helpOpen) return;
          state.setHelpOpen(false);
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
  return null;
}
