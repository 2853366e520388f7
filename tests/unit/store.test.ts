import { describe, expect, it } from 'vitest';
import type { CommandResult } from '../../contract/commands';
import type { LabEvent } from '../../contract/events';
import { TIMEOUT, waitFor } from '../timeouts';
import { appOn, fakeLab, info, stamp, started } from './fake-lab';

describe('lab store: snapshot, batches and commands', () => {
  it('applies the snapshot, then the history that follows it, then live batches', async () => {
    const history = stamp({ kind: 'run:start', runId: 1, mode: 'process', count: 2 });
    const lab = fakeLab({ events: history, evicted: 3 });
    const { store, files } = appOn(lab);
    files.startLive();
    await lab.hello();
    const state = store.getState();
    expect(state.link).toBe('live');
    expect(state.info?.pid).toBe(4242);
    expect(state.evicted).toBe(3);
    expect(state.history).toEqual({ events: 1, lastSeq: history[0]?.seq });
    expect([...state.runs.keys()]).toEqual([1]);
    lab.emit(stamp({ kind: 'run:start', runId: 2, mode: 'thread', count: 1 }));
    expect([...store.getState().runs.keys()]).toEqual([1, 2]);
    expect(lab.calls[0]).toEqual({ name: 'lab:hello', payload: {} });
  });

  it('lets go of what an earlier subscription sent before the reply, so the history after it is applied', async () => {
    const history = stamp(
      { kind: 'run:start', runId: 1, mode: 'process', count: 2 },
      { kind: 'run:start', runId: 2, mode: 'thread', count: 1 },
    );
    const lab = fakeLab({ events: history, evicted: 0 });
    const { store, files } = appOn(lab);
    files.startLive();
    lab.emit([history[1] as LabEvent]); // a reloaded window's last batch from its old subscription
    await lab.hello();
    expect([...store.getState().runs.keys()]).toEqual([1, 2]);
  });

  it('takes the echo server from the hello reply, not from the history replayed after it', async () => {
    const lab = fakeLab({
      events: stamp({ kind: 'server:stopped', host: '127.0.0.1', port: 5000 }),
      evicted: 0,
    });
    const { store, files } = appOn(lab);
    files.startLive();
    await lab.hello();
    expect(store.getState().echo).toEqual(info.echo);
    lab.emit(stamp({ kind: 'server:stopped', host: '127.0.0.1', port: 5000 }));
    expect(store.getState().echo?.listening).toBe(false);
  });

  it('holds batches that overtake the hello reply until the snapshot is in', async () => {
    const lab = fakeLab();
    const { store, files } = appOn(lab);
    files.startLive();
    lab.emit(stamp({ kind: 'run:start', runId: 2, mode: 'thread', count: 1 }));
    expect(store.getState().runs.size).toBe(0);
    await lab.hello();
    expect(store.getState().info?.pid).toBe(4242);
    expect([...store.getState().runs.keys()]).toEqual([2]);
  });

  it('drops events at or below the last applied seq once, for the store and the timeline alike', async () => {
    const { lab, store, app } = await started();
    const batch = stamp(
      { kind: 'signal:received', signal: 'SIGUSR2', number: 12, source: 'external', pid: 4242 },
      { kind: 'signal:received', signal: 'SIGUSR2', number: 12, source: 'button', pid: 4242 },
    );
    lab.emit(batch);
    lab.emit(batch);
    const [fired] = stamp({ kind: 'alarm:fired', repeat: false });
    lab.emit([batch[1] as LabEvent, fired as LabEvent]);
    expect(store.getState().deliveries).toHaveLength(2);
    expect(store.getState().alarm.fired).toBe(1);
    expect(store.getState().lastSeq).toBe(fired?.seq);
    expect(app.timeline.data.columns.size).toBe(3);
    expect(app.timeline.data.global.length).toBe(2);
  });

  it('applies every batch that arrived within one frame with a single set, at the frame', async () => {
    const { lab, store } = await started();
    let updates = 0;
    store.subscribe(() => {
      updates += 1;
    });
    lab.send(stamp({ kind: 'run:start', runId: 7, mode: 'process', count: 1 }));
    lab.send(stamp({ kind: 'client:spawn', runId: 7, clientId: 'c1', mode: 'process', pid: 100 }));
    lab.send(stamp({ kind: 'client:output', runId: 7, clientId: 'c1', stream: 'stdout', text: 'hello\n' }));
    expect(updates).toBe(0);
    expect(store.getState().runs.size).toBe(0);
    lab.frame();
    expect(updates).toBe(1);
    expect(store.getState().runs.get(7)?.count).toBe(1);
    expect(store.getState().clients.get('c1')?.stdout).toEqual(['hello']);
    lab.frame();
    expect(updates).toBe(1);
  });

  it('marks each frame it applied with the last seq, for profiles and the bench', async () => {
    // The name bench/page-probe.ts observes, which it cannot import.
    const APPLIED_MARK = 'lab:events-applied';
    const { lab } = await started();
    const seen: unknown[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const mark of list.getEntriesByName(APPLIED_MARK))
        seen.push((mark as { detail?: unknown }).detail);
    });
    observer.observe({ type: 'mark' });
    const batch = stamp(
      { kind: 'run:start', runId: 5, mode: 'process', count: 1 },
      { kind: 'run:start', runId: 6, mode: 'process', count: 1 },
    );
    lab.send(batch.slice(0, 1));
    lab.send(batch.slice(1));
    lab.frame();
    await waitFor(() => seen.length > 0, 'the performance mark to be observed', TIMEOUT.io);
    observer.disconnect();
    expect(seen).toEqual([{ lastSeq: batch[1]?.seq }]);
    expect(performance.getEntriesByName(APPLIED_MARK)).toEqual([]);
  });

  it('applies nothing that arrives after it stopped listening', async () => {
    const { lab, store, stop } = await started();
    lab.send(stamp({ kind: 'run:start', runId: 8, mode: 'process', count: 1 }));
    stop();
    lab.send(stamp({ kind: 'run:start', runId: 9, mode: 'process', count: 1 }));
    lab.frame();
    expect(store.getState().runs.size).toBe(0);
  });

  it('keeps untouched entries identical across a batch, so narrow selectors do not re-render', async () => {
    const { lab, store } = await started(
      stamp(
        { kind: 'client:spawn', runId: 1, clientId: 'a', mode: 'process', pid: 1 },
        { kind: 'client:spawn', runId: 1, clientId: 'b', mode: 'process', pid: 2 },
      ),
    );
    const before = store.getState();
    lab.emit(stamp({ kind: 'client:output', runId: 1, clientId: 'b', stream: 'stdout', text: 'hi' }));
    const after = store.getState();
    expect(after.clients.get('a')).toBe(before.clients.get('a'));
    expect(after.clients.get('b')).not.toBe(before.clients.get('b'));
    expect(before.clients.get('b')?.stdout).toEqual([]);
    expect(after.scripts).toBe(before.scripts);
    expect(after.deliveries).toBe(before.deliveries);
  });

  it('shows a failed command with the lab message until dismissed', async () => {
    const lab = fakeLab();
    const { store } = appOn(lab);
    await store.getState().spawnClients(5, 'python');
    const [error] = store.getState().errors;
    expect(error?.message).toBe('clients:spawn: the fake lab has no answer');
    expect(lab.calls).toEqual([{ name: 'clients:spawn', payload: { count: 5, mode: 'python' } }]);
    store.getState().dismissError(error?.id ?? 0);
    expect(store.getState().errors).toEqual([]);
  });

  it('takes the echo status from the command reply and from server events', async () => {
    const lab = fakeLab(undefined, (name) => {
      if (name !== 'echo:stop') throw new Error(`unexpected ${name}`);
      return { listening: false, host: '127.0.0.1', port: 5000, error: null } as CommandResult<typeof name>;
    });
    const { store, files } = appOn(lab);
    files.startLive();
    await lab.hello();
    await store.getState().stopEcho();
    expect(store.getState().echo?.listening).toBe(false);
    lab.emit(
      stamp(
        { kind: 'server:error', host: '127.0.0.1', port: 80, code: 'EACCES', message: 'permission denied' },
        { kind: 'server:listening', host: '127.0.0.1', port: 6000 },
      ),
    );
    expect(store.getState().echo).toEqual({ listening: true, host: '127.0.0.1', port: 6000, error: null });
  });

  it('reports a lost link with its reason', async () => {
    const lab = fakeLab();
    let report: (reason: string) => void = () => {};
    const { store, files } = appOn(lab, (listener) => {
      report = (reason) => listener({ state: 'lost', reason });
      return () => {};
    });
    files.startLive();
    await lab.hello();
    report('lost the connection to the lab');
    expect(store.getState()).toMatchObject({ link: 'lost', linkMessage: 'lost the connection to the lab' });
  });
});
