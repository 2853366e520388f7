import type { Lifeline, SeqArrow } from './sequence-types';

export const HEADER_H = 62;
export const TIME_W = 86;
export const COLUMN_W = 160;
export const SELF_LOOP_W = 34;
const ROW_H = 30;
const NOTE_H = 22;
const PAD = 16;
/** Roughly how wide a character of the 11 px label font is: labels are cut and placed by it. */
const CHAR_W = 6.3;
/** A note is cut to this many characters. */
const NOTE_CHARS = 72;

export interface PlacedArrow {
  arrow: SeqArrow;
  x0: number;
  x1: number;
  y: number;
  /** The label, cut to the room the arrow gives it, and where its middle goes. */
  label: string;
  labelX: number;
  self: boolean;
  note: { text: string; x: number; width: number } | null;
}

export interface SequenceLayout {
  width: number;
  height: number;
  columns: { lifeline: Lifeline; x: number }[];
  rows: PlacedArrow[];
}

/** A lifeline's detail in at most two lines of `chars`, broken at a space where it can be. */
export function headerLines(detail: string, chars: number): string[] {
  if (detail.length <= chars) return [detail];
  const space = detail.lastIndexOf(' ', chars);
  const at = space > chars / 2 ? space : chars;
  return [detail.slice(0, at), cut(detail.slice(at).trim(), chars)];
}

function cut(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

/**
 * Where each lifeline and arrow goes: a column per lifeline, a row per arrow in time order (arrows are drawn
 * level, so that a busy millisecond reads as well as an idle minute), and room under an arrow for its note.
 * A label has its own row, so it may run past its arrow's ends, but never past the picture's.
 */
export function layoutSequence(lifelines: readonly Lifeline[], arrows: readonly SeqArrow[]): SequenceLayout {
  const columns = lifelines.map((lifeline, index) => ({ lifeline, x: TIME_W + COLUMN_W * (index + 0.5) }));
  const xOf = new Map(columns.map((column) => [column.lifeline.key, column.x]));
  const placed: Omit<PlacedArrow, 'labelX'>[] = [];
  let width = TIME_W + COLUMN_W * lifelines.length;
  let y = HEADER_H + ROW_H;
  for (const arrow of arrows) {
    const x0 = xOf.get(arrow.from);
    const x1 = xOf.get(arrow.to);
    if (x0 === undefined || x1 === undefined) continue;
    const self = x0 === x1;
    const room = self ? COLUMN_W * 1.5 : Math.max(Math.abs(x1 - x0), COLUMN_W * 2.5) - 24;
    const label = cut(arrow.label, Math.floor(room / CHAR_W));
    const noteText = arrow.note ? cut(arrow.note, NOTE_CHARS) : null;
    const note = noteText ? { text: noteText, x: x1 + 8, width: noteText.length * CHAR_W + 16 } : null;
    if (note) width = Math.max(width, note.x + note.width + PAD);
    if (self) width = Math.max(width, x0 + SELF_LOOP_W + 6 + label.length * CHAR_W + PAD);
    placed.push({ arrow, x0, x1, y, label, self, note });
    y += ROW_H + (note ? NOTE_H : 0) + (self ? 8 : 0);
  }
  const rows = placed.map((row) => {
    if (row.self) return { ...row, labelX: row.x0 + SELF_LOOP_W + 6 };
    const half = (row.label.length * CHAR_W) / 2;
    const middle = (row.x0 + row.x1) / 2;
    return { ...row, labelX: Math.min(Math.max(middle, TIME_W + 12 + half), width - half - 4) };
  });
  return { width, height: y + PAD, columns, rows };
}
