import type { SignalSource } from '../../../contract/events';
import type { SignalName } from '../../../contract/signals';
import { ListDraft, MapDraft } from './draft';
import type { BeginBatch, SliceContext } from './slice';

/**
 * A signal that arrived at the app (signal:received) or at a signal target child (target:signal), or one the
 * Send button fired at a child (signal:sent), whatever the child made of it.
 */
export interface Delivery {
  seq: number;
  t: number;
  signal: SignalName;
  number: number;
  pid: number;
  who: 'app' | 'target' | 'child';
  /** How the app got it; null for a target; 'button' for a child. */
  source: SignalSource | null;
  /** What the target printed about it. */
  line: string | null;
}

export interface SignalTarget {
  pid: number;
  signal: SignalName;
  number: number;
  spawnedAt: number;
  exit: { code: number | null; signal: string | null } | null;
}

export interface SignalsData {
  /** The newest DELIVERY_LIMIT deliveries, oldest first. */
  deliveries: readonly Delivery[];
  deliveriesTrimmed: number;
  targets: ReadonlyMap<number, SignalTarget>;
  /** Children the lab stopped or continued with a signal, by pid. */
  childStates: ReadonlyMap<number, { state: 'stopped' | 'continued' }>;
}

export interface SignalsSlice extends SignalsData {
  sendSignal(signal: SignalName, target: 'app' | number): Promise<void>;
  spawnTarget(signal: SignalName): Promise<void>;
}

const DELIVERY_LIMIT = 1_000;

const initialSignals: SignalsData = {
  deliveries: [],
  deliveriesTrimmed: 0,
  targets: new Map(),
  childStates: new Map(),
};

export function createSignalsSlice({ command }: SliceContext): SignalsSlice {
  return {
    ...initialSignals,
    async sendSignal(signal, target) {
      await command('signal:send', { signal, target });
    },
    async spawnTarget(signal) {
      await command('signal:spawn-target', { signal });
    },
  };
}

export const beginSignalsBatch: BeginBatch = (state) => {
  const deliveries = new ListDraft(state.deliveries, DELIVERY_LIMIT, state.deliveriesTrimmed);
  const targets = new MapDraft(state.targets);
  const childStates = new MapDraft(state.childStates);
  return {
    apply(event) {
      const { seq, t } = event;
      switch (event.kind) {
        case 'signal:received':
          deliveries.push({
            seq,
            t,
            signal: event.signal,
            number: event.number,
            pid: event.pid,
            who: 'app',
            source: event.source,
            line: null,
          });
          break;
        case 'signal:sent':
          // A send to the app comes back as signal:received; only sends to children need a row of their own.
          if (event.target !== 'child') break;
          deliveries.push({
            seq,
            t,
            signal: event.signal,
            number: event.number,
            pid: event.pid,
            who: 'child',
            source: 'button',
            line: null,
          });
          break;
        case 'target:signal':
          deliveries.push({
            seq,
            t,
            signal: event.signal,
            number: event.number,
            pid: event.pid,
            who: 'target',
            source: null,
            line: event.line,
          });
          break;
        case 'target:spawn':
          targets.put(event.pid, {
            pid: event.pid,
            signal: event.signal,
            number: event.number,
            spawnedAt: t,
            exit: null,
          });
          break;
        case 'target:exit': {
          const target = targets.edit(event.pid);
          if (target) target.exit = { code: event.code, signal: event.signal };
          childStates.delete(event.pid);
          break;
        }
        case 'child:state':
          childStates.put(event.pid, { state: event.state });
          break;
      }
    },
    finish: () => ({
      deliveries: deliveries.result(),
      deliveriesTrimmed: deliveries.trimmed,
      targets: targets.result(),
      childStates: childStates.result(),
    }),
  };
};
