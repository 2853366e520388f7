import { type FormEvent, useState } from 'react';
import { splitArgv } from '../lib/split-argv';
import { useLab } from '../store/use-lab';

/**
 * A command to run under strace (split into argv as the script runner does), or a pid to attach to.
 * `onTrace`: the workspace shows the chart, where the trace is drawn.
 */
export function TraceForms({ onTrace }: { onTrace?: () => void }) {
  const runTrace = useLab((state) => state.runTrace);
  const attachTrace = useLab((state) => state.attachTrace);
  const [line, setLine] = useState('');
  const [shell, setShell] = useState(false);
  const [pidText, setPidText] = useState('');
  const split = splitArgv(line);
  const hint = !shell && split.ok && split.shellSyntax ? split.shellSyntax : null;
  const pid = Number(pidText);
  const pidValid = /^\d+$/.test(pidText.trim()) && pid > 0;

  const run = (event: FormEvent) => {
    event.preventDefault();
    if (shell && line.trim() !== '') void runTrace({ argv: [line], shell: true });
    else if (split.ok) void runTrace({ argv: split.argv });
    else return;
    onTrace?.();
  };
  const attach = (event: FormEvent) => {
    event.preventDefault();
    if (!pidValid) return;
    void attachTrace(pid);
    onTrace?.();
  };

  return (
    <div className="trace-forms">
      <form className="trace-form" onSubmit={run}>
        <input
          type="text"
          data-testid="trace-command"
          aria-label="Command to trace"
          placeholder="python3 signal1.py 12"
          value={line}
          onChange={(event) => setLine(event.target.value)}
        />
        <label>
          <input
            type="checkbox"
            data-testid="trace-shell"
            checked={shell}
            onChange={(event) => setShell(event.target.checked)}
          />{' '}
          in a shell
        </label>
        <button type="submit" data-testid="trace-run" disabled={!(shell ? line.trim() !== '' : split.ok)}>
          Trace
        </button>
      </form>
      {hint && (
        <p className="muted">
          <code>{hint}</code> is shell syntax; it is passed as plain text unless you tick “in a shell”.
        </p>
      )}
      <form className="trace-form" onSubmit={attach}>
        <label>
          Running pid{' '}
          <input
            type="text"
            inputMode="numeric"
            className="pid"
            data-testid="trace-pid"
            placeholder="41235"
            value={pidText}
            onChange={(event) => setPidText(event.target.value)}
          />
        </label>
        <button type="submit" data-testid="trace-attach" disabled={!pidValid}>
          Attach
        </button>
      </form>
    </div>
  );
}
