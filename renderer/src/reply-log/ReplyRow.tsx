import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ClientChip } from '../lib/ClientChip';
import { formatLatency } from '../lib/format';
import type { LogKey } from '../store/reply-log-slice';
import { useLab } from '../store/use-lab';
import type { LogRow } from './log-row';
import { describeRecords, rowRecords } from './log-row';

/** Fixed, so the virtual list never measures: three lines of text. */
export const ROW_HEIGHT = 68;

interface ReplyRowProps {
  rowKey: LogKey;
  top: number;
  position: number;
  setSize: number;
}

/** `clientTraced`: a traced row's client is a traced program, whose output its trace shows. */
function printedHint(row: LogRow, clientTraced: boolean): string {
  if (row.external) return 'outside the lab: not seen';
  if (row.mode === 'traced') {
    return clientTraced
      ? 'in its trace’s output, in the Trace section'
      : 'the client is not traced: not seen';
  }
  return row.mode === 'composer' ? 'the composer prints nothing: its transcript is above' : 'nothing yet';
}

/** One client (or external connection): who, what it sent, the reply, the printed line, exit and latency. */
export function ReplyRow({ rowKey, top, position, setSize }: ReplyRowProps) {
  const { client, composer, conn, traced } = useLab(useShallow((state) => rowRecords(rowKey, state)));
  const row = useMemo(
    () => describeRecords(rowKey, { client, composer, conn, traced }),
    [rowKey, client, composer, conn, traced],
  );
  if (!row) return null;
  return (
    <li
      className={`reply-row ${row.failed ? 'failed' : ''}`}
      data-testid="reply-row"
      data-kind={row.external ? 'external' : row.mode}
      data-latency-us={row.latencyUs ?? undefined}
      aria-posinset={position}
      aria-setsize={setSize}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <div className="row-head">
        {row.external ? (
          <span className="chip external">ext</span>
        ) : row.mode === 'traced' ? (
          <span className="chip external" title="a connection a traced program accepted">
            tr
          </span>
        ) : (
          <ClientChip clientId={row.label} />
        )}
        <span className="row-who">
          <strong>{row.label}</strong> <span className="badge">{row.mode}</span> {row.who}
        </span>
        <span className="row-sent" title={row.sent?.text}>
          <span className="muted">sent</span>{' '}
          {row.sent ? <code className={row.sent.hex ? 'hex' : ''}>{row.sent.text}</code> : '—'}
        </span>
        <span className="row-latency" title="From connect to the server's reply">
          <span className="muted">latency</span> {formatLatency(row.latencyUs)}
        </span>
        <span className={`row-end ${row.failed ? 'warn-text' : ''}`}>
          {row.end ?? (row.external ? 'still open' : 'running')}
        </span>
      </div>
      <div className="row-line">
        <span className="muted">reply</span> <code>{row.reply ?? '—'}</code>
      </div>
      <div className="row-line">
        <span className="muted">printed</span>{' '}
        {row.printed !== null ? (
          <code className="reply-line">{row.printed}</code>
        ) : (
          <span className="muted">{printedHint(row, traced?.client != null)}</span>
        )}
      </div>
    </li>
  );
}
