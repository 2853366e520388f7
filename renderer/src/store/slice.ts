import type { StoreApi } from 'zustand/vanilla';
import type { Bridge } from '../../../contract/bridge';
import type { CommandName, CommandPayload, CommandResult } from '../../../contract/commands';
import type { LabEvent } from '../../../contract/events';
import type { LabData, LabState } from './lab-store';

/** Runs a command; a failure is shown to the user and resolves to undefined. */
export type RunCommand = <C extends CommandName>(
  name: C,
  payload: CommandPayload<C>,
) => Promise<CommandResult<C> | undefined>;

/** What every slice is built from: the store's set/get and the way out to the lab. */
export interface SliceContext {
  set: StoreApi<LabState>['setState'];
  get: () => LabState;
  bridge: Bridge;
  command: RunCommand;
}

/**
 * One slice's part in applying a batch: `begin` takes the state before the batch, `apply` sees each
 * new event in order, and `finish` returns the slice's changed fields, so a batch is a single `set`.
 */
export interface BatchStep {
  apply(event: LabEvent): void;
  finish(): Partial<LabData>;
}

export type BeginBatch = (state: LabData) => BatchStep;
