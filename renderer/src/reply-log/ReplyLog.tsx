import { useDeferredValue, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EmptyState } from '../lib/EmptyState';
import { useLab } from '../store/use-lab';
import { filterRows, isFiltering, type LogFilter } from './log-filter';
import { ReplyRow, ROW_HEIGHT } from './ReplyRow';
import { useRowWindow } from './use-row-window';

/** Rows in view and a few more beyond them, and nothing else. */
const OVERSCAN = 3;

/** Every row, newest first, virtualised: only the rows in view are in the DOM, so 100,000 stay smooth. */
export function ReplyLog({ filter }: { filter: LogFilter }) {
  const logRows = useLab((state) => state.logRows);
  const trimmed = useLab((state) => state.logTrimmed);
  // Typing stays responsive while a long log is filtered in the background.
  const deferred = useDeferredValue(filter);
  const filtering = isFiltering(deferred);
  // Without a filter the rows do not depend on the records, so a record changing costs nothing here.
  const sources = useLab(
    useShallow((state) =>
      filtering
        ? {
            clients: state.clients,
            connections: state.connections,
            composers: state.composers,
            traces: state.traces,
          }
        : null,
    ),
  );
  const rows = useMemo(
    () => (sources ? filterRows(logRows, sources, deferred) : logRows),
    [logRows, sources, deferred],
  );
  const view = useRowWindow(rows.length, ROW_HEIGHT, OVERSCAN);

  // The list is in the page from the start, empty or not: its size is known before the first rows come, so
  // they show in the frame that brings them, not one frame and one render later.
  return (
    <>
      {/* Not live: during a flood it changes every frame, which would bury a screen reader in counts. */}
      <p className="muted log-count" aria-live="off">
        {logRows.length === 0
          ? 'No rows yet'
          : filtering
            ? `${rows.length.toLocaleString()} of ${logRows.length.toLocaleString()} rows match`
            : `${logRows.length.toLocaleString()} rows, newest first`}
        {trimmed > 0 && ` · ${trimmed.toLocaleString()} older rows let go`}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: the rows scroll here, so the keyboard must be able to reach and scroll it (axe scrollable-region-focusable) */}
      <section className="reply-log" ref={view.ref} tabIndex={0} aria-label="Reply log rows">
        {logRows.length === 0 ? (
          <EmptyState>
            Spawn 5 clients to see them race to the server. Each reply lands here as it arrives; connect with{' '}
            <code>nc</code> and yours shows up too.
          </EmptyState>
        ) : rows.length === 0 ? (
          <EmptyState>No rows match. Clear the search or pick “all”.</EmptyState>
        ) : (
          <ol
            className="reply-rows"
            aria-label="Replies, newest first"
            style={{ height: rows.length * ROW_HEIGHT }}
          >
            {Array.from({ length: view.end - view.first }, (_, i) => {
              const position = view.first + i;
              const key = rows[rows.length - 1 - position];
              // Keyed by place, not by record: newest first, a busy lab replaces every visible row each
              // frame, and refilling the same elements costs far less than making new ones.
              return key ? (
                <ReplyRow
                  key={position}
                  rowKey={key}
                  top={position * ROW_HEIGHT}
                  position={position + 1}
                  setSize={rows.length}
                />
              ) : null;
            })}
          </ol>
        )}
      </section>
    </>
  );
}
