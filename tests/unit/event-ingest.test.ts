import { describe, expect, it, vi } from 'vitest';
import type { LabEvent } from '../../contract/events';
import { createIngest } from '../../renderer/src/app/event-ingest';
import { createLabStore } from '../../renderer/src/store/lab-store';
import { createPacedView } from '../../renderer/src/store/paced-view';
import { TimelineData } from '../../renderer/src/timeline/timeline-data';
import { fakeLab, stamp } from './fake-lab';

function ingestInto() {
  const store = createLabStore(fakeLab().bridge);
  const columns = new TimelineData();
  const toColumns = vi.spyOn(columns, 'ingest');
  return { ingest: createIngest(store, columns, createPacedView(store)), store, columns, toColumns };
}

const alarm = () => stamp({ kind: 'alarm:fired', repeat: false });

describe('event ingest: each new event once, to the store and the timeline', () => {
  it('passes an in-order batch on to the columns as it is, without a copy', () => {
    const { ingest, store, toColumns } = ingestInto();
    const batch = [...alarm(), ...alarm()];
    ingest(batch);
    expect(toColumns.mock.calls[0]?.[0]).toBe(batch);
    expect(store.getState().alarm.fired).toBe(2);
    expect(store.getState().lastSeq).toBe(batch[1]?.seq);
  });

  it('drops a lone event it has already applied', () => {
    const { ingest, store, toColumns } = ingestInto();
    const [first, second] = [...alarm(), ...alarm()] as [LabEvent, LabEvent];
    ingest([first, second]);
    ingest([first]);
    ingest([second]);
    expect(toColumns).toHaveBeenCalledTimes(1);
    expect(store.getState().alarm.fired).toBe(2);
  });

  it('keeps only the new events of a batch that repeats some, in seq order', () => {
    const { ingest, columns, store } = ingestInto();
    const [a, b, c] = [...alarm(), ...alarm(), ...alarm()] as [LabEvent, LabEvent, LabEvent];
    ingest([a]);
    ingest([a, b, a, c, b]);
    expect([...columns].map((event) => event.seq)).toEqual([a.seq, b.seq, c.seq]);
    expect(store.getState().alarm.fired).toBe(3);
  });
});
