import { connectBrowserSocket, labSocketUrl } from './browser-socket';
import { electronLink, findElectronBridge } from './electron-bridge';
import type { HostLink } from './link-status';
import { createWsBridge } from './ws-bridge';

export type { HostLink, LinkStatus, WatchStatus } from './link-status';

/** The desktop preload's bridge when there is one, else the web host's WebSocket. */
export function createBridge(): HostLink {
  const electron = findElectronBridge();
  if (electron) return electronLink(electron);
  return createWsBridge(labSocketUrl(window.location), connectBrowserSocket);
}
