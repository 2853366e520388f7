import { describe, expect, it } from 'vitest';
import type { LabEventBody } from '../../contract/events';
import { closeText, transcriptOf } from '../../renderer/src/composer/transcript';
import { filterRows, NO_FILTER } from '../../renderer/src/reply-log/log-filter';
import { describeRow } from '../../renderer/src/reply-log/log-row';
import { COMPOSER_GROUP, EXTERNAL_GROUP } from '../../renderer/src/timeline/lane-model';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { stamp, started } from './fake-lab';

const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');

/** A kept composer connection to the lab's server: three sends, the first answered, then closed by the composer. */
function keptSession(composerId: number, connId: number): LabEventBody[] {
  const reply = "server got: [b'one']";
  return [
    { kind: 'composer:open', composerId, host: '127.0.0.1', port: 5000, localPort: 41_000, keep: true },
    {
      kind: 'conn:open',
      connId,
      role: 'echo',
      remoteAddress: '127.0.0.1',
      remotePort: 41_000,
      localPort: 5000,
    },
    { kind: 'conn:composer', connId, composerId },
    { kind: 'composer:sent', composerId, data: b64('one'), size: 3 },
    { kind: 'conn:data', connId, data: b64('one'), size: 3 },
    { kind: 'conn:reply', connId, text: reply, size: reply.length },
    { kind: 'composer:received', composerId, data: b64(reply), size: reply.length },
    { kind: 'composer:sent', composerId, data: b64('two'), size: 3 },
    { kind: 'conn:extra', connId, data: b64('two'), size: 3 },
    { kind: 'composer:sent', composerId, data: b64('three'), size: 5 },
    { kind: 'conn:extra', connId, data: b64('three'), size: 5 },
    // Looked up as the connection stayed open: it is the lab's own, so no outsider row may come of it.
    { kind: 'conn:peer', connId, pid: 4242, command: 'node' },
    { kind: 'composer:closed', composerId, by: 'composer', bytesIn: reply.length, bytesOut: 11 },
    { kind: 'conn:close', connId, cause: 'client', bytesIn: 11, bytesOut: reply.length },
  ];
}

describe("the composer's connections in the views", () => {
  it('gives a composer connection one row of its own, never an outsider row for the lab side', async () => {
    const { lab, store } = await started();
    lab.emit(stamp(...keptSession(1, 7)));
    const state = store.getState();
    expect(state.logRows).toEqual(['composer:1']);
    expect(describeRow('composer:1', state)).toMatchObject({
      external: false,
      label: 'composer-1',
      mode: 'composer',
      who: 'to 127.0.0.1:5000 from port 41000 · kept open',
      sent: { text: 'one', hex: false },
      reply: "server got: [b'one']",
      end: 'the composer closed it',
      failed: false,
      latencyUs: 6_000, // stamp() spaces events 1 ms apart: open … received is six steps
    });
    expect(state.connections.get(7)?.composerId).toBe(1);
    expect(filterRows(state.logRows, state, { ...NO_FILTER, mode: 'composer' })).toEqual(['composer:1']);
    expect(filterRows(state.logRows, state, { ...NO_FILTER, mode: 'external' })).toEqual([]);
    expect(filterRows(state.logRows, state, { ...NO_FILTER, failedOnly: true })).toEqual([]);
  });

  it('marks the sends past the first recv() as ignored, in order, and says who closed first', async () => {
    const { lab, store } = await started();
    lab.emit(stamp(...keptSession(1, 7)));
    const state = store.getState();
    const composer = state.composers.get(1);
    if (!composer) throw new Error('no composer connection');
    const rows = transcriptOf(composer, state.connections.get(7));
    expect(rows.map((row) => [row.direction, row.text, row.ignored])).toEqual([
      ['sent', 'one', false],
      ['received', "server got: [b'one']", false],
      ['sent', 'two', true],
      ['sent', 'three', true],
    ]);
    expect(rows[0]?.hex).toBe('6f 6e 65');
    expect(closeText(composer)).toBe('you closed the connection first');
    // Against a server that is not the lab's, nothing says which bytes it read: none is marked.
    expect(transcriptOf(composer, undefined).some((row) => row.ignored)).toBe(false);
  });

  it("fails the row on a reset, and words the server's close", async () => {
    const { lab, store } = await started();
    lab.emit(
      stamp(
        { kind: 'composer:open', composerId: 2, host: '::1', port: 9, localPort: 42_000, keep: false },
        { kind: 'composer:sent', composerId: 2, data: b64('x'), size: 1 },
        { kind: 'composer:error', composerId: 2, code: 'ECONNRESET', message: 'connection reset by [::1]:9' },
        { kind: 'composer:closed', composerId: 2, by: 'error', bytesIn: 0, bytesOut: 1 },
        { kind: 'composer:open', composerId: 3, host: 'localhost', port: 9, localPort: 42_001, keep: true },
        { kind: 'composer:closed', composerId: 3, by: 'server', bytesIn: 0, bytesOut: 0 },
      ),
    );
    const state = store.getState();
    expect(describeRow('composer:2', state)).toMatchObject({
      who: 'to [::1]:9 from port 42000',
      end: 'connection reset by [::1]:9',
      failed: true,
      reply: null,
    });
    expect(filterRows(state.logRows, state, { ...NO_FILTER, failedOnly: true })).toEqual(['composer:2']);
    const serverClosed = state.composers.get(3);
    expect(serverClosed && closeText(serverClosed)).toBe('localhost:9 closed the connection first');
  });

  it("draws the composer's connection in a group of its own, with the lab's side on the same lane", () => {
    const data = new TimelineData();
    data.ingest(stamp(...keptSession(1, 7)));
    expect(data.lanes.groups.has(EXTERNAL_GROUP)).toBe(false);
    const group = data.lanes.groups.get(COMPOSER_GROUP);
    expect(group?.title).toBe('Composer');
    expect(group?.lanes).toHaveLength(1);
    const lane = data.lanes.forConn(7);
    expect(lane).toBe(data.lanes.forComposer(1));
    expect(lane).toMatchObject({
      label: '#1',
      detail: '127.0.0.1:5000 from port 41000',
      exitText: 'closed by the composer',
      exitOk: true,
      cause: 'client',
    });
  });
});
