import { type FormEvent, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  isAppHandledSignal,
  isCatchableSignal,
  SIGNAL_EFFECTS,
  type SignalName,
  signalLabel,
} from '../../../contract/signals';
import { listLiveChildren } from '../store/live-children';
import { useLab } from '../store/use-lab';

/** Sends a signal to the app or to a live child, or spawns a child that waits for one. */
export function SignalForm() {
  const info = useLab((state) => state.info);
  const sources = useLab(
    useShallow((state) => ({
      clients: state.clients,
      targets: state.targets,
      scripts: state.scripts,
      childStates: state.childStates,
    })),
  );
  const sendSignal = useLab((state) => state.sendSignal);
  const spawnTarget = useLab((state) => state.spawnTarget);
  const [chosenTarget, setTarget] = useState('app');
  const [chosenSignal, setSignal] = useState<SignalName>('SIGUSR2');

  const appPid = info?.pid ?? null;
  const children = useMemo(() => listLiveChildren({ ...sources, appPid }), [sources, appPid]);
  // A child that exited drops out of the list; fall back to the app rather than a dead pid.
  const target = children.some((child) => String(child.pid) === chosenTarget) ? chosenTarget : 'app';
  const offered = (info?.signals ?? []).filter((s) => target !== 'app' || isAppHandledSignal(s.name));
  const signal = offered.find((s) => s.name === chosenSignal) ?? offered[0];
  const unsupported = info?.signalsUnsupported ?? null;
  const disabled = !info || unsupported !== null || !signal;
  const effect = signal && target !== 'app' ? SIGNAL_EFFECTS[signal.name] : undefined;
  const targetText = target === 'app' ? 'the app' : `pid ${target}`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (signal) void sendSignal(signal.name, target === 'app' ? 'app' : Number(target));
  };

  return (
    <form className="controls" onSubmit={submit}>
      <label>
        Signal
        <select
          data-testid="signal-name"
          value={signal?.name ?? ''}
          disabled={disabled}
          onChange={(event) => setSignal(event.target.value as SignalName)}
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
          onChange={(event) => setTarget(event.target.value)}
        >
          <option value="app">the app (pid {appPid ?? '…'})</option>
          {children.map((child) => (
            <option key={child.pid} value={String(child.pid)}>
              {child.label}
            </option>
          ))}
        </select>
      </label>
      <button data-testid="send-signal" type="submit" disabled={disabled}>
        Send {signal ? signal.name : ''} to {targetText}
      </button>
      <button
        data-testid="spawn-target"
        type="button"
        disabled={disabled || !signal || !isCatchableSignal(signal.name)}
        onClick={() => signal && void spawnTarget(signal.name)}
      >
        Spawn a target for {signal?.name ?? '…'}
      </button>
      {unsupported && <p className="warn-text full">{unsupported}</p>}
      {effect && (
        <p className="effect full">
          {signal && signalLabel(signal.name, signal.number)} {effect}.
        </p>
      )}
      {target === 'app' && !unsupported && (
        <p className="muted full">
          Only signals the app handles are offered against it; pick a child to try the rest.
        </p>
      )}
    </form>
  );
}
