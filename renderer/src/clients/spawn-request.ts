import type { ClientMode } from '../../../contract/events';
import type { LabState } from '../store/lab-store';

export interface SpawnChoice {
  count: number;
  mode: ClientMode;
  max: number;
  valid: boolean;
}

/** What the spawn form would spawn now: its count and mode, the first available mode by default. */
export function spawnChoice(state: Pick<LabState, 'info' | 'spawnCount' | 'spawnMode'>): SpawnChoice {
  const modes = state.info?.modes ?? [];
  const mode = state.spawnMode ?? modes.find((m) => m.available)?.mode ?? 'process';
  const max = state.info?.maxClients ?? 200;
  const count = Number(state.spawnCount);
  const available = modes.find((m) => m.mode === mode)?.available ?? true;
  const valid = state.info !== null && available && Number.isInteger(count) && count >= 1 && count <= max;
  return { count, mode, max, valid };
}

/** Spawns what the form is set to, as its button would; the S key and the desktop menu use it. */
export function spawnAsSet(state: LabState): void {
  const choice = spawnChoice(state);
  if (choice.valid) void state.spawnClients(choice.count, choice.mode);
}
