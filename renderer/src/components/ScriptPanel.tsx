import { useState } from 'react';
import { useLab } from '../store/use-lab';
import { EmptyState } from './EmptyState';
import { OutputPane } from './OutputPane';
import { Panel } from './Panel';
import { ScriptForm } from './ScriptForm';
import { ScriptPicker } from './ScriptPicker';

export function ScriptPanel() {
  const latest = useLab((state) => state.latestScriptId);
  const [picked, setPicked] = useState<number | null>(null);
  // Following the newest run unless the user picked an older one.
  const scriptId = picked ?? latest;
  const script = useLab((state) => (scriptId === null ? undefined : state.scripts.get(scriptId)));

  return (
    <Panel
      className="wide"
      title="Script output"
      hint="The child writes to its stdout; the lab reads the other end of a pipe or a socket and shows it here."
    >
      <ScriptForm />
      {script ? (
        <>
          <ScriptPicker current={script} following={picked === null} onPick={setPicked} />
          <OutputPane script={script} />
        </>
      ) : (
        <EmptyState>
          Run a command to see its output here, e.g. <code>ls -l</code> or <code>python3 -u script.py</code>.
        </EmptyState>
      )}
    </Panel>
  );
}
