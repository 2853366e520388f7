import type { StoreApi } from 'zustand/vanilla';
import type { Bridge } from '../../../contract/bridge';
import type { CommandName, CommandPayload, CommandResult } from '../../../contract/commands';
import type { LabEvent } from '../../../contract/events';
import type { WatchStatus } from '../bridge/link-status';
import type { NextFrame } from './frame-queue';
import type { LabData, LabState } from './lab-store';

/** Runs a command; a failure is shown to the user and resolves to undefined. */
export type RunCommand = <C extends CommandName>(
  name: C,
  payload: CommandPayload<C>,
) => Promise<CommandResult<C> | undefined>;

/**
 * Sees every batch the store applies, duplicates included, before the store's own `set`: the timeline
 * keeps its columnar history from it, so the store never has to hold every event.
 */
export type EventSink = (events: readonly LabEvent[]) => void;

/** What every slice is built from: the store's set/get and the way out to the lab. */
export interface SliceContext {
  set: StoreApi<LabState>['setState'];
  get: () => LabState;
  bridge: Bridge;
  watchStatus: WatchStatus;
  command: RunCommand;
  sink?: EventSink;
  nextFrame: NextFrame;
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
