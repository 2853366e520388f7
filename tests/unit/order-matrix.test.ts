import { describe, expect, it } from 'vitest';
import { buildOrderMatrix } from '../../renderer/src/clients/order-matrix';
import { clientPosition, positionHue, shortClientId } from '../../renderer/src/lib/client-colour';
import type { Run } from '../../renderer/src/store/clients-slice';

function run(runId: number, accepted: number[] | null, count = accepted?.length ?? 5): Run {
  const ids = accepted?.map((i) => `${runId}.${i}`) ?? null;
  return {
    runId,
    mode: 'process',
    count,
    startedAt: 0,
    endedAt: ids ? 1 : null,
    accepted: ids,
    replied: ids ? [...ids].reverse() : null,
    exited: ids,
  };
}

describe('the order matrix: how often each client came k-th', () => {
  it('counts one placing per client per finished run, so 3 runs of 5 add up to 15', () => {
    const matrix = buildOrderMatrix(
      [run(1, [1, 2, 3, 4, 5]), run(2, [2, 1, 3, 5, 4]), run(3, [5, 4, 3, 2, 1])],
      'accepted',
    );
    expect(matrix.size).toBe(5);
    expect(matrix.runs).toBe(3);
    expect(matrix.total).toBe(15);
    expect(matrix.counts.flat().reduce((a, b) => a + b, 0)).toBe(15);
    // client 3 came 3rd every time; client 1 came 1st, 2nd and 5th
    expect(matrix.counts[2]).toEqual([0, 0, 3, 0, 0]);
    expect(matrix.counts[0]).toEqual([1, 1, 0, 0, 1]);
    expect(matrix.onDiagonal).toBe(5 + 1 + 1);
    for (const row of matrix.counts) expect(row.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('reads the chosen order: replied is its own ranking', () => {
    const matrix = buildOrderMatrix([run(1, [1, 2, 3])], 'replied');
    expect(matrix.counts).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
    ]);
  });

  it('leaves out runs still racing', () => {
    const matrix = buildOrderMatrix([run(1, [1, 2]), run(2, null, 7)], 'exited');
    expect(matrix).toMatchObject({ runs: 1, size: 2, total: 2 });
  });

  it('sizes to the largest run and counts a client that never connected as absent', () => {
    // run 2 had 4 clients but only 3 were accepted: its 4th place stays empty
    const matrix = buildOrderMatrix([run(1, [2, 1]), run(2, [3, 1, 2], 4)], 'accepted');
    expect(matrix.size).toBe(4);
    expect(matrix.total).toBe(5);
    expect(matrix.counts.map((row) => row[3])).toEqual([0, 0, 0, 0]);
  });

  it('caps the matrix and counts what falls outside it', () => {
    const matrix = buildOrderMatrix([run(1, [1, 2, 3, 4, 5, 6])], 'accepted', 4);
    expect(matrix.size).toBe(4);
    expect(matrix.total).toBe(4);
    expect(matrix.hidden).toBe(2);
  });

  it('reads start positions from client ids and gives each a stable colour', () => {
    expect(clientPosition('12.7')).toBe(7);
    expect(clientPosition('external')).toBeNull();
    expect(shortClientId('3.2')).toBe('2');
    expect(shortClientId('odd')).toBe('odd');
    expect(positionHue(1)).toBe(positionHue(1));
    const hues = new Set(Array.from({ length: 8 }, (_, i) => positionHue(i + 1)));
    expect(hues.size).toBe(8);
  });
});
