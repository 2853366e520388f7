import { useLab } from '../store/use-lab';

/** What will appear here, and how to make it appear. */
export function TimelineEmpty() {
  const echo = useLab((state) => state.echo);
  return (
    <div className="timeline-empty">
      <p>
        <strong>Spawn 5 clients to see them race to the server.</strong>
      </p>
      <p className="muted">
        Each connection becomes a lane, from <code>accept()</code> to <code>close()</code>. Or connect
        yourself:{' '}
        <code>
          printf hello | nc -q1 {echo?.host ?? '127.0.0.1'} {echo?.port ?? 50008}
        </code>
        , or send the app a signal.
      </p>
    </div>
  );
}
