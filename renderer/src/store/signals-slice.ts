import type { SignalSource } from '../../../contract/events';
import type { SignalName } from '../../../contract/signals';
import { ListDraft, MapDraft } from './draft';
import type { BeginBatch, SliceContext } from './slice';

/**
 * A signal that arrived at the app (signal:received) or at a signal target child (target:signal), one the
 * Send button fired at a child (signal:sent), whatever the child made of it, or one a traced program got.
 */
export interface Delivery {
  seq: number;
  t: number;
  /** A SignalName, but a traced program may get any signal (SIGCHLD, SIGSEGV). */
  signal: SignalName | string;
  /** Null for a traced program's signal the lab has no number for. */
  number: number | null;
  pid: number;
  who: 'app' | 'target' | 'child' | 'traced';
  /** How the app got it; null for a target or a traced program; 'button' for a child. */
  source: SignalSource | null;
  /** What the target printed about it. */
  line: string | null;
  /** Who sent a traced program's signal, in words: `the lab`, `pid 41235`, `the kernel`. */
  from: string | null;
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

/** Who sent a signal a traced program got, from its si_pid (null: the kernel, as for an alarm's SIGALRM). */
function tracedSender(senderPid: number | null, labPid: number | undefined): string {
  if (senderPid === null) return 'the kernel';
  return senderPid === labPid ? 'the lab' : `pid ${senderPid}`;
}

export const beginSignalsBatch: BeginBatch = (state) => {
  const numbers = new Map(state.info?.signals.map((signal) => [signal.name as string, signal.number]));
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
            from: null,
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
            from: null,
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
            from: null,
          });
          break;
        case 'trace:signal':
          deliveries.push({
            seq,
            t: event.at,
            signal: event.signal,
            number: numbers.get(event.signal) ?? null,
            pid: event.pid,
            who: 'traced',
            source: null,
            line: null,
            from: tracedSender(event.senderPid, state.info?.pid),
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
