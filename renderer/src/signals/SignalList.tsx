import { EmptyState } from '../lib/EmptyState';
import { useLab } from '../store/use-lab';
import { SignalRow } from './SignalRow';

const SHOWN = 200;

/** Deliveries, newest first. */
export function SignalList() {
  const deliveries = useLab((state) => state.deliveries);
  const trimmed = useLab((state) => state.deliveriesTrimmed);
  const clockOffsetMs = useLab((state) => state.clockOffsetMs);
  const pid = useLab((state) => state.info?.pid);
  if (deliveries.length === 0) {
    return (
      <EmptyState>
        No signals yet. Press Send, arm the alarm, or from a terminal run{' '}
        <code>kill -USR2 {pid ?? '<pid>'}</code>: each delivery shows up here with where it came from.
      </EmptyState>
    );
  }
  const hidden = trimmed + Math.max(0, deliveries.length - SHOWN);
  return (
    <>
      <ol className="signal-list" aria-label="Signal deliveries, newest first">
        {deliveries
          .slice(-SHOWN)
          .reverse()
          .map((delivery) => (
            <SignalRow key={delivery.seq} delivery={delivery} clockOffsetMs={clockOffsetMs} />
          ))}
      </ol>
      {hidden > 0 && <p className="muted">{hidden.toLocaleString()} older deliveries are not shown.</p>}
    </>
  );
}
