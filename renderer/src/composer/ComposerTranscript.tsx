import { useShallow } from 'zustand/react/shallow';
import { ClientChip } from '../lib/ClientChip';
import { formatLatency } from '../lib/format';
import { composerLabel } from '../store/composer-slice';
import { useLab } from '../store/use-lab';
import { closeText, transcriptOf } from './transcript';

/** One composer connection, send by send: what went out, what came back, and who closed first. */
export function ComposerTranscript({ composerId }: { composerId: number }) {
  const { composer, labSide } = useLab(
    useShallow((state) => {
      const composer = state.composers.get(composerId);
      const labSide = composer?.connId == null ? undefined : state.connections.get(composer.connId);
      return { composer, labSide };
    }),
  );
  // Not yet in the events (they follow the command's answer), or gone with an import.
  if (!composer) return null;
  const rows = transcriptOf(composer, labSide);
  const lastReply = rows.findLast((row) => row.direction === 'received');
  const ended = closeText(composer);
  return (
    <div className="composer-result">
      <div className="composer-reply" data-testid="compose-reply" data-hex={lastReply?.hex ?? ''}>
        <span className="muted">reply</span>{' '}
        {lastReply ? (
          <>
            <code>{lastReply.text}</code> <code className="hex">{lastReply.hex}</code>
          </>
        ) : (
          <span className="muted">
            {composer.closedBy === 'server' ? 'none: the server closed without a reply' : 'none yet'}
          </span>
        )}
      </div>
      <p className="composer-who">
        <ClientChip clientId={composerLabel(composer.composerId)} />{' '}
        <strong>{composerLabel(composer.composerId)}</strong> to {composer.target} from port{' '}
        {composer.localPort}
        {composer.keep ? ' · kept open' : ' · once'}
        {composer.connId !== null && (
          <span className="muted"> · the lab's connection #{composer.connId}</span>
        )}
      </p>
      <ol
        className="composer-transcript"
        aria-label={`What ${composerLabel(composer.composerId)} sent and received`}
      >
        {rows.map((row) => (
          <li
            key={row.key}
            data-testid="compose-exchange"
            data-direction={row.direction}
            data-ignored={row.ignored || undefined}
            className={`composer-exchange ${row.direction}`}
          >
            <span className="muted composer-time">+{formatLatency(row.sinceOpenUs)}</span>
            <span className="composer-direction">{row.direction === 'sent' ? '→ sent' : '← received'}</span>
            <code title={row.hex}>{row.text}</code>
            <span className="muted">{row.size} B</span>
            {row.ignored && (
              <span
                className="badge"
                title="The classic server answers only its first recv(); it read these bytes and said nothing"
              >
                ignored
              </span>
            )}
          </li>
        ))}
        {rows.some((row) => row.ignored) && (
          <li className="composer-exchange note muted">
            Ignored: the classic server answers its first recv() only, then reads and drops the rest.
          </li>
        )}
        {ended && (
          <li className="composer-exchange closed" data-testid="compose-closed" data-by={composer.closedBy}>
            <span className="composer-direction">{ended}</span>
          </li>
        )}
      </ol>
    </div>
  );
}
