import './session.css';
import { useShallow } from 'zustand/react/shallow';
import { useStoredMessages } from '../lib/stored-messages';
import { useSessionFiles, useSessionState } from './session-context';

/** Says, across the top, when the views show a file rather than the lab, and how to get back. */
export function SessionBanner() {
  const files = useSessionFiles();
  const { mode, fileName, header, busy, error, replay } = useSessionState(
    useShallow((state) => ({
      mode: state.mode,
      fileName: state.fileName,
      header: state.header,
      busy: state.busy,
      error: state.error,
      replay: state.replay,
    })),
  );
  return (
    <>
      {mode === 'imported' && (
        <div className="session-banner" role="status" data-testid="imported-banner">
          <strong>Viewing an imported session — read-only.</strong>{' '}
          <span className="muted">
            {fileName}
            {header && ` · lab pid ${header.info.pid}`}
            {header?.exportedAt && ` · exported ${new Date(header.exportedAt).toLocaleString()}`}
          </span>
          {header?.messages && header.messages.length > 0 && (
            <button
              type="button"
              className="secondary"
              data-testid="import-messages"
              title={header.messages.map((message) => message.name).join(', ')}
              onClick={() => {
                for (const message of header.messages ?? []) useStoredMessages.getState().save(message);
              }}
            >
              Keep its {header.messages.length} saved {header.messages.length === 1 ? 'message' : 'messages'}
            </button>
          )}
          <button
            type="button"
            data-testid="back-to-live"
            onClick={files.backToLive}
            disabled={busy !== null}
          >
            Back to live
          </button>
        </div>
      )}
      {mode === 'replay' && (
        <div className="session-banner" role="status" data-testid="replay-banner">
          <strong>Replaying at 1/{replay?.slowdown.toLocaleString()} — read-only.</strong>{' '}
          <span className="muted">
            {replay?.playing ? 'playing' : 'paused'}; the timeline, reply log and orders fill in as the events
            did
          </span>
          <button type="button" data-testid="replay-back-to-live" onClick={files.backToLive}>
            Back to live
          </button>
        </div>
      )}
      {busy && (
        <div className="session-busy" role="status" aria-live="polite">
          {busy.what === 'import' ? 'Importing' : 'Exporting'} session…{' '}
          <progress max={1} value={busy.progress} aria-label={`${busy.what} progress`} />
        </div>
      )}
      {error && (
        <div className="session-error" role="alert" data-testid="session-error">
          {error}{' '}
          <button type="button" className="small" onClick={() => files.state.setState({ error: null })}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
