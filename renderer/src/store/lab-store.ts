import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Bridge } from '../../../contract/bridge';
import { type AlarmData, type AlarmSlice, createAlarmSlice } from './alarm-slice';
import { type ClientsData, type ClientsSlice, createClientsSlice } from './clients-slice';
import { type ComposerData, type ComposerSlice, createComposerSlice } from './composer-slice';
import type { ConnectionsData } from './connections-slice';
import { initialConnections } from './connections-slice';
import { createEchoSlice, type EchoData, type EchoSlice } from './echo-slice';
import { createErrorsSlice, type ErrorsData, type ErrorsSlice } from './errors-slice';
import { createLinkSlice, type LinkData, type LinkSlice } from './link-slice';
import { initialReplyLog, type ReplyLogData } from './reply-log-slice';
import { createScriptsSlice, type ScriptsData, type ScriptsSlice } from './scripts-slice';
import { createSignalsSlice, type SignalsData, type SignalsSlice } from './signals-slice';
import type { RunCommand, SliceContext } from './slice';
import { createTraceSlice, type TraceData, type TraceSlice } from './trace-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/** Everything derived from events, without the actions. */
export type LabData = LinkData &
  EchoData &
  ConnectionsData &
  ClientsData &
  SignalsData &
  AlarmData &
  ScriptsData &
  ComposerData &
  ErrorsData &
  ReplyLogData &
  TraceData;

export type LabState = LinkSlice &
  EchoSlice &
  ConnectionsData &
  ClientsSlice &
  SignalsSlice &
  AlarmSlice &
  ScriptsSlice &
  ComposerSlice &
  ErrorsSlice &
  ReplyLogData &
  TraceSlice &
  UiSlice;

export type LabStore = StoreApi<LabState>;

/** The state the views read, and the commands they send; events reach it through the app's ingest. */
export function createLabStore(bridge: Bridge): LabStore {
  return createStore<LabState>()((set, get) => {
    const command: RunCommand = async (name, payload) => {
      try {
        return await bridge.invoke(name, payload);
      } catch (error) {
        get().reportError(name, error instanceof Error ? error.message : String(error));
        return undefined;
      }
    };
    const ctx: SliceContext = { set, get, bridge, command };
    return {
      ...createLinkSlice(ctx),
      ...createEchoSlice(ctx),
      ...initialConnections,
      ...createClientsSlice(ctx),
      ...createSignalsSlice(ctx),
      ...createAlarmSlice(ctx),
      ...createScriptsSlice(ctx),
      ...createComposerSlice(ctx),
      ...createErrorsSlice(ctx),
      ...initialReplyLog,
      ...createTraceSlice(ctx),
      ...createUiSlice(ctx),
    };
  });
}
