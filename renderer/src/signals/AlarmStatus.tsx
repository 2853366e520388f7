import { formatLabTime, plural } from '../lib/format';
import { useLabNow } from '../lib/use-lab-now';
import { useLab } from '../store/use-lab';

/** The pending alarm's live countdown, and what the last arm or cancel reported. */
export function AlarmStatus() {
  const alarm = useLab((state) => state.alarm);
  const clockOffsetMs = useLab((state) => state.clockOffsetMs);
  const now = useLabNow(clockOffsetMs, alarm.pending !== null);
  const { pending } = alarm;
  const left = pending && now !== null ? Math.max(0, (pending.deadline - now) / 1_000_000) : null;
  const share = pending && left !== null ? Math.min(1, left / pending.seconds) : 0;

  return (
    <div className="alarm-status">
      {pending ? (
        <div className="countdown-box">
          <p>
            <span className="countdown" data-testid="alarm-countdown">
              {left === null ? '…' : `${left.toFixed(1)} s`}
            </span>{' '}
            until SIGALRM{pending.repeat ? `, then every ${pending.seconds} s` : ''}
          </p>
          <progress
            className="countdown-bar"
            max={1}
            value={share}
            aria-label={`Alarm: ${left === null ? '' : Math.ceil(left)} of ${pending.seconds} seconds left`}
          />
        </div>
      ) : (
        <p className="empty">
          No alarm pending. Arm one for 5 s: a countdown runs here, and SIGALRM shows up as a signal row when
          it goes off.
        </p>
      )}
      <div aria-live="polite">
        {alarm.lastPreviousRemaining !== null && (
          <p
            className={alarm.lastPreviousRemaining > 0 ? 'note-strong' : 'muted'}
            data-testid="alarm-previous"
          >
            {alarm.lastPreviousRemaining > 0
              ? `Re-armed: the previous alarm had ${alarm.lastPreviousRemaining} s left (signal.alarm() returned ${alarm.lastPreviousRemaining}).`
              : 'No alarm was pending when the last one was armed (signal.alarm() returned 0).'}
          </p>
        )}
        {alarm.lastCancelledRemaining !== null && (
          <p className="muted">
            The last cancel stopped an alarm with {alarm.lastCancelledRemaining} s left.
          </p>
        )}
        {alarm.fired > 0 && (
          <p className="muted">
            Gone off {plural(alarm.fired, 'time')}
            {alarm.lastFiredAt !== null && `, last at ${formatLabTime(alarm.lastFiredAt, clockOffsetMs)}`}.
          </p>
        )}
      </div>
    </div>
  );
}
