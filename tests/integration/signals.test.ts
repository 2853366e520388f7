import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabEvent, LabEventKind, LabEventOf } from '../../contract';
import { forkWithNode } from '../../main/engine/child-process';
import { createClock } from '../../main/engine/clock';
import { createEventLog, type EventLog } from '../../main/engine/event-log';
import { createProcessRegistry, type ProcessRegistry } from '../../main/engine/process-registry';
import { createSignalHub, type SignalHub } from '../../main/engine/signal-hub';
import { childrenDir } from '../paths';
import { TIMEOUT, waitFor as waitUpTo } from '../timeouts';

const run = promisify(execFile);

let log: EventLog;
let registry: ProcessRegistry;
let hub: SignalHub;
let events: LabEvent[];

function ofKind<K extends LabEventKind>(kind: K): LabEventOf<K>[] {
  return events.filter((event): event is LabEventOf<K> => event.kind === kind);
}

/** Polls the recorded events until `count` of a kind match: a signal's way to a child and back. */
function waitFor<K extends LabEventKind>(
  kind: K,
  match: (event: LabEventOf<K>) => boolean = () => true,
  count = 1,
): Promise<LabEventOf<K>[]> {
  return waitUpTo(
    () => {
      const found = ofKind(kind).filter(match);
      return found.length >= count ? found : undefined;
    },
    () => `${count} ${kind}; got ${JSON.stringify(events)}`,
    TIMEOUT.child,
  );
}

beforeEach(() => {
  events = [];
  log = createEventLog({ clock: createClock() });
  log.tap((event) => events.push(event));
  registry = createProcessRegistry();
  hub = createSignalHub({ log, registry, forkNode: forkWithNode, childrenDir });
  hub.install();
});

afterEach(async () => {
  await registry.shutdown(1_000);
  hub.uninstall();
  log.close();
});

describe.skipIf(process.platform === 'win32')('signals to the app', () => {
  it('lists the lab signals with this OS numbers', () => {
    expect(hub.unsupportedReason).toBeNull();
    const signals = hub.signals();
    expect(signals.map((s) => s.name)).toContain('SIGUSR2');
    if (process.platform === 'linux') expect(signals).toContainEqual({ name: 'SIGUSR2', number: 12 });
  });

  it('records a SIGUSR2 the lab sent itself as coming from the button', async () => {
    expect(hub.send('SIGUSR2', 'app')).toEqual({ pid: process.pid });
    const [got] = await waitFor('signal:received');
    expect(got).toMatchObject({ signal: 'SIGUSR2', number: 12, source: 'button', pid: process.pid });
    expect(ofKind('signal:sent')).toMatchObject([{ signal: 'SIGUSR2', pid: process.pid, target: 'app' }]);
  });

  it('records kill -12 from a terminal as external', async () => {
    await run('/bin/kill', ['-12', String(process.pid)]);
    const [got] = await waitFor('signal:received');
    expect(got).toMatchObject({ signal: 'SIGUSR2', number: 12, source: 'external', pid: process.pid });
  });

  it('catches an external SIGUSR1 without starting the inspector', async () => {
    await run('/bin/kill', ['-USR1', String(process.pid)]);
    await waitFor('signal:received', (event) => event.signal === 'SIGUSR1' && event.source === 'external');
    const inspector = await import('node:inspector');
    expect(inspector.url()).toBeUndefined();
  });

  it('records SIGUSR1 and SIGWINCH sent by the lab, then an external one, each with its source', async () => {
    hub.send('SIGUSR1', 'app');
    hub.send('SIGWINCH', 'app');
    await waitFor('signal:received', () => true, 2);
    await run('/bin/kill', ['-WINCH', String(process.pid)]);
    const got = await waitFor('signal:received', () => true, 3);
    expect(got.map(({ signal, source }) => `${signal}:${source}`)).toEqual([
      'SIGUSR1:button',
      'SIGWINCH:button',
      'SIGWINCH:external',
    ]);
  });

  it('refuses signals that would quit, kill or freeze the app', () => {
    expect(() => hub.send('SIGTERM', 'app')).toThrow(
      'SIGTERM would quit the app; it is not offered against the app itself',
    );
    expect(() => hub.send('SIGINT', 'app')).toThrow('SIGINT would quit the app');
    expect(() => hub.send('SIGKILL', 'app')).toThrow('SIGKILL cannot be caught: it would kill the app');
    expect(() => hub.send('SIGSTOP', 'app')).toThrow('SIGSTOP cannot be caught');
    expect(ofKind('signal:sent')).toEqual([]);
  });

  it('refuses to signal the app once its handlers are removed', () => {
    hub.uninstall();
    expect(() => hub.send('SIGUSR2', 'app')).toThrow('no SIGUSR2 handler');
  });

  it('refuses a pid the lab did not start', () => {
    expect(() => hub.send('SIGTERM', 1)).toThrow('pid 1 was not started by the lab; refusing to signal it');
    expect(() => hub.send('SIGUSR2', process.pid)).toThrow(`pid ${process.pid} was not started by the lab`);
  });
});

describe.skipIf(process.platform === 'win32')('signal targets', () => {
  it('reports each of three SIGUSR2 a target receives', async () => {
    const { pid } = await hub.spawnTarget('SIGUSR2');
    expect(registry.has(pid)).toBe(true);
    expect(ofKind('target:spawn')).toEqual([expect.objectContaining({ pid, signal: 'SIGUSR2', number: 12 })]);
    for (let i = 0; i < 3; i += 1) {
      hub.send('SIGUSR2', pid);
      await waitFor('target:signal', () => true, i + 1); // one at a time: pending signals would merge
    }
    const lines = ofKind('target:signal');
    expect(lines).toHaveLength(3);
    for (const event of lines) {
      expect(event).toMatchObject({ pid, signal: 'SIGUSR2', number: 12 });
      expect(event.line).toMatch(/^Got signal 12 \(SIGUSR2\) at \d{4}-\d\d-\d\dT/);
    }
    expect(ofKind('signal:sent').filter((event) => event.target === 'child')).toHaveLength(3);
  });

  it('reports a target stopped by SIGSTOP and resumed by SIGCONT', async () => {
    const { pid } = await hub.spawnTarget('SIGUSR1');
    hub.send('SIGSTOP', pid);
    await waitFor('child:state', (event) => event.state === 'stopped');
    hub.send('SIGCONT', pid);
    await waitFor('child:state', (event) => event.state === 'continued');
    hub.send('SIGUSR1', pid); // it still answers once resumed
    await waitFor('target:signal');
    expect(ofKind('child:state')).toEqual([
      expect.objectContaining({ pid, state: 'stopped' }),
      expect.objectContaining({ pid, state: 'continued' }),
    ]);
  });

  it('reports a target killed by SIGKILL', async () => {
    const { pid } = await hub.spawnTarget('SIGTERM');
    hub.send('SIGKILL', pid);
    const [exit] = await waitFor('target:exit');
    expect(exit).toMatchObject({ pid, code: null, signal: 'SIGKILL' });
    expect(registry.has(pid)).toBe(false);
    expect(() => hub.send('SIGUSR2', pid)).toThrow(`pid ${pid} was not started by the lab`);
  });

  it('records SIGTERM when it is the watched signal, and the target lives on', async () => {
    const { pid } = await hub.spawnTarget('SIGTERM');
    hub.send('SIGTERM', pid);
    const [line] = await waitFor('target:signal');
    expect(line?.line).toMatch(/^Got signal 15 \(SIGTERM\) at /);
    expect(registry.has(pid)).toBe(true);
  });

  it('exits cleanly on SIGTERM when watching another signal', async () => {
    const { pid } = await hub.spawnTarget('SIGHUP');
    hub.send('SIGTERM', pid);
    const [exit] = await waitFor('target:exit');
    expect(exit).toMatchObject({ pid, code: 0, signal: null });
  });

  it('refuses a target for signals no handler can catch', async () => {
    await expect(hub.spawnTarget('SIGKILL')).rejects.toThrow(
      'SIGKILL cannot be caught, so no handler can be installed for it',
    );
    await expect(hub.spawnTarget('SIGSTOP')).rejects.toThrow('SIGSTOP cannot be caught');
    expect(ofKind('target:spawn')).toEqual([]);
  });
});
