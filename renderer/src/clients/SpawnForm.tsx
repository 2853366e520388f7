import type { FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ClientMode } from '../../../contract/events';
import { useActions } from '../lib/actions';
import { useLab } from '../store/use-lab';
import { spawnChoice } from './spawn-request';

const MODES: readonly ClientMode[] = ['process', 'thread', 'python'];

/** How many clients, and what they are made of: Node processes, worker threads or python3. */
export function SpawnForm() {
  const info = useLab((state) => state.info);
  const countText = useLab((state) => state.spawnCount);
  const { count, mode, max, valid } = useLab(useShallow(spawnChoice));
  // Kept in the store so the S shortcut spawns what this form shows.
  const setCountText = useLab((state) => state.setSpawnCount);
  const setMode = useLab((state) => state.setSpawnMode);
  const actions = useActions();
  const modes = info?.modes ?? [];
  const selected = modes.find((m) => m.mode === mode);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    actions.spawn(); // what the form shows: the S key and the menu spawn the same
  };

  return (
    <form className="controls" onSubmit={submit}>
      <label>
        Clients
        <input
          data-testid="client-count"
          type="number"
          min={1}
          max={max}
          value={countText}
          onChange={(event) => setCountText(event.target.value)}
        />
      </label>
      <label>
        Made of
        <select
          data-testid="client-mode"
          value={mode}
          onChange={(event) => setMode(event.target.value as ClientMode)}
        >
          {MODES.map((name) => {
            const availability = modes.find((m) => m.mode === name);
            const available = availability?.available ?? name !== 'python';
            return (
              <option key={name} value={name} disabled={!available}>
                {name}
                {availability && !availability.available ? ` (unavailable: ${availability.detail})` : ''}
              </option>
            );
          })}
        </select>
      </label>
      <button
        data-testid="spawn-clients"
        type="submit"
        disabled={!valid}
        aria-keyshortcuts="N"
        title="Spawn (N)"
      >
        Spawn {Number.isInteger(count) && count >= 1 ? count : '…'} {count === 1 ? 'client' : 'clients'}
      </button>
      {selected && (
        <p className={`muted full ${selected.available ? '' : 'warn-text'}`}>
          {selected.available ? selected.detail : `${mode} is unavailable: ${selected.detail}`}
        </p>
      )}
      {info && !(Number.isInteger(count) && count >= 1 && count <= max) && (
        <p className="warn-text full">Pick a whole number from 1 to {max}.</p>
      )}
    </form>
  );
}
