import type { OutputStream } from '../../../contract/events';
import { exitText } from '../lib/format';
import type { Script } from '../store/scripts-slice';

export interface Piece {
  stream: OutputStream;
  text: string;
}

export interface NewText {
  pieces: Piece[];
  /** Characters the script has produced so far, counted from its first. */
  total: number;
  /** Characters between `written` and the oldest still kept: trimmed before they could be shown. */
  skipped: number;
}

/** Characters a script has produced so far, trimmed ones included. */
function producedChars(script: Script): number {
  return script.trimmedChars + script.chars;
}

/**
 * The text a script produced after its first `written` characters. Segments only grow at the end and fall
 * off the front, so the new text is the tail of the segments.
 */
export function textAfter(script: Script, written: number): NewText {
  const total = producedChars(script);
  const from = Math.max(written, script.trimmedChars);
  let need = total - from;
  const pieces: Piece[] = [];
  for (let i = script.segments.length - 1; i >= 0 && need > 0; i -= 1) {
    const segment = script.segments[i];
    if (!segment) break;
    const text = segment.text.length <= need ? segment.text : segment.text.slice(segment.text.length - need);
    pieces.push({ stream: segment.stream, text });
    need -= text.length;
  }
  pieces.reverse();
  return { pieces, total, skipped: Math.max(0, script.trimmedChars - written) };
}

const STDERR_ON = '\u001b[31m';
const DEFAULT_FG = '\u001b[39m';
// Grey, not dim: the terminal lifts a colour to a readable contrast, but draws dim at half opacity.
const DIM = '\u001b[90m';
const RESET = '\u001b[0m';

/** Stderr in red, so it stands apart from stdout in the same terminal. */
export function toTerminal(piece: Piece): string {
  return piece.stream === 'stderr' ? `${STDERR_ON}${piece.text}${DEFAULT_FG}` : piece.text;
}

/** The closing line: how the script ended, or why it could not run. */
export function endLine(script: Script): string | null {
  if (script.error) return `could not run: ${script.error}`;
  return script.exit ? `[${exitText(script.exit)}]` : null;
}

export function dimLine(text: string, atLineStart: boolean): string {
  return `${atLineStart ? '' : '\n'}${DIM}${text}${RESET}\n`;
}
