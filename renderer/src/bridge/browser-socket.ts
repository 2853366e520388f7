import { WS_PATH } from '../../../contract/wire';
import type { ConnectSocket } from './ws-bridge';

/** The browser's WebSocket behind the bridge's small socket interface. */
export const connectBrowserSocket: ConnectSocket = (url, on) => {
  const socket = new WebSocket(url);
  socket.addEventListener('open', () => on.open());
  socket.addEventListener('message', (event) => {
    if (typeof event.data === 'string') on.message(event.data);
  });
  // An error is always followed by close, which is where pending commands are failed.
  socket.addEventListener('close', () => on.close());
  return socket;
};

/** The web host's socket address for this page, carrying the token the page was opened with. */
export function labSocketUrl(location: Location): string {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
}
