import { traceRunning } from '../store/trace-slice';
import { useLab } from '../store/use-lab';

/**
 * The newest traced program could not bind the port the lab's echo server holds: say so, and offer to move
 * or stop the lab's server and trace the same command again. Gone once the lab's server has let the port go.
 */
export function PortHeldNotice() {
  const held = useLab((state) => {
    const newest = [...state.traces.values()].at(-1);
    return newest?.portHeld && !newest.attached ? newest : null;
  });
  const echo = useLab((state) => state.echo);
  const startEcho = useLab((state) => state.startEcho);
  const stopEcho = useLab((state) => state.stopEcho);
  const runTrace = useLab((state) => state.runTrace);
  const stopTrace = useLab((state) => state.stopTrace);
  if (!held?.portHeld) return null;
  const stillHeld = echo?.listening === true && echo.port === held.portHeld.port;
  const again = async () => {
    if (traceRunning(held)) await stopTrace(held.traceId);
    await runTrace({ argv: [...held.argv], cwd: held.cwd ?? undefined, shell: held.shell });
  };
  return (
    <div className="trace-notice warn" role="alert" data-testid="trace-port-held">
      <p>{held.portHeld.message}</p>
      <div className="actions">
        {stillHeld ? (
          <>
            <button type="button" data-testid="trace-move-echo" onClick={() => void startEcho(0)}>
              Move the lab's server to a free port
            </button>
            <button type="button" data-testid="trace-stop-echo" onClick={() => void stopEcho()}>
              Stop the lab's server
            </button>
          </>
        ) : (
          <span className="muted">Port {held.portHeld.port} is free now.</span>
        )}
        <button type="button" data-testid="trace-again" disabled={stillHeld} onClick={() => void again()}>
          Trace again
        </button>
      </div>
    </div>
  );
}
