import { plural } from '../lib/format';
import { useLabNow } from '../lib/use-lab-now';
import { useLab } from '../store/use-lab';

/** The pending alarm's countdown, and what the last arm or cancel reported. */
export function AlarmStatus() {
  const alarm = useLab((state) => state.alarm);
  const clockOffsetMs = useLab((state) => state.clockOffsetMs);
  const now = useLabNow(clockOffsetMs, alarm.pending !== null);
  const { pending } = alarm;
  const left = pending && now !== null ? Math.max(0, (pending.deadline - now) / 1_000_000) : null;

  return (
    <div className="alarm-status" aria-live="polite">
      {pending ? (
        <p>
          <span className="countdown">{left === null ? '…' : `${left.toFixed(1)} s`}</span> until SIGALRM
          {pending.repeat ? `, then every ${pending.seconds} s` : ''}
        </p>
      ) : (
        <p className="muted">
          No alarm pending. Arm one; when it goes off, SIGALRM shows up as a signal row.
        </p>
      )}
      {alarm.lastPreviousRemaining !== null && (
        <p className="muted">
          {alarm.lastPreviousRemaining > 0
            ? `The previous alarm had ${alarm.lastPreviousRemaining} s left when it was replaced.`
            : 'No alarm was pending when the last one was armed (signal.alarm() returned 0).'}
        </p>
      )}
      {alarm.lastCancelledRemaining !== null && (
        <p className="muted">The last cancel stopped an alarm with {alarm.lastCancelledRemaining} s left.</p>
      )}
      {alarm.fired > 0 && <p className="muted">Gone off {plural(alarm.fired, 'time')}.</p>}
    </div>
  );
}
