import type { Bridge } from '../../../contract/bridge';

// The preload exposes its object under BRIDGE_GLOBAL ('ipcScope') and checks it with `satisfies Bridge`.
declare global {
  interface Window {
    ipcScope?: Bridge;
  }
}
