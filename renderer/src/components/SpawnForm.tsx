import { type FormEvent, useState } from 'react';
import type { ClientMode } from '../../../contract/events';
import { useLab } from '../store/use-lab';

/** How many clients, and what they are made of: Node processes, worker threads or python3. */
export function SpawnForm() {
  const info = useLab((state) => state.info);
  const spawnClients = useLab((state) => state.spawnClients);
  const [countText, setCountText] = useState('5');
  const [chosenMode, setMode] = useState<ClientMode | null>(null);
  const modes = info?.modes ?? [];
  const mode = chosenMode ?? modes.find((m) => m.available)?.mode ?? 'process';
  const selected = modes.find((m) => m.mode === mode);
  const max = info?.maxClients ?? 200;
  const count = Number(countText);
  const valid = Number.isInteger(count) && count >= 1 && count <= max;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) void spawnClients(count, mode);
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
          {(['process', 'thread', 'python'] as const).map((name) => {
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
      <button data-testid="spawn-clients" type="submit" disabled={!info || !valid}>
        Spawn {valid ? count : '…'} {count === 1 ? 'client' : 'clients'}
      </button>
      {selected && (
        <p className={`muted full ${selected.available ? '' : 'warn-text'}`}>
          {selected.available ? selected.detail : `${mode} is unavailable: ${selected.detail}`}
        </p>
      )}
      {!valid && <p className="warn-text full">Pick a whole number from 1 to {max}.</p>}
    </form>
  );
}
