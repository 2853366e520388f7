import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { spawnChoice } from '../clients/spawn-request';
import { useActions } from '../lib/actions';
import { ReadOnlyGate } from '../session-files/ReadOnlyGate';
import { SessionButtons } from '../session-files/SessionButtons';
import { useLab } from '../store/use-lab';
import { useTimeline } from '../timeline/timeline-context';

/** Where the echo server listens, or that it does not: clients and netcat need the port. */
function EchoBadge() {
  const echo = useLab((state) => state.echo);
  if (echo === null) return null;
  return (
    <span className="toolbar-echo" data-testid="toolbar-echo" title="The lab's echo server">
      <span className={`dot ${echo.listening ? 'live' : ''}`} aria-hidden="true" />
      {echo.listening ? (
        <>
          echo <code>{`${echo.host}:${echo.port}`}</code>
        </>
      ) : (
        'echo stopped'
      )}
    </span>
  );
}

/** The few things the user does most: spawn a run, follow or fit the timeline, and session files. */
export function ToolbarControls() {
  const actions = useActions();
  const controller = useTimeline();
  const following = useStore(controller.ui, (state) => state.following);
  const choice = useLab(useShallow((state) => spawnChoice(state)));
  return (
    <div className="toolbar-controls">
      <EchoBadge />
      <ReadOnlyGate>
        <button
          type="button"
          className="tool primary"
          data-testid="toolbar-spawn"
          disabled={!choice.valid}
          onClick={() => actions.spawn()}
          title="Spawn clients as the Clients section is set (N)"
          aria-keyshortcuts="N"
        >
          Spawn {choice.count} {choice.count === 1 ? 'client' : 'clients'}
        </button>
      </ReadOnlyGate>
      <fieldset className="toolbar-group">
        <legend className="visually-hidden">Timeline view</legend>
        <button
          type="button"
          className={`tool follow ${following ? 'on' : ''}`}
          data-testid="timeline-follow"
          aria-pressed={following}
          onClick={() => controller.toggleFollow()}
          title={following ? 'Hold the view still' : 'Follow the newest events (F)'}
        >
          <span className="follow-dot" aria-hidden="true" />
          {following ? 'Following live' : 'Follow live'}
        </button>
        <button
          type="button"
          className="tool"
          data-testid="timeline-fit"
          onClick={() => actions.fit()}
          title="Fit everything in view (0)"
          aria-keyshortcuts="0"
        >
          Fit all
        </button>
      </fieldset>
      <SessionButtons />
    </div>
  );
}
