import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientMode, LabEvent, LabEventKind, LabEventOf } from '../../contract';
import { createClock } from '../../main/engine/clock';
import { createEventLog, type EventLog } from '../../main/engine/event-log';
import { createRunTracker, type RunTracker } from '../../main/engine/run-tracker';

let log: EventLog;
let tracker: RunTracker;
let events: LabEvent[];

function ofKind<K extends LabEventKind>(kind: K): LabEventOf<K>[] {
  return events.filter((event): event is LabEventOf<K> => event.kind === kind);
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

function startRun(runId: number, mode: ClientMode, pids: number[]): void {
  log.append({ kind: 'run:start', runId, mode, count: pids.length });
  pids.forEach((pid, i) => {
    const thread = mode === 'thread' ? i + 1 : undefined;
    log.append({ kind: 'client:spawn', runId, clientId: `${runId}.${i + 1}`, mode, pid, thread });
  });
}

function openBody(connId: number) {
  return {
    kind: 'conn:open',
    connId,
    role: 'echo',
    remoteAddress: '127.0.0.1',
    remotePort: 40_000,
    localPort: 1,
  } as const;
}

function open(connId: number): void {
  log.append(openBody(connId));
}

/** A first chunk, as the echo server records it: the tracker sees it before its conn:data is appended. */
function send(connId: number, text: string): void {
  const chunk = Buffer.from(text);
  tracker.identify(connId, chunk);
  log.append({ kind: 'conn:data', connId, data: chunk.toString('base64'), size: chunk.length });
}

function reply(connId: number): void {
  log.append({ kind: 'conn:reply', connId, text: 'server got: [...]', size: 17 });
}

function exit(runId: number, clientId: string, pid: number): void {
  log.append({ kind: 'client:exit', runId, clientId, pid, code: 0, signal: null });
}

beforeEach(() => {
  events = [];
  log = createEventLog({ clock: createClock() });
  log.tap((event) => events.push(event));
  tracker = createRunTracker({ log });
});

afterEach(() => {
  tracker.close();
  log.close();
});

describe('run tracker', () => {
  it('orders accepted by conn:open even when the messages arrive in another order', async () => {
    startRun(1, 'process', [101, 102, 103]);
    open(1);
    open(2);
    open(3);
    send(3, 'client:process=101');
    send(1, 'client:process=103');
    send(2, 'client:process=102');
    reply(2);
    reply(3);
    reply(1);
    exit(1, '1.2', 102);
    exit(1, '1.1', 101);
    exit(1, '1.3', 103);
    await settled();
    expect(ofKind('conn:identified').map(({ connId, clientId }) => [connId, clientId])).toEqual([
      [3, '1.1'],
      [1, '1.3'],
      [2, '1.2'],
    ]);
    expect(ofKind('run:end')).toEqual([
      expect.objectContaining({
        runId: 1,
        accepted: ['1.3', '1.2', '1.1'],
        replied: ['1.2', '1.1', '1.3'],
        exited: ['1.2', '1.1', '1.3'],
      }),
    ]);
  });

  it('lists a client that never connected only among the exited', async () => {
    startRun(1, 'process', [201, 202]);
    open(1);
    send(1, 'client:process=202');
    reply(1);
    exit(1, '1.1', 201);
    exit(1, '1.2', 202);
    await settled();
    expect(ofKind('run:end')[0]).toMatchObject({
      accepted: ['1.2'],
      replied: ['1.2'],
      exited: ['1.1', '1.2'],
    });
  });

  it('ties client:thread=<i> to the newest open thread run that still waits for thread i', async () => {
    startRun(1, 'thread', [300, 300]);
    startRun(2, 'thread', [301, 301]);
    open(1);
    send(1, 'client:thread=1');
    open(2);
    send(2, 'client:thread=1');
    exit(2, '2.1', 301);
    exit(2, '2.2', 301);
    open(3);
    send(3, 'client:thread=2');
    await settled();
    expect(ofKind('conn:identified').map(({ connId, clientId }) => [connId, clientId])).toEqual([
      [1, '2.1'],
      [2, '1.1'],
      [3, '1.2'],
    ]);
  });

  it("records the tie before the client's first chunk, so no view takes a lab client for an outsider", () => {
    startRun(1, 'process', [401]);
    open(1);
    send(1, 'client:process=401');
    const [identified] = ofKind('conn:identified');
    const [data] = ofKind('conn:data');
    expect(identified).toMatchObject({ connId: 1, runId: 1, clientId: '1.1' });
    expect(identified?.seq).toBe((data?.seq ?? 0) - 1);
  });

  it('ignores messages that name no client of an open run', async () => {
    startRun(1, 'process', [501]);
    open(1);
    send(1, 'client1');
    open(2);
    send(2, 'client:process=999');
    await settled();
    expect(ofKind('conn:identified')).toEqual([]);
  });

  it('appends its events after the one that caused them, so every tap sees seq in order', async () => {
    const seen: number[] = [];
    log.tap((event) => seen.push(event.seq));
    startRun(1, 'process', [601]);
    open(1);
    send(1, 'client:process=601');
    exit(1, '1.1', 601);
    await settled();
    expect(ofKind('run:end')).toHaveLength(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen).toEqual(events.map((event) => event.seq));
  });

  it('stops following events once closed', async () => {
    tracker.close();
    startRun(1, 'process', [701]);
    exit(1, '1.1', 701);
    await settled();
    expect(ofKind('run:end')).toEqual([]);
  });

  it('ties nothing that opened before any run, nor a connection of another role', async () => {
    open(1);
    startRun(1, 'process', [801, 802]);
    send(1, 'client:process=801');
    log.append({ ...openBody(2), role: 'redirect' });
    send(2, 'client:process=801');
    open(3);
    send(3, 'client:process=802');
    await settled();
    expect(ofKind('conn:identified').map(({ connId }) => connId)).toEqual([3]);
  });

  it('ties a client once: a second connection naming it, or a second message, changes nothing', async () => {
    startRun(1, 'process', [811, 812]);
    open(1);
    send(1, 'client:process=811');
    tracker.identify(1, Buffer.from('client:process=812'));
    open(2);
    send(2, 'client:process=811');
    reply(1);
    reply(1);
    reply(2);
    exit(1, '1.1', 811);
    exit(1, '1.1', 811);
    exit(1, '1.2', 812);
    await settled();
    expect(ofKind('conn:identified').map(({ connId, clientId }) => [connId, clientId])).toEqual([[1, '1.1']]);
    expect(ofKind('run:end')[0]).toMatchObject({
      accepted: ['1.1'],
      replied: ['1.1'],
      exited: ['1.1', '1.2'],
    });
  });

  it('forgets a closed connection, and a finished run: later messages and replies tie nothing', async () => {
    startRun(1, 'process', [821]);
    open(1);
    log.append({ kind: 'conn:close', connId: 1, cause: 'client', bytesIn: 0, bytesOut: 0 });
    send(1, 'client:process=821');
    open(2);
    send(2, 'client:process=821');
    exit(1, '1.1', 821);
    reply(2);
    startRun(2, 'process', [822]);
    open(3);
    send(3, 'client:process=821');
    await settled();
    expect(ofKind('conn:identified').map(({ connId }) => connId)).toEqual([2]);
    expect(ofKind('run:end')[0]).toMatchObject({ runId: 1, replied: [] });
  });

  it('knows thread clients by thread number only, never by the pid they share', async () => {
    startRun(1, 'thread', [831, 831]);
    startRun(2, 'process', [832]);
    open(1);
    send(1, 'client:process=831');
    open(2);
    send(2, 'client:thread=2');
    await settled();
    expect(ofKind('conn:identified').map(({ connId, clientId }) => [connId, clientId])).toEqual([[2, '1.2']]);
  });

  it('keeps a pid that a newer run took over when the older run ends', async () => {
    startRun(1, 'process', [841, 842]);
    startRun(2, 'process', [841]);
    exit(1, '1.1', 841);
    exit(1, '1.2', 842);
    open(1);
    send(1, 'client:process=841');
    await settled();
    expect(ofKind('conn:identified')).toEqual([
      expect.objectContaining({ connId: 1, runId: 2, clientId: '2.1' }),
    ]);
  });

  it('ends a run only once all of its clients have exited', async () => {
    startRun(1, 'process', [851, 852]);
    exit(1, '1.1', 851);
    await settled();
    expect(ofKind('run:end')).toEqual([]);
    exit(1, '1.2', 852);
    exit(7, '7.1', 999);
    await settled();
    expect(ofKind('run:end').map((event) => event.runId)).toEqual([1]);
  });

  it('ignores a spawn for a run it never saw start, and a reply on a connection it does not follow', async () => {
    open(1);
    startRun(1, 'process', [861]);
    log.append({ kind: 'client:spawn', runId: 9, clientId: '9.1', mode: 'process', pid: 862 });
    reply(1);
    open(2);
    send(2, 'client:process=862');
    exit(1, '1.1', 861);
    await settled();
    expect(ofKind('conn:identified')).toEqual([]);
    expect(ofKind('run:end')[0]).toMatchObject({ runId: 1, replied: [] });
  });

  it("never ties a finished run's client that had not connected", async () => {
    startRun(1, 'process', [871]);
    exit(1, '1.1', 871);
    startRun(2, 'process', [872]);
    open(1);
    send(1, 'client:process=871');
    await settled();
    expect(ofKind('conn:identified')).toEqual([]);
  });

  it('appends nothing once closed, not even what it had queued or a late first chunk', async () => {
    startRun(1, 'process', [881, 882]);
    open(1);
    exit(1, '1.1', 881);
    exit(1, '1.2', 882);
    tracker.close();
    tracker.identify(1, Buffer.from('client:process=881'));
    await settled();
    expect([ofKind('run:end'), ofKind('conn:identified')]).toEqual([[], []]);
  });
});
