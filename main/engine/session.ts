import type { LabEvent, Reply, Snapshot } from '../../contract';
import { validateCommand } from '../../contract';
import { DEFAULT_MAX_BATCH } from './event-log';
import type { Lab } from './lab';

/** Where one window's events go, through either host. */
export interface SessionOutput {
  /** One batch, history or live, in order; `json` is its JSON when the log made it already (live batches). */
  send(batch: LabEvent[], json: string | null): void;
  /** False while the window is still taking in what it was sent: the history waits, then goes on. */
  ready(): boolean;
  /**
   * The window stalled while more than `maxHeldChars` of live JSON waited behind its history: the host
   * closes it, never thins it. A host whose window is always ready has no need of it.
   */
  fellBehind?(): void;
}

/** One renderer attached to the lab, through either host. */
export interface Session {
  /** Validates and runs a command from across a process boundary; never throws. */
  dispatch(name: unknown, payload: unknown): Promise<Reply<unknown>>;
  close(): void;
}

/** How long one turn of sending history may hold the event loop: the echo server answers in between. */
const HISTORY_SLICE_MS = 8;
/** How long the history waits before asking a window that was not ready again. */
const HISTORY_RETRY_MS = 16;
/** The live JSON that may wait behind a stalled window's history: the event sender's bound too. */
const MAX_HELD_CHARS = 64 << 20;

export interface SessionOptions {
  /** MAX_HELD_CHARS unless a test needs a small one. */
  maxHeldChars?: number;
}

/**
 * `lab:hello` is the renderer saying it is ready. Its reply says how large the retained history is; the
 * history follows as event batches, a piece at a time and paced by the window, then the live batches that
 * came meanwhile, and from then on every live batch as it comes.
 */
export function openSession(
  lab: Lab,
  output: SessionOutput,
  { maxHeldChars = MAX_HELD_CHARS }: SessionOptions = {},
): Session {
  let stopStream: (() => void) | null = null;

  function hello(): Snapshot {
    stopStream?.();
    let streaming = true;
    const held: [LabEvent[], string][] = [];
    let heldChars = 0;
    const subscription = lab.log.subscribe((batch, json) => {
      if (!streaming) {
        output.send(batch, json);
        return;
      }
      held.push([batch, json]);
      heldChars += json.length;
      if (heldChars > maxHeldChars && output.fellBehind && !output.ready()) {
        stopStream?.();
        stopStream = null;
        output.fellBehind();
      }
    });
    const { history } = subscription;
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;

    function pump(): void {
      const sliceEnd = performance.now() + HISTORY_SLICE_MS;
      while (performance.now() < sliceEnd) {
        if (!output.ready()) {
          timer = setTimeout(pump, HISTORY_RETRY_MS);
          return;
        }
        const piece = history.next();
        if (piece === null) {
          streaming = false;
          for (const [batch, json] of held.splice(0)) output.send(batch, json);
          return;
        }
        // A stored chunk can hold more events than a live batch may: no message is larger than one.
        for (let start = 0; start < piece.length; start += DEFAULT_MAX_BATCH) {
          output.send(
            piece.length <= DEFAULT_MAX_BATCH ? piece : piece.slice(start, start + DEFAULT_MAX_BATCH),
            null,
          );
        }
      }
      immediate = setImmediate(pump);
    }

    // In the next turn: the reply, sent when this returns, must reach the window before the history.
    immediate = setImmediate(pump);
    stopStream = () => {
      subscription.unsubscribe();
      clearTimeout(timer);
      clearImmediate(immediate);
      held.length = 0;
    };
    return {
      info: lab.info(),
      history: { events: history.size, lastSeq: lab.log.lastSeq },
      evicted: subscription.evicted,
    };
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
      stopStream?.();
      stopStream = null;
    },
  };
}
