import { describe, expect, it } from 'vitest';
import { checkEvent } from '../../renderer/src/session-files/check-event';
import { READ_ONLY_MESSAGE } from '../../renderer/src/session-files/read-only-bridge';
import { readSession } from '../../renderer/src/session-files/read-session';
import type { SessionHeader } from '../../renderer/src/session-files/session-format';
import { writeSession } from '../../renderer/src/session-files/write-session';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { appOn, fakeLab, info } from './fake-lab';
import { syntheticList } from './timeline-synthetic';

describe('session files: NDJSON out and back in', () => {
  it('checks every event line against its kind before the views see it', () => {
    const good = { kind: 'conn:close', connId: 1, cause: 'client', bytesIn: 3, bytesOut: 4, seq: 9, t: 10 };
    expect(checkEvent(good)).toEqual(good);
    expect(checkEvent({ ...good, cause: 'meteor' })).toMatch(/cause/);
    expect(checkEvent({ ...good, seq: 0 })).toMatch(/seq/);
    expect(checkEvent({ ...good, kind: 'conn:teleport' })).toMatch(/unknown event kind/);
    expect(checkEvent([1, 2])).toMatch(/object/);
  });

  it('writes a header and one line per event, and reads back exactly those events', async () => {
    const events = syntheticList({ connections: 20, events: 600 });
    const data = new TimelineData();
    data.ingest(events);
    const blob = await writeSession(data, info);
    const lines = (await blob.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(events.length + 1);
    expect(lines.slice(1)).toEqual(events.map((event) => JSON.stringify(event)));

    let header: SessionHeader | null = null;
    const read: unknown[] = [];
    const count = await readSession(blob, {
      header: (h) => (header = h),
      batch: (batch) => read.push(...batch),
    });
    expect(count).toBe(events.length);
    expect(header).toMatchObject({
      format: 'ipc-scope-session',
      version: 1,
      events: events.length,
      evicted: 0,
    });
    expect(read).toEqual(events);
  });

  it('stops at the first bad line and names it', async () => {
    const header = JSON.stringify({ format: 'ipc-scope-session', version: 1, info, evicted: 0, events: 2 });
    const event = JSON.stringify({ kind: 'alarm:fired', repeat: false, seq: 1, t: 5 });
    const file = new Blob([`${header}\n${event}\n{"kind":"alarm:fired","seq":2}\n`]);
    await expect(readSession(file, { header() {}, batch() {} })).rejects.toThrow(
      /line 3: t must be a number/,
    );
    await expect(readSession(new Blob(['{"hello":1}\n']), { header() {}, batch() {} })).rejects.toThrow(
      /not an IPC Scope session/,
    );
  });

  it('shows an imported session through the store, refuses commands, and goes back to live', async () => {
    const live = syntheticList({ connections: 5, events: 60 });
    const lab = fakeLab({ events: live, evicted: 0 }, () => ({ runId: 9 }) as never);
    const app = appOn(lab);
    const { store, files } = app;
    const timeline = app.timeline.data;
    files.startLive();
    await lab.hello();
    expect(timeline.lanes.connectionCount).toBe(5);

    const imported = new TimelineData();
    imported.ingest(syntheticList({ connections: 15, events: 200 }));
    const file = new File([await writeSession(imported, { ...info, pid: 777 })], 'old.ndjson');
    await files.importFile(file);
    expect(files.state.getState()).toMatchObject({ mode: 'imported', fileName: 'old.ndjson', error: null });
    expect(store.getState().info?.pid).toBe(777);
    expect(store.getState().runs.size).toBe(3);
    expect(timeline.lanes.connectionCount).toBe(15);
    await store.getState().spawnClients(1, 'process');
    expect(store.getState().errors.map((error) => error.message)).toEqual([READ_ONLY_MESSAGE]);
    expect(lab.calls.filter((call) => call.name === 'clients:spawn')).toEqual([]);

    // Live batches that arrive meanwhile are not mixed into the file's events.
    lab.emit(syntheticList({ connections: 40, events: 400 }).slice(-5));
    expect(timeline.lanes.connectionCount).toBe(15);

    files.backToLive();
    await lab.hello();
    expect(files.state.getState().mode).toBe('live');
    expect(lab.calls.filter((call) => call.name === 'lab:hello')).toHaveLength(2);
    expect(store.getState().info?.pid).toBe(info.pid);
    expect(timeline.lanes.connectionCount).toBe(5);
    await store.getState().spawnClients(1, 'process');
    expect(lab.calls.filter((call) => call.name === 'clients:spawn')).toHaveLength(1);
  });
});
