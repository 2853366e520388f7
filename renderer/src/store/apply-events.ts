import type { LabEvent } from '../../../contract/events';
import { beginAlarmBatch } from './alarm-slice';
import { beginClientsBatch } from './clients-slice';
import { beginComposerBatch } from './composer-slice';
import { beginConnectionsBatch } from './connections-slice';
import { beginEchoBatch } from './echo-slice';
import type { LabData } from './lab-store';
import { beginReplyLogBatch } from './reply-log-slice';
import { beginScriptsBatch } from './scripts-slice';
import { beginSignalsBatch } from './signals-slice';
import type { BeginBatch } from './slice';
import { beginTraceBatch } from './trace-slice';

const slices: readonly BeginBatch[] = [
  beginEchoBatch,
  beginConnectionsBatch,
  beginClientsBatch,
  beginSignalsBatch,
  beginAlarmBatch,
  beginScriptsBatch,
  beginComposerBatch,
  beginReplyLogBatch,
  beginTraceBatch,
];

/** Folds a batch of new events (the ingest dropped what was seen) into the fields that change, for one `set`. */
export function applyEvents(state: LabData, events: readonly LabEvent[]): Partial<LabData> {
  const steps = slices.map((begin) => begin(state));
  let { lastSeq, lastT, evicted } = state;
  for (const event of events) {
    lastSeq = event.seq;
    lastT = Math.max(lastT, event.t);
    if (event.kind === 'log:evicted') evicted = Math.max(evicted, event.total);
    for (const step of steps) step.apply(event);
  }
  const changes: Partial<LabData> = { lastSeq, lastT, evicted };
  for (const step of steps) Object.assign(changes, step.finish());
  return changes;
}
