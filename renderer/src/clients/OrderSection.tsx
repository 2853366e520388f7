import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../lib/EmptyState';
import { useLab } from '../store/use-lab';
import { OrderMatrix } from './OrderMatrix';
import { OrderRow } from './OrderRow';
import { RunTimingChart } from './RunTimingChart';

const RUN_LIMIT = 50;

/** The same clients, started in the same order, finish in a different order each run: this shows it. */
export function OrderSection() {
  const runIds = useLab(useShallow((state) => [...state.runs.keys()].slice(-RUN_LIMIT).reverse()));
  const older = useLab((state) => Math.max(0, state.runs.size - RUN_LIMIT));
  if (runIds.length === 0) {
    return (
      <EmptyState>
        Spawn 5 clients to see them race to the server. Spawn again: the order changes from run to run.
      </EmptyState>
    );
  }
  return (
    <section className="order-section" aria-label="Orders of each run">
      <p className="why">
        Why does the order change? Every client is started in the same order, but the OS scheduler decides
        which process runs next on the few CPU cores, and each process takes a slightly different time to
        start up, so they connect, get their reply and exit in a different order each run.
      </p>
      <div className="order-columns">
        <div>
          <ol className="order-rows">
            {runIds.map((runId) => (
              <OrderRow key={runId} runId={runId} />
            ))}
          </ol>
          {older > 0 && <p className="muted">{older} older runs are counted in the matrix but not listed.</p>}
        </div>
        <div>
          <OrderMatrix />
          <RunTimingChart />
        </div>
      </div>
    </section>
  );
}
