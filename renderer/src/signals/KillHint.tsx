import { useEffect, useState } from 'react';
import { useLab } from '../store/use-lab';

/** The app's pid and the command that signals it from a terminal, ready to copy. */
export function KillHint() {
  const pid = useLab((state) => state.info?.pid);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2_500);
    return () => clearTimeout(timer);
  }, [copied]);
  if (pid === undefined) return null;
  const command = `kill -USR2 ${pid}`;
  const copy = () => {
    navigator.clipboard?.writeText(command).then(
      () => setCopied('yes'),
      () => setCopied('no'),
    );
  };
  return (
    <div className="kill-hint">
      <span className="muted">This app is pid {pid}. From a terminal:</span>
      <code data-testid="kill-command">{command}</code>
      <button type="button" className="small" onClick={copy} aria-label={`Copy ${command}`}>
        {copied === 'yes' ? 'copied' : 'copy'}
      </button>
      {copied === 'no' && <span className="warn-text">the clipboard refused; select the text instead</span>}
    </div>
  );
}
