import type { LabEvent } from '../../../contract/events';
import { applyEvents } from '../store/apply-events';
import type { LabState, LabStore } from '../store/lab-store';
import type { PacedView } from '../store/paced-view';
import type { TimelineData } from '../timeline/timeline-data';

/** The user-timing mark made each time events reach the views: profiles show it, and the bench reads it. */
export const APPLIED_MARK = 'lab:events-applied';

/** Applies a batch of events, live or from a file, to every view. */
export type Ingest = (events: readonly LabEvent[]) => void;

/** The events after `lastSeq`, in order; an in-order batch (the usual case) is passed on without a copy. */
function eventsAfter(events: readonly LabEvent[], lastSeq: number): readonly LabEvent[] {
  let seq = lastSeq;
  const inOrder = events.every((event) => {
    const next = event.seq > seq;
    seq = event.seq;
    return next;
  });
  if (inOrder) return events;
  const fresh: LabEvent[] = [];
  seq = lastSeq;
  for (const event of events) {
    if (event.seq <= seq) continue;
    seq = event.seq;
    fresh.push(event);
  }
  return fresh;
}

/**
 * The one way events reach the views. What the page already has is dropped here, by seq, and nowhere else;
 * the same new events then go to the timeline's columns and, with one `set`, to the store.
 */
export function createIngest(store: LabStore, columns: TimelineData, view: PacedView<LabState>): Ingest {
  return (events) => {
    const fresh = eventsAfter(events, store.getState().lastSeq);
    const last = fresh.at(-1);
    if (!last) return;
    columns.ingest(fresh);
    view.live(() => store.setState(applyEvents(store.getState(), fresh)));
    // Marks are only for observers: clearing them keeps a long session from collecting one a frame.
    performance.mark(APPLIED_MARK, { detail: { lastSeq: last.seq } });
    performance.clearMarks(APPLIED_MARK);
  };
}
