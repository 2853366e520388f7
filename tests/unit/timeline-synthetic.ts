// Synthetic lab sessions for the timeline's tests and benchmarks: realistic event shapes, any size.
import type { LabEvent, LabEventBody } from '../../contract/events';

export interface SyntheticOptions {
  /** Connections to make, in runs of `perRun` spawned clients. */
  connections: number;
  /** How many events in all (at least the fixed ones): the rest is ignored extra data on each connection. */
  events: number;
  perRun?: number;
  /** A SIGUSR2 delivery after every this many runs. */
  signalEvery?: number;
}

/** Yields a session's events in order, stamped like the event log does (seq from 1, t in µs). */
export function* syntheticEvents({
  connections,
  events,
  perRun = 5,
  signalEvery = 10,
}: SyntheticOptions): Generator<LabEvent> {
  let seq = 0;
  let t = 1_000;
  const emit = (body: LabEventBody, dt = 37): LabEvent => {
    seq += 1;
    t += dt;
    return { ...body, seq, t } as LabEvent;
  };
  const runs = Math.ceil(connections / perRun);
  // Every event but the extra data: 8 per connection, 2 per run, and the signals.
  const fixed = connections * 8 + runs * 2 + Math.floor(runs / signalEvery);
  const extras = Math.max(0, events - fixed);
  // Spread the extra data so the total comes out exact: the first connections get one more.
  const extraFor = (connId: number) =>
    Math.floor(extras / connections) + (connId <= extras % connections ? 1 : 0);
  let connId = 0;
  for (let runId = 1; runId <= runs; runId++) {
    const count = Math.min(perRun, connections - connId);
    yield emit({ kind: 'run:start', runId, mode: 'process', count }, 5_000);
    const ids = Array.from({ length: count }, (_, i) => `${runId}.${i + 1}`);
    const pids = ids.map((_, i) => 10_000 + runId * 10 + i);
    for (const [i, clientId] of ids.entries()) {
      yield emit({ kind: 'client:spawn', runId, clientId, mode: 'process', pid: pids[i] as number });
    }
    for (const [i, clientId] of ids.entries()) {
      connId += 1;
      const sent = `client:process=${pids[i]}`;
      yield emit({
        kind: 'conn:open',
        connId,
        role: 'echo',
        remoteAddress: '127.0.0.1',
        remotePort: 40_000 + (connId % 20_000),
        localPort: 5000,
      });
      yield emit({ kind: 'conn:identified', connId, runId, clientId });
      yield emit({ kind: 'conn:data', connId, data: btoa(sent), size: sent.length });
      const reply = `server got: [b'${sent}']`;
      yield emit({ kind: 'conn:reply', connId, text: reply, size: reply.length });
      for (let k = 0; k < extraFor(connId); k++) {
        // Unique bytes per chunk, as real traffic has: nothing for the store to share.
        const more = `more ${connId}:${k}`;
        yield emit({ kind: 'conn:extra', connId, data: btoa(more), size: more.length }, 3);
      }
      yield emit({
        kind: 'client:output',
        runId,
        clientId,
        stream: 'stdout',
        text: `client got: [b"${reply}"]\n`,
      });
      yield emit({
        kind: 'conn:close',
        connId,
        cause: 'client',
        bytesIn: sent.length,
        bytesOut: reply.length,
      });
      yield emit({ kind: 'client:exit', runId, clientId, pid: pids[i] as number, code: 0, signal: null });
    }
    yield emit({ kind: 'run:end', runId, accepted: ids, replied: ids, exited: [...ids].reverse() });
    if (runId % signalEvery === 0) {
      yield emit({ kind: 'signal:received', signal: 'SIGUSR2', number: 12, source: 'external', pid: 4242 });
    }
  }
}

export function syntheticList(options: SyntheticOptions): LabEvent[] {
  return [...syntheticEvents(options)];
}
