import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Script } from '../store/scripts-slice';
import { useLab } from '../store/use-lab';

interface OutputTabsProps {
  current: number;
  following: boolean;
  /** null goes back to following the newest run. */
  onPick(scriptId: number | null): void;
}

const TAB_LIMIT = 12;

function status(script: Script): 'running' | 'ok' | 'failed' {
  if (script.error) return 'failed';
  if (!script.exit) return 'running';
  return script.exit.code === 0 ? 'ok' : 'failed';
}

function title(script: Script): string {
  const line = script.argv.join(' ');
  return line.length > 28 ? `${line.slice(0, 27)}…` : line || 'script';
}

/** One tab per run, newest last; arrow keys move between them as in any tablist. */
export function OutputTabs({ current, following, onPick }: OutputTabsProps) {
  const scripts = useLab(useShallow((state) => [...state.scripts.values()].slice(-TAB_LIMIT)));
  const older = useLab((state) => Math.max(0, state.scripts.size - TAB_LIMIT));
  const newest = scripts.at(-1)?.scriptId;

  const onKeyDown = (event: KeyboardEvent) => {
    const index = scripts.findIndex((script) => script.scriptId === current);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const next = scripts[index + step];
    if (step === 0 || !next) return;
    event.preventDefault();
    onPick(next.scriptId === newest ? null : next.scriptId);
    document.getElementById(`output-tab-${next.scriptId}`)?.focus();
  };

  return (
    <div className="tabs-row">
      <div className="tabs" role="tablist" aria-label="Script runs" onKeyDown={onKeyDown} tabIndex={-1}>
        {older > 0 && <span className="muted tab-note">{older} older</span>}
        {scripts.map((script) => {
          const selected = script.scriptId === current;
          return (
            <button
              key={script.scriptId}
              id={`output-tab-${script.scriptId}`}
              type="button"
              role="tab"
              data-testid="output-tab"
              aria-selected={selected}
              aria-controls="output-panel"
              tabIndex={selected ? 0 : -1}
              className={`tab ${selected ? 'selected' : ''}`}
              title={script.argv.join(' ')}
              onClick={() => onPick(script.scriptId === newest ? null : script.scriptId)}
            >
              <span className={`status-dot ${status(script)}`} aria-hidden="true" />#{script.scriptId}{' '}
              <span className="tab-title">{title(script)}</span>
            </button>
          );
        })}
      </div>
      {!following && (
        <button type="button" className="small" onClick={() => onPick(null)}>
          Follow newest
        </button>
      )}
    </div>
  );
}
