import { useEffect, useRef } from 'react';
import { SIGNAL_EFFECTS, type SignalInfo, signalLabel } from '../../../contract';

interface SignalConfirmProps {
  signal: SignalInfo;
  targetText: string;
  onConfirm(): void;
  onCancel(): void;
}

/** Says what an uncatchable signal will do before it is sent; nothing is sent until the user agrees. */
export function SignalConfirm({ signal, targetText, onConfirm, onCancel }: SignalConfirmProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus, so Enter does not send it by accident.
  useEffect(() => cancel.current?.focus(), []);
  const label = signalLabel(signal.name, signal.number);
  return (
    <div
      className="confirm full"
      role="alertdialog"
      aria-labelledby="signal-confirm-text"
      data-testid="signal-confirm"
    >
      <p id="signal-confirm-text">
        <strong>{label}</strong> {SIGNAL_EFFECTS[signal.name] ?? 'cannot be caught'}. {targetText} cannot
        catch, block or ignore it. Send it?
      </p>
      <div className="confirm-actions">
        <button type="button" className="danger" data-testid="confirm-signal" onClick={onConfirm}>
          Send {signal.name}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="cancel-signal"
          ref={cancel}
          onClick={onCancel}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
