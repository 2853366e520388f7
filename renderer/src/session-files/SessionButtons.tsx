import { useActions } from '../lib/actions';
import { useLab } from '../store/use-lab';
import { useSessionState } from './session-context';

/** Export the whole session as NDJSON, or open one: a file picker, or drop it on the window. */
export function SessionButtons() {
  const actions = useActions();
  const busy = useSessionState((state) => state.busy !== null);
  const hasInfo = useLab((state) => state.info !== null);
  return (
    <fieldset className="toolbar-group">
      <legend className="visually-hidden">Session file</legend>
      <button
        type="button"
        className="tool"
        data-testid="export-session"
        disabled={busy || !hasInfo}
        onClick={() => actions.export()}
        title="Save every event of this session as NDJSON"
      >
        Export
      </button>
      <label className="tool file-pick" title="Open a session file, read-only (or drop it on the window)">
        Import…
        <input
          type="file"
          accept=".ndjson,.jsonl,application/x-ndjson,application/json"
          data-testid="import-session"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) actions.importFile(file);
            event.target.value = ''; // the same file can be picked again
          }}
        />
      </label>
    </fieldset>
  );
}
