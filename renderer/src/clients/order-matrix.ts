import { clientPosition } from '../lib/client-colour';
import type { Run } from '../store/clients-slice';

export type OrderKind = 'accepted' | 'replied' | 'exited';

export const ORDER_KINDS: readonly OrderKind[] = ['accepted', 'replied', 'exited'];

export interface OrderMatrix {
  /** Rows are start positions (client 1..size), columns the place it came (1st..size-th). */
  size: number;
  /** counts[client - 1][place - 1]: in how many runs that client came that place. */
  counts: number[][];
  /** Finished runs counted. */
  runs: number;
  /** The sum of every cell. */
  total: number;
  /** Entries left out because the client or the place is past the matrix's size limit. */
  hidden: number;
  /** Entries on the diagonal: the client came in the place it was started. */
  onDiagonal: number;
}

const MATRIX_SIZE_LIMIT = 20;

/** How often each client (by start position) came k-th in the chosen order, over every finished run. */
export function buildOrderMatrix(
  runs: Iterable<Run>,
  kind: OrderKind,
  sizeLimit = MATRIX_SIZE_LIMIT,
): OrderMatrix {
  const finished = [...runs].filter((run) => run[kind] !== null);
  const size = Math.min(sizeLimit, Math.max(0, ...finished.map((run) => run.count)));
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  let total = 0;
  let hidden = 0;
  let onDiagonal = 0;
  for (const run of finished) {
    (run[kind] ?? []).forEach((clientId, index) => {
      const client = clientPosition(clientId);
      const place = index + 1;
      const row = client === null ? undefined : counts[client - 1];
      if (client === null || row === undefined || place > size) {
        hidden += 1;
        return;
      }
      row[place - 1] = (row[place - 1] ?? 0) + 1;
      total += 1;
      if (client === place) onDiagonal += 1;
    });
  }
  return { size, counts, runs: finished.length, total, hidden, onDiagonal };
}
