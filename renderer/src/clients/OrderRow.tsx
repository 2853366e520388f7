import { ClientChip } from '../lib/ClientChip';
import { useLab } from '../store/use-lab';
import { ORDER_KINDS } from './order-matrix';

const KIND_TEXT = { accepted: 'accepted', replied: 'replied to', exited: 'exited' } as const;

/** One run's three orders, as coloured client ids: accepted by the server, replied to, and exited. */
export function OrderRow({ runId }: { runId: number }) {
  const run = useLab((state) => state.runs.get(runId));
  if (!run) return null;
  return (
    <li className="order-row" data-testid="order-row" data-run={runId}>
      <p className="order-title">
        Run {run.runId}{' '}
        <span className="muted">
          · {run.count} {run.mode} clients
        </span>
      </p>
      {run.accepted && run.replied && run.exited ? (
        <dl className="orders">
          {ORDER_KINDS.map((kind) => (
            <div key={kind} className="order">
              <dt>{KIND_TEXT[kind]}</dt>
              <dd title={`${KIND_TEXT[kind]}: ${(run[kind] ?? []).join(', ') || 'none'}`}>
                {(run[kind] ?? []).map((clientId) => (
                  <ClientChip key={clientId} clientId={clientId} />
                ))}
                {run[kind]?.length === 0 && <span className="muted">none</span>}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">racing… the orders show once every client has exited.</p>
      )}
    </li>
  );
}
