import type { Lifeline, SeqArrow } from './sequence-types';

export const HEADER_H = 54;
export const TIME_W = 86;
export const COLUMN_W = 168;
const ROW_H = 30;
const NOTE_H = 22;
const SELF_W = 34;
const PAD_BOTTOM = 16;
/** Roughly how wide a character of the 11 px label font is; only used to cut labels that would not fit. */
const CHAR_W = 6.3;

export interface PlacedArrow {
  arrow: SeqArrow;
  x0: number;
  x1: number;
  y: number;
  /** The label, cut to the room the arrow gives it. */
  label: string;
  self: boolean;
}

export interface SequenceLayout {
  width: number;
  height: number;
  columns: { lifeline: Lifeline; x: number }[];
  rows: PlacedArrow[];
}

function fitLabel(text: string, room: number): string {
  const chars = Math.max(4, Math.floor(room / CHAR_W));
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

/**
 * Where each lifeline and arrow goes: a column per lifeline, a row per arrow in time order (arrows are drawn
 * level, so that a busy second reads as well as an idle minute), and room under an arrow for its note.
 */
export function layoutSequence(lifelines: readonly Lifeline[], arrows: readonly SeqArrow[]): SequenceLayout {
  const columns = lifelines.map((lifeline, index) => ({ lifeline, x: TIME_W + COLUMN_W * (index + 0.5) }));
  const xOf = new Map(columns.map((column) => [column.lifeline.key, column.x]));
  const rows: PlacedArrow[] = [];
  let y = HEADER_H + ROW_H;
  for (const arrow of arrows) {
    const x0 = xOf.get(arrow.from);
    const x1 = xOf.get(arrow.to);
    if (x0 === undefined || x1 === undefined) continue;
    const self = x0 === x1;
    const room = self ? COLUMN_W - SELF_W - 8 : Math.max(Math.abs(x1 - x0) - 16, COLUMN_W - 16);
    rows.push({ arrow, x0, x1, y, label: fitLabel(arrow.label, room), self });
    y += ROW_H + (arrow.note ? NOTE_H : 0) + (self ? 8 : 0);
  }
  return { width: TIME_W + COLUMN_W * lifelines.length, height: y + PAD_BOTTOM, columns, rows };
}

export const SELF_LOOP_W = SELF_W;
