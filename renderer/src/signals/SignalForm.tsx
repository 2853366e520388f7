import { type FormEvent, useState } from 'react';
import {
  isAppHandledSignal,
  isCatchableSignal,
  SIGNAL_EFFECTS,
  type SignalName,
  signalLabel,
} from '../../../contract/signals';
import { useLab } from '../store/use-lab';
import { SignalConfirm } from './SignalConfirm';
import { TargetOptions } from './TargetOptions';
import { useLiveChildren } from './use-live-children';

/** Uncatchable signals: the target has no say, so the user is asked first. */
function needsConfirm(name: SignalName): boolean {
  return !isCatchableSignal(name) && name !== 'SIGCONT';
}

/**
 * Sends a signal to the app or to a live child, or spawns a child that waits for one. `onSend`: the
 * workspace shows the signal log, where the delivery lands.
 */
export function SignalForm({ onSend }: { onSend?: () => void }) {
  const info = useLab((state) => state.info);
  const children = useLiveChildren();
  const sendSignal = useLab((state) => state.sendSignal);
  const spawnTarget = useLab((state) => state.spawnTarget);
  const [chosenTarget, setTarget] = useState('app');
  const [chosenSignal, setSignal] = useState<SignalName>('SIGUSR2');
  const [confirming, setConfirming] = useState(false);

  const appPid = info?.pid ?? null;
  // A child that exited drops out of the list; fall back to the app rather than a dead pid.
  const child = children.find((c) => String(c.pid) === chosenTarget);
  const target = child ? chosenTarget : 'app';
  // Signals that would quit the app are never offered against it.
  const offered = (info?.signals ?? []).filter((s) => target !== 'app' || isAppHandledSignal(s.name));
  const signal = offered.find((s) => s.name === chosenSignal) ?? offered[0];
  const unsupported = info?.signalsUnsupported ?? null;
  const disabled = !info || unsupported !== null || !signal;
  const effect = signal && target !== 'app' ? SIGNAL_EFFECTS[signal.name] : undefined;
  const targetText = child ? child.label : 'the app';

  const send = () => {
    setConfirming(false);
    if (!signal) return;
    void sendSignal(signal.name, target === 'app' ? 'app' : Number(target));
    onSend?.();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (signal && needsConfirm(signal.name)) setConfirming(true);
    else send();
  };

  return (
    <form className="controls" onSubmit={submit}>
      <label>
        Signal
        <select
          data-testid="signal-name"
          value={signal?.name ?? ''}
          disabled={disabled}
          onChange={(event) => {
            setSignal(event.target.value as SignalName);
            setConfirming(false);
          }}
        >
          {offered.map((s) => (
            <option key={s.name} value={s.name}>
              {signalLabel(s.name, s.number)}
            </option>
          ))}
        </select>
      </label>
      <label>
        To
        <select
          data-testid="signal-target"
          value={target}
          disabled={disabled}
          onChange={(event) => {
            setTarget(event.target.value);
            setConfirming(false);
          }}
        >
          <option value="app">the app (pid {appPid ?? '…'})</option>
          <TargetOptions live={children} />
        </select>
      </label>
      <button data-testid="send-signal" type="submit" disabled={disabled || confirming}>
        Send {signal ? signal.name : ''}
      </button>
      <button
        data-testid="spawn-target"
        type="button"
        className="secondary"
        disabled={disabled || !signal || !isCatchableSignal(signal.name)}
        onClick={() => signal && void spawnTarget(signal.name)}
        title="Start a child that installs a handler for this signal and prints when it arrives"
      >
        Spawn a target for {signal?.name ?? '…'}
      </button>
      {confirming && signal && (
        <SignalConfirm
          signal={signal}
          targetText={targetText}
          onConfirm={send}
          onCancel={() => setConfirming(false)}
        />
      )}
      {unsupported && <p className="warn-text full">{unsupported}</p>}
      {effect && !confirming && (
        <p className="effect full">
          {signal && signalLabel(signal.name, signal.number)} {effect}.
        </p>
      )}
      {target === 'app' && !unsupported && (
        <p className="muted full">
          Only signals the app handles are offered against it; pick a child to try SIGTERM, SIGKILL or
          SIGSTOP.
        </p>
      )}
    </form>
  );
}
