import { formatBytes } from '../lib/format';
import type { Script } from '../store/scripts-slice';

/** What a run ran, where its stdout went, and anything the lab had to drop. */
export function ScriptMeta({ script }: { script: Script }) {
  const dropped = script.dropped.stdout + script.dropped.stderr;
  return (
    <div className="script-meta">
      <code className="argv">
        $ {script.shell ? script.argv.join(' ') : script.argv.map(quote).join(' ')}
      </code>
      <span className="muted">
        {script.pid === null
          ? 'did not start'
          : `pid ${script.pid} · stdout through a ${script.mode}${script.cwd ? ` · in ${script.cwd}` : ''}${
              script.unbuffered === false ? ' · Python buffered (PYTHONUNBUFFERED cleared)' : ''
            }`}
      </span>
      {dropped > 0 && (
        <span className="warn-text">
          the lab dropped {formatBytes(dropped)} past its limit of {formatBytes(script.dropLimit ?? 0)}
        </span>
      )}
    </div>
  );
}

/** Shows an argument so it could be pasted back into a shell. */
function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
