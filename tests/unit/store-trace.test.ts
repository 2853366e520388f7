// The store's trace slice, fed through the app's ingest as live events are: what each trace holds, and the
// signal log's rows for what traced programs got.
import { describe, expect, it } from 'vitest';
import type { LabEventBody } from '../../contract/events';
import { createIngest } from '../../renderer/src/app/event-ingest';
import { describeRow } from '../../renderer/src/reply-log/log-row';
import { createLabStore, type LabState } from '../../renderer/src/store/lab-store';
import { createPacedView } from '../../renderer/src/store/paced-view';
import { traceCounts, traceRunning, unlistedTraceError } from '../../renderer/src/store/trace-slice';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { fakeLab, info, stamp } from './fake-lab';
import { traceEvents } from './trace-fixture';

function labStore(answer: (name: string) => unknown = () => undefined) {
  const lab = fakeLab(undefined, (name) => {
    const result = answer(name);
    if (result instanceof Error) throw result;
    return result as never;
  });
  const store = createLabStore(lab.bridge);
  const ingest = createIngest(store, new TimelineData(), createPacedView(store));
  return { lab, store, apply: (...bodies: LabEventBody[]) => ingest(stamp(...bodies)) };
}

describe('store: traces', () => {
  it("keeps socket_preview.py's threads, its calls in order, and what it printed", () => {
    const { store, apply } = labStore();
    apply(...traceEvents('socket_preview'));
    apply({ kind: 'trace:output', traceId: 1, stream: 'stdout', text: 'client got: [b"…"]\n' });
    apply({ kind: 'trace:output', traceId: 1, stream: 'stderr', text: 'oops\n' });
    const trace = store.getState().traces.get(1);
    if (!trace) throw new Error('no trace');
    expect(trace).toMatchObject({
      pid: 22784,
      argv: ['/usr/bin/python3', 'socket_preview.py'],
      attached: false,
    });
    expect(traceCounts(trace)).toMatchObject({ processes: 1, threads: 6 });
    expect(traceCounts(trace).facts).toBe(trace.facts.length);
    const calls = [...trace.facts].filter((fact) => fact.kind === 'trace:call');
    expect(calls.map((call) => call.seq)).toEqual([...calls.map((call) => call.seq)].sort((a, b) => a - b));
    expect(trace.segments).toEqual([
      { stream: 'stdout', text: 'client got: [b"…"]\n' },
      { stream: 'stderr', text: 'oops\n' },
    ]);
    expect(traceRunning(trace)).toBe(true);
  });

  it("gives each connection socket_preview.py's server accepted a reply-log row: what came, what went back", () => {
    const { store, apply } = labStore();
    apply(...traceEvents('socket_preview'));
    const state = store.getState();
    const keys = state.logRows.filter((key) => key.startsWith('trace:'));
    expect(keys).toHaveLength(5);
    const rows = keys.map((key) => describeRow(key, state));
    for (const row of rows) {
      expect(row).toMatchObject({ mode: 'traced', label: 'trace #1', external: false });
      expect(row?.who).toMatch(/^tid \d+ → server tid 22787 · pid 22784$/);
      const name = row?.sent?.text ?? '';
      expect(name).toMatch(/^client[0-4]$/);
      expect(row?.reply).toBe(`server got: [b'${name}']`);
      expect(row?.latencyUs).toBeGreaterThan(0);
    }
    // The daemon server thread dies with the process before it closes the last connection it took.
    expect(rows.filter((row) => row?.end === 'the client closed first').length).toBeGreaterThanOrEqual(4);
  });

  it("builds the traced rows batch by batch as they would be built at once, and leaves an older state's rows alone", () => {
    const events = traceEvents('socket_preview');
    const rowsOf = (state: LabState) =>
      state.logRows
        .filter((key) => key.startsWith('trace:'))
        .map((key) => ({ ...describeRow(key, state), key: undefined })) // keys hold each store's own seqs
        .sort((a, b) => (a.sent?.text ?? '').localeCompare(b.sent?.text ?? '')); // the log's order is arrival's
    const whole = labStore();
    whole.apply(...events);
    const expected = rowsOf(whole.store.getState());
    for (const size of [1, 7, 50]) {
      const { store, apply } = labStore();
      let older: ReturnType<typeof rowsOf> | null = null;
      let olderState = store.getState();
      for (let i = 0; i < events.length; i += size) {
        apply(...events.slice(i, i + size));
        // An accept's row, once shown, keeps what it showed when later batches fill in its copy.
        if (older === null && rowsOf(store.getState()).length > 0) {
          olderState = store.getState();
          older = structuredClone(rowsOf(olderState));
        }
      }
      expect(rowsOf(store.getState())).toEqual(expected);
      expect(rowsOf(olderState)).toEqual(older);
    }
  });

  it('shares the facts of earlier states: a later batch appends without changing what an older state sees', () => {
    const { store, apply } = labStore();
    const events = traceEvents('signal1');
    apply(...events.slice(0, 5));
    const before = store.getState().traces.get(1);
    apply(...events.slice(5));
    expect(before?.facts.length).toBe(4); // trace:start is not a fact
    expect(store.getState().traces.get(1)?.facts.length).toBe(events.length - 1);
  });

  it('keeps the port-held notice, the dropped counts and the end', () => {
    const { store, apply } = labStore();
    apply(
      {
        kind: 'trace:port-held',
        traceId: 2,
        pid: 7,
        tid: 8,
        port: 50008,
        message: 'pid 7 could not bind port 50008',
      },
      { kind: 'trace:dropped', traceId: 2, events: 40, limit: 100_000 },
      { kind: 'trace:output-dropped', traceId: 2, stream: 'stdout', bytes: 9, limit: 1024 },
      {
        kind: 'trace:end',
        traceId: 2,
        reason: 'exited',
        code: 1,
        signal: null,
        message: null,
        unparsed: 0,
        dropped: 41,
        skipped: 3,
      },
    );
    const trace = store.getState().traces.get(2);
    expect(trace).toMatchObject({
      portHeld: { pid: 7, port: 50008, message: 'pid 7 could not bind port 50008' },
      droppedEvents: 41,
      eventLimit: 100_000,
      outputDropped: { stdout: 9, stderr: 0 },
      outputLimit: 1024,
      end: { reason: 'exited', code: 1, skipped: 3 },
    });
    expect(traceRunning(trace!)).toBe(false);
  });

  it('shows a refused command once: above the list, or in the trace the refusal made', async () => {
    const words = 'cannot trace pid 99: no such process (ESRCH); it may have ended';
    const { store, apply } = labStore(() => new Error(words));
    await store.getState().attachTrace(99);
    expect(unlistedTraceError(store.getState())).toBe(words);
    apply({ kind: 'trace:error', traceId: 3, argv: [], pid: 99, message: words });
    expect(store.getState().traces.get(3)).toMatchObject({ attached: true, error: words, pid: 99 });
    expect(unlistedTraceError(store.getState())).toBeNull();
  });

  it('lists the signals traced programs got in the signal log, with who sent each', () => {
    const { store, apply } = labStore();
    const signal = (senderPid: number | null, name: string): LabEventBody => ({
      kind: 'trace:signal',
      traceId: 1,
      at: 500,
      pid: 10,
      tid: 11,
      signal: name,
      code: 'SI_USER',
      senderPid,
      stopped: false,
    });
    store.setState({ info });
    apply(signal(777, 'SIGUSR2'), signal(info.pid, 'SIGUSR2'), signal(null, 'SIGCHLD'));
    expect(
      store
        .getState()
        .deliveries.map(({ who, signal, number, pid, from, t }) => ({ who, signal, number, pid, from, t })),
    ).toEqual([
      { who: 'traced', signal: 'SIGUSR2', number: 12, pid: 10, from: 'pid 777', t: 500 },
      { who: 'traced', signal: 'SIGUSR2', number: 12, pid: 10, from: 'the lab', t: 500 },
      { who: 'traced', signal: 'SIGCHLD', number: null, pid: 10, from: 'the kernel', t: 500 },
    ]);
  });
});
