import { EmptyState } from '../lib/EmptyState';
import { Panel } from '../lib/Panel';
import { useLab } from '../store/use-lab';
import { ScriptForm } from './ScriptForm';
import { ScriptOutput } from './ScriptOutput';

/** `live`: the lab's own events are on screen (not a file or a replay), so a quiet script is quiet now. */
export function ScriptPanel({ live }: { live: boolean }) {
  const any = useLab((state) => state.latestScriptId !== null);
  return (
    <Panel
      className="area-output"
      title="Script output"
      hint="The child writes to its stdout; the lab reads the other end of a pipe or a socket and shows it here."
    >
      <ScriptForm />
      {any ? (
        <ScriptOutput live={live} />
      ) : (
        <EmptyState>
          Run a command to see its output here, e.g. <code>ls -l --color=always</code> or{' '}
          <code>python3 -u script.py</code>. Each run gets a tab; stderr shows in red.
        </EmptyState>
      )}
    </Panel>
  );
}
