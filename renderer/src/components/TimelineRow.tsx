import { formatBytes } from '../lib/format';
import type { Connection } from '../store/connections-slice';

interface TimelineRowProps {
  conn: Connection;
  start: number;
  span: number;
  /** Lab time (µs) that an open connection's bar reaches. */
  now: number;
}

const CAUSE_TEXT = {
  client: 'the client closed first',
  server: 'the server closed first',
  'idle-timeout': 'the server closed it after its idle timeout',
  error: 'it ended in an error',
} as const;

export function TimelineRow({ conn, start, span, now }: TimelineRowProps) {
  const end = conn.closedAt ?? Math.max(now, conn.openedAt);
  const left = ((conn.openedAt - start) / span) * 100;
  const width = Math.max(((end - conn.openedAt) / span) * 100, 0.4);
  const state = conn.cause ?? 'open';
  const ms = ((end - conn.openedAt) / 1_000).toFixed(1);
  const summary = [
    `#${conn.connId} from ${conn.peer}`,
    conn.cause ? CAUSE_TEXT[conn.cause] : 'still open',
    `${ms} ms`,
    `${formatBytes(conn.bytesIn)} in, ${formatBytes(conn.bytesOut)} out`,
    conn.reply !== null ? `replied ${conn.reply}` : null,
    conn.error,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li className="timeline-row" title={summary}>
      <span className="timeline-label">{conn.clientId ?? `#${conn.connId} ${conn.peer}`}</span>
      <span className="timeline-track">
        <span
          className={`timeline-bar cause-${state}`}
          style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }}
          role="img"
          aria-label={summary}
        />
      </span>
    </li>
  );
}
