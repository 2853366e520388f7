import type { EchoStatus } from '../../../contract/commands';
import type { BeginBatch, SliceContext } from './slice';

export interface EchoData {
  /** The echo server as last reported; null until the snapshot arrives. */
  echo: EchoStatus | null;
  /** Connections turned away at the limit: the latest total and the limit. */
  refused: { total: number; limit: number } | null;
}

export interface EchoSlice extends EchoData {
  startEcho(port: number): Promise<void>;
  stopEcho(): Promise<void>;
}

const initialEcho: EchoData = { echo: null, refused: null };

export function createEchoSlice({ set, command }: SliceContext): EchoSlice {
  return {
    ...initialEcho,
    async startEcho(port) {
      const status = await command('echo:start', { port });
      if (status) set({ echo: status });
    },
    async stopEcho() {
      const status = await command('echo:stop', {});
      if (status) set({ echo: status });
    },
  };
}

export const beginEchoBatch: BeginBatch = (state) => {
  let echo = state.echo;
  let refused = state.refused;
  let changed = false;
  // The hello's info has the server as it is now; the history replayed after it only says how it got there.
  const current = state.history.lastSeq;
  return {
    apply(event) {
      if (event.seq <= current && event.kind.startsWith('server:')) return;
      switch (event.kind) {
        case 'server:listening':
          echo = { listening: true, host: event.host, port: event.port, error: null };
          break;
        case 'server:stopped':
          echo = { listening: false, host: event.host, port: event.port, error: null };
          break;
        case 'server:error':
          echo = {
            listening: echo?.listening ?? false,
            host: event.host,
            port: event.port,
            error: `${event.code}: ${event.message}`,
          };
          break;
        case 'conn:refused':
          refused = { total: event.total, limit: event.limit };
          break;
        default:
          return;
      }
      changed = true;
    },
    finish: () => (changed ? { echo, refused } : {}),
  };
};
