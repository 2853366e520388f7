import { BRIDGE_GLOBAL, type Bridge } from '../../../contract/bridge';
import type { HostLink } from './link-status';

/** The preload's bridge, when the renderer runs inside the desktop app. */
export function findElectronBridge(): Bridge | null {
  return window[BRIDGE_GLOBAL] ?? null;
}

/** Electron's IPC lives as long as the window does, so the link never reports a loss. */
export function electronLink(bridge: Bridge): HostLink {
  return { bridge, watchStatus: () => () => {} };
}
