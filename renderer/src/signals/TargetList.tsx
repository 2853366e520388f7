import { useShallow } from 'zustand/react/shallow';
import { exitText } from '../lib/format';
import { useLab } from '../store/use-lab';

/** The signal targets spawned so far, and what became of each: waiting, stopped, or how it ended. */
export function TargetList() {
  const targets = useLab(useShallow((state) => [...state.targets.values()].slice(-6).reverse()));
  const childStates = useLab((state) => state.childStates);
  if (targets.length === 0) return null;
  return (
    <ul className="target-list" aria-label="Signal targets">
      {targets.map((target) => {
        const stopped = childStates.get(target.pid)?.state === 'stopped';
        const state = target.exit ? exitText(target.exit) : stopped ? 'stopped (send SIGCONT)' : 'waiting';
        return (
          <li key={target.pid} data-testid="target-row" className={target.exit ? 'ended' : ''}>
            <span className={`status-dot ${target.exit ? 'failed' : stopped ? 'stopped' : 'running'}`} />
            pid {target.pid} <span className="muted">handles {target.signal}</span> · {state}
          </li>
        );
      })}
    </ul>
  );
}
