import { type FormEvent, useState } from 'react';
import { isExposedHost } from '../../../contract/hosts';
import { useLab } from '../store/use-lab';

/** The echo server's status, and where to bind it. */
export function EchoControls() {
  const echo = useLab((state) => state.echo);
  const refused = useLab((state) => state.refused);
  const startEcho = useLab((state) => state.startEcho);
  const stopEcho = useLab((state) => state.stopEcho);
  // Empty means "the port it has now"; the placeholder shows which.
  const [portText, setPortText] = useState('');
  const port = portText.trim() === '' ? (echo?.port ?? 0) : Number(portText);
  const valid = Number.isInteger(port) && port >= 0 && port <= 65_535;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) void startEcho(port);
  };

  return (
    <form className="controls" onSubmit={submit}>
      <p className="echo-status full" aria-live="polite">
        {echo === null ? (
          '…'
        ) : echo.listening ? (
          <>
            <span className="dot live" aria-hidden="true" /> Listening on{' '}
            <code>
              {echo.host}:{echo.port}
            </code>
          </>
        ) : (
          <>
            <span className="dot" aria-hidden="true" /> Stopped: clients have nothing to connect to
          </>
        )}
        {echo?.error && <span className="warn-text"> · {echo.error}</span>}
        {echo && isExposedHost(echo.host) && (
          <span className="warn-text" data-testid="echo-exposed">
            {' '}
            · reachable from other machines: bind 127.0.0.1 unless you mean it
          </span>
        )}
        {refused && (
          <span className="warn-text" data-testid="echo-refused">
            {' '}
            · {refused.total} turned away at the limit of {refused.limit}
          </span>
        )}
      </p>
      <label>
        Port
        <input
          data-testid="echo-port"
          type="number"
          min={0}
          max={65535}
          placeholder={echo ? String(echo.port) : ''}
          value={portText}
          onChange={(event) => setPortText(event.target.value)}
        />
      </label>
      <button data-testid="echo-start" type="submit" disabled={!echo || !valid}>
        {echo?.listening ? 'Restart' : 'Start'}
      </button>
      <button
        data-testid="echo-stop"
        type="button"
        disabled={!echo?.listening}
        onClick={() => void stopEcho()}
      >
        Stop
      </button>
    </form>
  );
}
