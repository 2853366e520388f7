import { type FormEvent, useState } from 'react';
import type { RedirectMode } from '../../../contract/events';
import { splitArgv } from '../lib/split-argv';
import { useLab } from '../store/use-lab';

/** A command line to run as a child, with its stdout redirected to us through a pipe or a socket.
 * `onRun`: the workspace shows the output where it lands. */
export function ScriptForm({ onRun }: { onRun?: () => void }) {
  const runScript = useLab((state) => state.runScript);
  const [line, setLine] = useState('');
  const [shell, setShell] = useState(false);
  const [cwd, setCwd] = useState('');
  const [mode, setMode] = useState<RedirectMode>('pipe');
  const [unbuffered, setUnbuffered] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const split = splitArgv(line);
  const hint = !shell && split.ok && split.shellSyntax ? split.shellSyntax : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const dir = cwd.trim() === '' ? undefined : cwd.trim();
    if (shell) {
      if (line.trim() === '') return setProblem('type a command to run');
      setProblem(null);
      void runScript({ argv: [line], cwd: dir, mode, shell: true, unbuffered });
      onRun?.();
      return;
    }
    if (!split.ok) return setProblem(split.error);
    setProblem(null);
    void runScript({ argv: split.argv, cwd: dir, mode, unbuffered });
    onRun?.();
  };

  return (
    <form className="controls" onSubmit={submit}>
      <label className="grow">
        Command
        <input
          data-testid="script-command"
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder="python3 -u my_script.py --flag 'two words'"
          value={line}
          onChange={(event) => setLine(event.target.value)}
        />
      </label>
      <label className="check">
        <input
          data-testid="script-shell"
          type="checkbox"
          checked={shell}
          onChange={(event) => setShell(event.target.checked)}
        />
        run in shell
      </label>
      <label>
        Folder
        <input
          data-testid="script-cwd"
          type="text"
          spellCheck={false}
          placeholder="(your home folder)"
          value={cwd}
          onChange={(event) => setCwd(event.target.value)}
        />
      </label>
      <label>
        stdout through
        <select
          data-testid="redirect-mode"
          value={mode}
          onChange={(event) => setMode(event.target.value as RedirectMode)}
        >
          <option value="pipe">a pipe</option>
          <option value="socket">a socket</option>
        </select>
      </label>
      <label
        className="check"
        title="Behind a pipe or a socket, Python holds what it prints until its buffer fills or it exits; PYTHONUNBUFFERED=1 makes each print show at once."
      >
        <input
          data-testid="script-unbuffered"
          type="checkbox"
          checked={unbuffered}
          onChange={(event) => setUnbuffered(event.target.checked)}
        />
        unbuffered output (Python)
      </label>
      <button data-testid="run-script" type="submit">
        Run
      </button>
      {problem && <p className="warn-text full">{problem}</p>}
      {hint && (
        <p className="muted full">
          <code>{hint}</code> is shell syntax; it is passed as plain text unless you tick “run in shell”.
        </p>
      )}
    </form>
  );
}
