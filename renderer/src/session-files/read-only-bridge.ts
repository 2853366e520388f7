import type { Bridge } from '../../../contract/bridge';

export const READ_ONLY_MESSAGE =
  'Viewing a session file or a replay — read-only. Go back to live to run commands.';

export interface ReadOnlyBridge {
  bridge: Bridge;
  setReadOnly(readOnly: boolean): void;
}

/**
 * The lab's bridge with a switch: while an imported session is on screen, no command reaches the lab,
 * whichever control sent it. Saying hello stays allowed, as going back to live needs it.
 */
export function readOnlyBridge(inner: Bridge): ReadOnlyBridge {
  let readOnly = false;
  const bridge: Bridge = {
    ...inner,
    invoke(name, payload) {
      if (readOnly && name !== 'lab:hello') return Promise.reject(new Error(READ_ONLY_MESSAGE));
      return inner.invoke(name, payload);
    },
  };
  return {
    bridge,
    setReadOnly(next) {
      readOnly = next;
    },
  };
}
