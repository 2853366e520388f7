import type { LabEvent } from '../contract';
import type { HistoryPieces } from '../main/engine/event-history';

/** Every event of a subscriber's history, read piece by piece as a host would send them. */
export function readHistory(history: HistoryPieces): LabEvent[] {
  const events: LabEvent[] = [];
  for (let piece = history.next(); piece !== null; piece = history.next()) events.push(...piece);
  return events;
}
