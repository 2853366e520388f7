import { type CSSProperties, useMemo, useState } from 'react';
import { positionHue } from '../lib/client-colour';
import { useLab } from '../store/use-lab';
import { buildOrderMatrix, ORDER_KINDS, type OrderKind } from './order-matrix';

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** Client x place across every finished run: a fixed order would put every count on the diagonal. */
export function OrderMatrix() {
  const runs = useLab((state) => state.runs);
  const [kind, setKind] = useState<OrderKind>('accepted');
  const matrix = useMemo(() => buildOrderMatrix(runs.values(), kind), [runs, kind]);
  if (matrix.runs === 0) return null;
  const places = Array.from({ length: matrix.size }, (_, i) => i + 1);
  const offDiagonal = matrix.total - matrix.onDiagonal;

  return (
    <figure className="order-matrix-figure">
      <figcaption>
        <label>
          How often each client came k-th, by the order it was{' '}
          <select value={kind} onChange={(event) => setKind(event.target.value as OrderKind)}>
            {ORDER_KINDS.map((name) => (
              <option key={name} value={name}>
                {name === 'replied' ? 'replied to' : name}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {' '}
          over {matrix.runs} {matrix.runs === 1 ? 'run' : 'runs'}; {offDiagonal} of {matrix.total} off the
          diagonal
        </span>
      </figcaption>
      <table className="order-matrix" data-testid="order-matrix" data-total={matrix.total}>
        <thead>
          <tr>
            <th scope="col">client</th>
            {places.map((place) => (
              <th key={place} scope="col">
                {ordinal(place)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.counts.map((row, index) => {
            const client = index + 1;
            return (
              <tr key={client}>
                <th scope="row">
                  <span className="chip" style={{ '--hue': positionHue(client) } as CSSProperties}>
                    {client}
                  </span>
                </th>
                {row.map((count, placeIndex) => (
                  <td
                    key={places[placeIndex]}
                    data-count={count}
                    className={client === placeIndex + 1 ? 'diagonal' : undefined}
                    style={{ '--heat': count / matrix.runs } as CSSProperties}
                    aria-label={`client ${client} came ${ordinal(placeIndex + 1)} in ${count} of ${matrix.runs} runs`}
                  >
                    {count || ''}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {matrix.hidden > 0 && (
        <p className="muted">
          {matrix.hidden} placings of clients past the {matrix.size}th are not in the matrix.
        </p>
      )}
    </figure>
  );
}
