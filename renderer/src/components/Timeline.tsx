import { useMemo } from 'react';
import { buildTimeline } from '../store/timeline-groups';
import { useLab } from '../store/use-lab';
import { EmptyState } from './EmptyState';
import { RunOrders } from './RunOrders';
import { TimelineRow } from './TimelineRow';

const LEGEND = [
  ['client', 'client closed first'],
  ['server', 'server closed first'],
  ['idle-timeout', 'idle timeout'],
  ['error', 'error'],
  ['open', 'open'],
] as const;

/** Every connection as a bar from open to close on one shared time axis, grouped by run. */
export function Timeline() {
  const connections = useLab((state) => state.connections);
  const runs = useLab((state) => state.runs);
  const lastT = useLab((state) => state.lastT);
  const echoPort = useLab((state) => state.echo?.port);
  const timeline = useMemo(() => buildTimeline(connections, runs, lastT), [connections, runs, lastT]);
  const span = timeline.end - timeline.start;

  return (
    <div className="timeline" data-testid="timeline" data-connections={timeline.drawn}>
      {timeline.drawn === 0 ? (
        <EmptyState>
          No connections yet. Spawn clients, or connect yourself with{' '}
          <code>nc 127.0.0.1 {echoPort ?? 5000}</code>.
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            {(span / 1_000).toFixed(1)} ms across · {timeline.drawn.toLocaleString()} connections
            {timeline.hidden > 0 && ` (the ${timeline.hidden.toLocaleString()} oldest not drawn)`}
          </p>
          <ul className="legend" aria-label="Legend">
            {LEGEND.map(([cause, text]) => (
              <li key={cause}>
                <span className={`swatch cause-${cause}`} aria-hidden="true" /> {text}
              </li>
            ))}
          </ul>
          {timeline.groups.map((group) => (
            <section key={group.key} className="timeline-group" aria-label={group.title}>
              <h3>{group.title}</h3>
              {group.key.startsWith('run-') && <RunOrders runId={Number(group.key.slice(4))} />}
              <ul>
                {group.connections.map((conn) => (
                  <TimelineRow key={conn.connId} conn={conn} start={timeline.start} span={span} now={lastT} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
