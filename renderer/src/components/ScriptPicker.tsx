import { useShallow } from 'zustand/react/shallow';
import type { Script } from '../store/scripts-slice';
import { useLab } from '../store/use-lab';

interface ScriptPickerProps {
  current: Script;
  following: boolean;
  onPick(scriptId: number | null): void;
}

/** Which run's output to show, with what it ran. */
export function ScriptPicker({ current, following, onPick }: ScriptPickerProps) {
  const ids = useLab(useShallow((state) => [...state.scripts.keys()]));
  return (
    <div className="script-meta">
      {ids.length > 1 && (
        <label>
          Run
          <select
            value={following ? 'latest' : String(current.scriptId)}
            onChange={(event) => onPick(event.target.value === 'latest' ? null : Number(event.target.value))}
          >
            <option value="latest">the newest</option>
            {ids.map((id) => (
              <option key={id} value={String(id)}>
                #{id}
              </option>
            ))}
          </select>
        </label>
      )}
      <code className="argv">
        $ {current.shell ? current.argv.join(' ') : current.argv.map(quote).join(' ')}
      </code>
      <span className="muted">
        {current.pid === null
          ? 'did not start'
          : `pid ${current.pid} · stdout through a ${current.mode}${current.cwd ? ` · in ${current.cwd}` : ''}`}
      </span>
    </div>
  );
}

/** Shows an argument so it could be pasted back into a shell. */
function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
