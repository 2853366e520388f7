import { describe, expect, it } from 'vitest';
import type { LabEventBody } from '../../contract/events';
import { formatLatency } from '../../renderer/src/lib/format';
import { previewPayload } from '../../renderer/src/lib/payload';
import { filterRows, NO_FILTER } from '../../renderer/src/reply-log/log-filter';
import { describeRow } from '../../renderer/src/reply-log/log-row';
import { LOG_ROW_LIMIT } from '../../renderer/src/store/reply-log-slice';
import { TEST_TIMEOUT } from '../timeouts';
import { stamp, started } from './fake-lab';

const b64 = (text: string) => Buffer.from(text, 'latin1').toString('base64');
const open = (connId: number, remotePort: number, role: 'echo' | 'redirect' = 'echo'): LabEventBody => ({
  kind: 'conn:open',
  connId,
  role,
  remoteAddress: '127.0.0.1',
  remotePort,
  localPort: 5000,
});

/** A client of run 1 that connects on `connId`, gets its reply, prints it and exits with `code`. */
function client(i: number, connId: number, code = 0): LabEventBody[] {
  const id = `1.${i}`;
  const sent = `client:process=${100 + i}`;
  const reply = `server got: [b'${sent}']`;
  return [
    { kind: 'client:spawn', runId: 1, clientId: id, mode: 'process', pid: 100 + i },
    open(connId, 40_000 + i),
    { kind: 'conn:identified', connId, runId: 1, clientId: id },
    { kind: 'conn:data', connId, data: b64(sent), size: sent.length },
    { kind: 'conn:reply', connId, text: reply, size: reply.length },
    { kind: 'client:output', runId: 1, clientId: id, stream: 'stdout', text: `client got: [b"${reply}"]\n` },
    { kind: 'client:exit', runId: 1, clientId: id, pid: 100 + i, code, signal: null },
  ];
}

describe('the reply log: one row per client and per external connection', {
  timeout: TEST_TIMEOUT.millions,
}, () => {
  it('gives each client one row, from its reply line, with what it sent, the reply, exit and latency', async () => {
    const { lab, store } = await started();
    lab.emit(stamp(...client(1, 1), ...client(2, 2, 3)));
    const state = store.getState();
    expect(state.logRows).toEqual(['client:1.1', 'client:1.2']);
    const row = describeRow('client:1.1', state);
    expect(row).toMatchObject({
      external: false,
      mode: 'process',
      who: 'pid 101',
      sent: { text: 'client:process=101', hex: false },
      reply: "server got: [b'client:process=101']",
      printed: `client got: [b"server got: [b'client:process=101']"]`,
      end: 'exited with code 0',
      failed: false,
    });
    // stamp() spaces events 1 ms apart: open, the tie to its client, data, reply
    expect(row?.latencyUs).toBe(3_000);
    expect(describeRow('client:1.2', state)?.failed).toBe(true);
  });

  it('gives a client of a file exported before the lab tied clients first one row, not a second as an outsider', async () => {
    // There, conn:identified came after the client's data and reply; a batch may end between them.
    const legacy = (i: number, connId: number): LabEventBody[] => {
      const [spawn, open, identified, data, reply, ...rest] = client(i, connId) as [
        LabEventBody,
        ...LabEventBody[],
      ];
      return [spawn, open, data, reply, identified, ...rest] as LabEventBody[];
    };
    const { lab, store } = await started();
    const second = legacy(2, 2);
    lab.emit(stamp(...legacy(1, 1), ...second.slice(0, 4)));
    expect(store.getState().logRows).toEqual(['client:1.1', 'conn:2']);
    lab.emit(stamp(...second.slice(4)));
    expect(store.getState().logRows).toEqual(['client:1.1', 'client:1.2']);
  });

  it('gives a row once, however many reply lines or exits a client reports', async () => {
    const { lab, store } = await started();
    lab.emit(stamp(...client(1, 1)));
    lab.emit(
      stamp(
        { kind: 'client:output', runId: 1, clientId: '1.1', stream: 'stdout', text: 'client got: again\n' },
        { kind: 'client:exit', runId: 1, clientId: '1.1', pid: 101, code: 0, signal: null },
      ),
    );
    lab.emit(
      stamp({ kind: 'client:exit', runId: 1, clientId: 'never-spawned', pid: 1, code: 0, signal: null }),
    );
    expect(store.getState().logRows).toEqual(['client:1.1']);
  });

  it('gives a client that exits without a reply a row, marked failed', async () => {
    const { lab, store } = await started();
    lab.emit(
      stamp(
        { kind: 'client:spawn', runId: 1, clientId: '1.1', mode: 'python', pid: 9 },
        { kind: 'client:exit', runId: 1, clientId: '1.1', pid: 9, code: 1, signal: null },
      ),
    );
    expect(store.getState().logRows).toEqual(['client:1.1']);
    expect(describeRow('client:1.1', store.getState())).toMatchObject({ failed: true, printed: null });
  });

  it('gives an external connection a row when it sends something of its own, with its owner once known', async () => {
    const { lab, store } = await started();
    lab.emit(stamp(open(7, 51_000), { kind: 'conn:data', connId: 7, data: b64('hello'), size: 5 }));
    expect(store.getState().logRows).toEqual(['conn:7']);
    lab.emit(stamp({ kind: 'conn:peer', connId: 7, pid: 4321, command: 'nc' }));
    lab.emit(stamp({ kind: 'conn:close', connId: 7, cause: 'client', bytesIn: 5, bytesOut: 22 }));
    expect(store.getState().logRows).toEqual(['conn:7']);
    expect(describeRow('conn:7', store.getState())).toMatchObject({
      external: true,
      mode: 'external',
      who: '127.0.0.1:51000 · pid 4321 (nc)',
      sent: { text: 'hello', hex: false },
      printed: null,
    });
  });

  it('gives a silent external connection a row when its owner is reported or it closes', async () => {
    const { lab, store } = await started();
    lab.emit(stamp(open(1, 1), { kind: 'conn:peer', connId: 1, pid: null, command: null }));
    lab.emit(stamp(open(2, 2), { kind: 'conn:close', connId: 2, cause: 'client', bytesIn: 0, bytesOut: 0 }));
    expect(store.getState().logRows).toEqual(['conn:1', 'conn:2']);
    expect(describeRow('conn:1', store.getState())?.who).toBe('127.0.0.1:1 · owner not visible');
  });

  it("never gives the lab's own connections or a script's stdout socket a row of their own", async () => {
    const { lab, store } = await started();
    lab.emit(
      stamp(
        ...client(1, 1),
        { kind: 'conn:close', connId: 1, cause: 'client', bytesIn: 18, bytesOut: 36 },
        open(2, 2, 'redirect'),
        { kind: 'conn:close', connId: 2, cause: 'client', bytesIn: 9, bytesOut: 0 },
      ),
    );
    expect(store.getState().logRows).toEqual(['client:1.1']);
  });

  it(`keeps the newest ${LOG_ROW_LIMIT.toLocaleString()} rows and counts the rest`, async () => {
    const { lab, store } = await started();
    const extra = 25;
    const bodies: LabEventBody[] = [];
    for (let i = 1; i <= LOG_ROW_LIMIT + extra; i += 1) {
      bodies.push(
        { kind: 'client:spawn', runId: 1, clientId: `1.${i}`, mode: 'process', pid: i },
        { kind: 'client:exit', runId: 1, clientId: `1.${i}`, pid: i, code: 0, signal: null },
      );
    }
    for (let i = 0; i < bodies.length; i += 20_000) lab.emit(stamp(...bodies.slice(i, i + 20_000)));
    const state = store.getState();
    expect(state.logRows).toHaveLength(LOG_ROW_LIMIT);
    expect(state.logTrimmed).toBe(extra);
    expect(state.logRows[0]).toBe(`client:1.${extra + 1}`);
  });
});

describe('reply log filters', () => {
  async function mixedLog() {
    const { lab, store } = await started();
    lab.emit(
      stamp(
        ...client(1, 1),
        ...client(2, 2, 1),
        open(3, 3),
        { kind: 'conn:data', connId: 3, data: b64('hello'), size: 5 },
        { kind: 'conn:error', connId: 3, code: 'ECONNRESET', message: 'reset' },
      ),
    );
    return store.getState();
  }

  it('returns the rows themselves when nothing filters, so nothing is copied', async () => {
    const state = await mixedLog();
    expect(filterRows(state.logRows, state, NO_FILTER)).toBe(state.logRows);
  });

  it('keeps one kind, only failures, or rows that show the searched text', async () => {
    const state = await mixedLog();
    const only = (filter: Partial<typeof NO_FILTER>) =>
      filterRows(state.logRows, state, { ...NO_FILTER, ...filter });
    expect(only({ mode: 'external' })).toEqual(['conn:3']);
    expect(only({ mode: 'process' })).toEqual(['client:1.1', 'client:1.2']);
    expect(only({ mode: 'thread' })).toEqual([]);
    expect(only({ failedOnly: true })).toEqual(['client:1.2', 'conn:3']);
    expect(only({ query: 'PROCESS=102' })).toEqual(['client:1.2']);
    expect(only({ query: '127.0.0.1:3' })).toEqual(['conn:3']);
    expect(only({ query: 'hello', mode: 'process' })).toEqual([]);
  });
});

describe('a reply log of 100,000 rows', { timeout: TEST_TIMEOUT.millions }, () => {
  it('filters them by kind and by text without losing one', async () => {
    const { lab, store } = await started();
    const bodies: LabEventBody[] = [];
    for (let i = 1; i <= 100_000; i += 1) {
      const mode = i % 1_000 === 0 ? 'thread' : 'process';
      bodies.push(
        { kind: 'client:spawn', runId: 1, clientId: `1.${i}`, mode, pid: i, thread: 1 },
        { kind: 'client:exit', runId: 1, clientId: `1.${i}`, pid: i, code: 0, signal: null },
      );
    }
    // In batches, as the host sends them (and to keep the spread below the argument limit).
    for (let i = 0; i < bodies.length; i += 20_000) lab.emit(stamp(...bodies.slice(i, i + 20_000)));
    const state = store.getState();
    expect(state.logRows).toHaveLength(100_000);
    expect(filterRows(state.logRows, state, { ...NO_FILTER, mode: 'thread' })).toHaveLength(100);
    expect(filterRows(state.logRows, state, { ...NO_FILTER, query: 'pid 99999 ' })).toEqual([
      'client:1.99999',
    ]);
  });
});

describe('payloads and latency as the log shows them', () => {
  it('shows printable bytes as text with escaped line ends, and anything else as hex', () => {
    expect(previewPayload(b64('hi\r\n'))).toEqual({ text: 'hi\\r\\n', hex: false });
    expect(previewPayload(b64('\u0000\u00ff'))).toEqual({ text: '00 ff', hex: true });
    expect(previewPayload(b64('x'.repeat(70)), 64).text).toBe(`${'x'.repeat(64)}…`);
  });

  it('prints latency in µs below a millisecond and in ms above', () => {
    expect(formatLatency(null)).toBe('—');
    expect(formatLatency(420)).toBe('420 µs');
    expect(formatLatency(1_234)).toBe('1.23 ms');
    expect(formatLatency(15_500)).toBe('15.5 ms');
  });
});

describe('reply log rows across batches', () => {
  const data = (connId: number): LabEventBody => ({ kind: 'conn:data', connId, data: b64('hi'), size: 2 });
  const close = (connId: number): LabEventBody => ({
    kind: 'conn:close',
    connId,
    cause: 'client',
    bytesIn: 2,
    bytesOut: 0,
  });
  const peer = (connId: number): LabEventBody => ({ kind: 'conn:peer', connId, pid: 9, command: 'nc' });
  /** Some of a client's events, by their place in client(): 0 spawn, 1 open, 2 tie, 3 data, 5 reply line, 6 exit. */
  const parts = (events: LabEventBody[], ...at: number[]) => at.map((i) => events[i] as LabEventBody);

  it('gives an external connection one row, whatever it shows in later batches, and a silent one its row later', async () => {
    const { lab, store } = await started();
    lab.emit(stamp(open(1, 1), data(1), open(2, 2), peer(2), open(3, 3)));
    expect(store.getState().logRows).toEqual(['conn:1', 'conn:2']);
    lab.emit(stamp(peer(1), close(1), data(2), close(2), data(3)));
    expect(store.getState().logRows).toEqual(['conn:1', 'conn:2', 'conn:3']);
  });

  it('gives an external connection one row when it sends, is looked up and closes in one batch', async () => {
    const { lab, store } = await started();
    lab.emit(stamp(open(1, 1), data(1), peer(1), close(1), open(2, 2), peer(2), close(2)));
    expect(store.getState().logRows).toEqual(['conn:1', 'conn:2']);
  });

  it("gives a lab client's connection no row when it closes in a later batch", async () => {
    const { lab, store } = await started();
    lab.emit(stamp(...parts(client(1, 1), 0, 1, 2, 3)));
    lab.emit(stamp(close(1)));
    expect(store.getState().logRows).toEqual([]);
  });

  it('gives a client one row whether its reply or its exit came first, in separate batches', async () => {
    const { lab, store } = await started();
    const [a, b] = [client(1, 1), client(2, 2)];
    lab.emit(stamp(...parts(a, 0, 5), ...parts(b, 0, 6)));
    lab.emit(stamp(...parts(a, 6), ...parts(b, 5)));
    expect(store.getState().logRows).toEqual(['client:1.1', 'client:1.2']);
  });

  it('takes a reply line only from stdout, and also after other lines in the same chunk', async () => {
    const { lab, store } = await started();
    const output = (clientId: string, stream: 'stdout' | 'stderr', text: string): LabEventBody => ({
      kind: 'client:output',
      runId: 1,
      clientId,
      stream,
      text,
    });
    lab.emit(
      stamp(
        { kind: 'client:spawn', runId: 1, clientId: 'a', mode: 'process', pid: 1 },
        { kind: 'client:spawn', runId: 1, clientId: 'b', mode: 'process', pid: 2 },
        output('a', 'stderr', 'client got: [on stderr]\n'),
        output('a', 'stdout', 'ends with client got: \n'),
        output('b', 'stdout', 'connected\nclient got: [yes]\n'),
      ),
    );
    expect(store.getState().logRows).toEqual(['client:b']);
  });

  it('takes back the outsider row of a connection tied to its client in a later batch, in a batch of its own', async () => {
    const { lab, store } = await started();
    const events = client(1, 1);
    lab.emit(stamp(...parts(events, 0, 1, 3)));
    expect(store.getState().logRows).toEqual(['conn:1']);
    lab.emit(stamp(...parts(events, 2)));
    expect(store.getState().logRows).toEqual([]);
    lab.emit(stamp(...parts(events, 5)));
    expect(store.getState().logRows).toEqual(['client:1.1']);
  });
});
