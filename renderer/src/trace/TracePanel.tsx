import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../lib/EmptyState';
import { unlistedTraceError } from '../store/trace-slice';
import { useLab } from '../store/use-lab';
import { PortHeldNotice } from './PortHeldNotice';
import { TraceForms } from './TraceForms';
import { TraceItem } from './TraceItem';
import './trace.css';

/**
 * Run a program under strace, or attach to one, and follow what it does: the chart draws it. `onTrace`:
 * the workspace shows the chart.
 */
export function TracePanel({ onTrace }: { onTrace?: () => void }) {
  const availability = useLab((state) => state.info?.trace ?? null);
  const traceIds = useLab(useShallow((state) => [...state.traces.keys()]));
  const traceError = useLab(unlistedTraceError);
  return (
    <div className="trace-panel">
      {availability && !availability.available ? (
        <p className="trace-notice warn" data-testid="trace-unavailable">
          <strong>Tracing is unavailable here.</strong> {availability.detail}
        </p>
      ) : (
        <>
          <TraceForms onTrace={onTrace} />
          {traceError && (
            <p className="trace-notice error" role="alert" data-testid="trace-error">
              {traceError}
            </p>
          )}
          <PortHeldNotice />
        </>
      )}
      {traceIds.length === 0 ? (
        <EmptyState>
          Try <code>python3 examples/classic/signal1.py 12</code>, then <code>kill -12</code> its pid from a
          terminal; or attach to a pid you own.
        </EmptyState>
      ) : (
        <ul className="trace-list" data-testid="trace-list">
          {[...traceIds].reverse().map((traceId) => (
            <TraceItem key={traceId} traceId={traceId} />
          ))}
        </ul>
      )}
    </div>
  );
}
