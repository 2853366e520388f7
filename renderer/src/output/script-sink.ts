import type { Terminal } from '@xterm/xterm';
import type { LabStore } from '../store/lab-store';
import type { Script } from '../store/scripts-slice';
import { dimLine, endLine, textAfter, toTerminal } from './script-text';
import type { TextMirror } from './text-mirror';

export interface ScriptSink {
  /** Characters of the script written so far, counted from its first. */
  readonly written: number;
  detach(): void;
}

/**
 * Streams one script's output into the terminal and the mirror from a store subscription: the hot path
 * never goes through React (as Hyper does). Starts after the script's first `from` characters.
 */
export function attachScript(
  store: LabStore,
  scriptId: number,
  term: Terminal,
  mirror: TextMirror,
  from: number,
): ScriptSink {
  let written = from;
  let ended = false;
  let atLineStart = true;

  const note = (text: string) => {
    term.write(dimLine(text, atLineStart));
    mirror.append('note', `${atLineStart ? '' : '\n'}${text}\n`);
    atLineStart = true;
  };

  const sync = (script: Script | undefined) => {
    if (!script) return;
    const { pieces, total, skipped } = textAfter(script, written);
    if (skipped > 0) note(`… ${skipped.toLocaleString()} older characters are not kept`);
    for (const piece of pieces) {
      term.write(toTerminal(piece));
      mirror.append(piece.stream, piece.text);
      atLineStart = piece.text.endsWith('\n');
    }
    written = total;
    const end = endLine(script);
    if (end !== null && !ended) {
      ended = true;
      note(end);
    }
  };

  sync(store.getState().scripts.get(scriptId));
  const unsubscribe = store.subscribe((state, previous) => {
    const script = state.scripts.get(scriptId);
    if (script !== previous.scripts.get(scriptId)) sync(script);
  });
  return {
    get written() {
      return written;
    },
    detach: unsubscribe,
  };
}
