import type { Bridge } from '../../../contract/bridge';

/** Whether the host can still be reached; only the WebSocket bridge can lose it. */
export type LinkStatus = { state: 'open' } | { state: 'lost'; reason: string };

export type WatchStatus = (listener: (status: LinkStatus) => void) => () => void;

/** What the app starts from: the bridge, and a way to hear that it went away. */
export interface HostLink {
  bridge: Bridge;
  watchStatus: WatchStatus;
}
