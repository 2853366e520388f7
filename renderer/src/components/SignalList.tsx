import { useLab } from '../store/use-lab';
import { EmptyState } from './EmptyState';
import { SignalRow } from './SignalRow';

/** Deliveries, newest first. */
export function SignalList() {
  const deliveries = useLab((state) => state.deliveries);
  const trimmed = useLab((state) => state.deliveriesTrimmed);
  const clockOffsetMs = useLab((state) => state.clockOffsetMs);
  const pid = useLab((state) => state.info?.pid);
  if (deliveries.length === 0) {
    return (
      <EmptyState>
        No signals yet. Press Send, or from a terminal run <code>kill -USR2 {pid ?? '<pid>'}</code>.
      </EmptyState>
    );
  }
  return (
    <>
      {trimmed > 0 && <p className="muted">{trimmed.toLocaleString()} older deliveries are not shown.</p>}
      <ol className="signal-list" aria-label="Signal deliveries, newest first">
        {[...deliveries].reverse().map((delivery) => (
          <SignalRow key={delivery.seq} delivery={delivery} clockOffsetMs={clockOffsetMs} />
        ))}
      </ol>
    </>
  );
}
