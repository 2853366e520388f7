import { useState } from 'react';
import { useLab } from '../store/use-lab';
import { BufferHint } from './BufferHint';
import { OutputPane } from './OutputPane';
import { OutputTabs } from './OutputTabs';
import { ScriptMeta } from './ScriptMeta';

/** A tab per script run, following the newest until the user picks one. */
export function ScriptOutput({ live }: { live: boolean }) {
  const latest = useLab((state) => state.latestScriptId);
  const [picked, setPicked] = useState<number | null>(null);
  const scriptId = picked ?? latest;
  const script = useLab((state) => (scriptId === null ? undefined : state.scripts.get(scriptId)));
  if (!script) return null;
  return (
    <div className="script-output">
      <OutputTabs current={script.scriptId} following={picked === null} onPick={setPicked} />
      <ScriptMeta script={script} />
      {live && <BufferHint script={script} />}
      <OutputPane scriptId={script.scriptId} />
    </div>
  );
}
