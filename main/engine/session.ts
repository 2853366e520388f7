import type { Reply, Snapshot } from '../../contract';
import { validateCommand } from '../../contract';
import type { BatchListener } from './event-log';
import type { Lab } from './lab';

/** One renderer attached to the lab, through either host. */
export interface Session {
  /** Validates and runs a command from across a process boundary; never throws. */
  dispatch(name: unknown, payload: unknown): Promise<Reply<unknown>>;
  close(): void;
}

/**
 * `lab:hello` is the renderer saying it is ready: it gets the retained history,
 * and only then the live batches, so nothing is sent before it can be shown.
 * `sendBatch` gets each batch and its JSON, made once and shared by every window (see event-log.ts).
 */
export function openSession(lab: Lab, sendBatch: BatchListener): Session {
  let unsubscribe: (() => void) | null = null;

  function hello(): Snapshot {
    unsubscribe?.();
    const subscription = lab.log.subscribe(sendBatch);
    unsubscribe = subscription.unsubscribe;
    return { info: lab.info(), events: subscription.events, evicted: subscription.evicted };
  }

  return {
    async dispatch(name, payload) {
      // Validation sits inside the try too: a reply must come back even if a checker has a bug.
      try {
        const checked = validateCommand(name, payload);
        if (!checked.ok) return { ok: false, error: checked.error };
        const command = checked.value;
        if (command.name === 'lab:hello') return { ok: true, value: hello() };
        const handler = lab.handlers[command.name] as (payload: unknown) => unknown;
        return { ok: true, value: await handler(command.payload) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    close() {
      unsubscribe?.();
      unsubscribe = null;
    },
  };
}
