// Where the chart puts lifelines, arrows, labels and notes.
import { describe, expect, it } from 'vitest';
import { COLUMN_W, headerLines, layoutSequence, TIME_W } from '../../renderer/src/trace/sequence-layout';
import type { Lifeline, SeqArrow } from '../../renderer/src/trace/sequence-types';

const lifeline = (key: string): Lifeline => ({ key, kind: 'thread', label: key, detail: '' });
const arrow = (
  id: string,
  from: string,
  to: string,
  label: string,
  note: string | null = null,
): SeqArrow => ({
  id,
  kind: 'data',
  from,
  to,
  t0: 1,
  t1: 2,
  label,
  hex: false,
  note,
});

describe('sequence chart layout', () => {
  const lifelines = ['a', 'b', 'c'].map(lifeline);

  it('gives each lifeline a column and each arrow a row of its own, in order', () => {
    const layout = layoutSequence(lifelines, [arrow('1', 'a', 'c', 'x'), arrow('2', 'c', 'b', 'y')]);
    expect(layout.columns.map((column) => column.x)).toEqual(
      [0.5, 1.5, 2.5].map((i) => TIME_W + COLUMN_W * i),
    );
    const [first, second] = layout.rows;
    expect(first).toMatchObject({ x0: TIME_W + COLUMN_W * 0.5, x1: TIME_W + COLUMN_W * 2.5, self: false });
    expect(second?.y).toBeGreaterThan(first?.y ?? Number.POSITIVE_INFINITY);
    expect(layout.height).toBeGreaterThan(second?.y ?? 0);
  });

  it('leaves out an arrow whose lifeline is not shown', () => {
    expect(layoutSequence(lifelines, [arrow('1', 'a', 'gone', 'x')]).rows).toEqual([]);
  });

  it('cuts a label past its room with an ellipsis, keeps it inside the picture, and widens it for a note', () => {
    const long = 'x'.repeat(500);
    const [row] = layoutSequence(lifelines, [arrow('1', 'a', 'b', long)]).rows;
    expect(row?.label.endsWith('…')).toBe(true);
    expect(row?.label.length).toBeLessThan(long.length);
    expect(row?.labelX).toBeGreaterThan(TIME_W);
    const noted = layoutSequence(lifelines, [
      arrow('1', 'a', 'c', 'x', 'handler ran, printed "Got signal 12"'),
    ]);
    const note = noted.rows[0]?.note;
    expect(note?.text).toBe('handler ran, printed "Got signal 12"');
    expect(noted.width).toBeGreaterThanOrEqual((note?.x ?? 0) + (note?.width ?? 0));
  });

  it('draws an arrow to its own lifeline as a loop, its label beside it', () => {
    const [row] = layoutSequence(lifelines, [arrow('1', 'b', 'b', 'alarm(5) → SIGALRM (14)')]).rows;
    expect(row).toMatchObject({ self: true, label: 'alarm(5) → SIGALRM (14)' });
    expect(row?.labelX).toBeGreaterThan(row?.x0 ?? Number.POSITIVE_INFINITY);
  });

  it('breaks a long lifeline detail into two lines at a space', () => {
    expect(headerLines('a terminal or another process', 26)).toEqual(['a terminal or another', 'process']);
    expect(headerLines('python3 signal1.py 12', 26)).toEqual(['python3 signal1.py 12']);
    expect(headerLines('x'.repeat(60), 26)).toEqual(['x'.repeat(26), `${'x'.repeat(25)}…`]);
  });
});
