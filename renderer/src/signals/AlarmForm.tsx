import { type FormEvent, useState } from 'react';
import { MAX_ALARM_SECONDS } from '../../../contract/validate';
import { useLab } from '../store/use-lab';

/** `onArm`: the workspace shows the signal log, where SIGALRM lands. */
export function AlarmForm({ onArm }: { onArm?: () => void }) {
  const armAlarm = useLab((state) => state.armAlarm);
  const cancelAlarm = useLab((state) => state.cancelAlarm);
  const pending = useLab((state) => state.alarm.pending !== null);
  const unsupported = useLab((state) => state.info?.signalsUnsupported ?? null);
  const [secondsText, setSecondsText] = useState('5');
  const [repeat, setRepeat] = useState(false);
  const seconds = Number(secondsText);
  const valid = Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_ALARM_SECONDS;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    void armAlarm(seconds, repeat);
    onArm?.();
  };

  return (
    <form className="controls" onSubmit={submit}>
      <label>
        Seconds
        <input
          data-testid="alarm-seconds"
          type="number"
          min={0}
          max={MAX_ALARM_SECONDS}
          value={secondsText}
          onChange={(event) => setSecondsText(event.target.value)}
        />
      </label>
      <label className="check" title="Arm the same alarm again each time SIGALRM arrives">
        <input
          data-testid="alarm-repeat"
          type="checkbox"
          checked={repeat}
          onChange={(event) => setRepeat(event.target.checked)}
        />
        repeat
      </label>
      <button data-testid="arm-alarm" type="submit" disabled={!valid || unsupported !== null}>
        {pending ? 'Re-arm' : 'Arm'} alarm
      </button>
      <button
        data-testid="cancel-alarm"
        type="button"
        className="secondary"
        onClick={() => void cancelAlarm()}
        title="signal.alarm(0): cancels the pending alarm and says how long it had left"
      >
        Cancel
      </button>
      {unsupported && <p className="warn-text full">{unsupported}</p>}
      {!valid && (
        <p className="warn-text full">Pick a whole number of seconds from 0 to {MAX_ALARM_SECONDS}.</p>
      )}
    </form>
  );
}
