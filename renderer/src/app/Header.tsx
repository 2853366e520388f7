import { useShallow } from 'zustand/react/shallow';
import { useActions } from '../lib/actions';
import { formatBytes } from '../lib/format';
import { StrokeIcon } from '../lib/StrokeIcon';
import { useLab } from '../store/use-lab';
import { useLayout } from '../workspace/layout-store';
import { ToolbarControls } from './ToolbarControls';

const LINK_TEXT = { connecting: 'connecting…', live: 'live', lost: 'disconnected' } as const;

export function Header() {
  const { link, linkMessage, host, pid, evicted, limits } = useLab(
    useShallow((state) => ({
      link: state.link,
      linkMessage: state.linkMessage,
      host: state.info?.host,
      pid: state.info?.pid,
      evicted: state.evicted,
      limits: state.info?.historyLimits,
    })),
  );
  // The history follows the hello reply a piece at a time; until its newest event is in, say so.
  const historyComing = useLab((state) =>
    state.link === 'live' && state.lastSeq < state.history.lastSeq ? state.history.events : 0,
  );
  const loadingText = `loading the lab's ${historyComing.toLocaleString()} retained events…`;
  const evictedCount = `${evicted.toLocaleString()} events evicted`;
  const evictedText = `${evictedCount}${
    limits ? ` (limit ${limits.events.toLocaleString()} / ${formatBytes(limits.bytes)})` : ''
  }`;
  const evictedWhy = `The lab keeps at most ${
    limits ? `${limits.events.toLocaleString()} events or ${formatBytes(limits.bytes)}` : 'a bounded history'
  }: past either bound, the oldest events are let go.`;
  const actions = useActions();
  const resetLayout = useLayout((state) => state.reset);
  return (
    <header className="app-header">
      <h1>IPC Scope</h1>
      {host && <span className="badge">{host === 'electron' ? 'desktop' : 'browser'}</span>}
      <span className={`badge link-${link}`} title={linkMessage ?? undefined}>
        {LINK_TEXT[link]}
      </span>
      <ToolbarControls />
      {/* After the controls, so that a notice appearing moves none of them; each shrinks before the row wraps. */}
      {historyComing > 0 && (
        <span
          className="badge status"
          data-testid="history-loading"
          title={`${loadingText} The lab sends the events it kept, a piece at a time.`}
        >
          {loadingText}
        </span>
      )}
      {evicted > 0 && (
        <span className="badge warn status" data-testid="evicted" title={`${evictedCount}. ${evictedWhy}`}>
          {evictedText}
        </span>
      )}
      <span className="header-end">
        {pid !== undefined && (
          <span className="pid-hint">
            app pid <strong data-testid="pid">{pid}</strong>
          </span>
        )}
        <button
          type="button"
          className="small icon"
          data-testid="layout-reset"
          onClick={resetLayout}
          aria-label="Reset the layout"
          title="Reset the layout: every panel back to its first size, tab and section"
        >
          <StrokeIcon d="M2 2h5v5H2zM9 2h5v12H9zM2 9h5v5H2z" />
        </button>
        <button
          type="button"
          className="small icon"
          onClick={() => actions.help()}
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="?"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </span>
      {link === 'lost' && (
        <p className="lost-banner" role="alert">
          {linkMessage ?? 'lost the connection to the lab'}{' '}
          <button type="button" onClick={() => window.location.reload()}>
            Reconnect
          </button>
        </p>
      )}
    </header>
  );
}
