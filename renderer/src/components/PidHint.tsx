import { useState } from 'react';
import { useLab } from '../store/use-lab';

/** The host's pid, and the command that signals it from a terminal. */
export function PidHint() {
  const pid = useLab((state) => state.info?.pid);
  const [copied, setCopied] = useState(false);
  if (pid === undefined) return null;
  const command = `kill -USR2 ${pid}`;
  const copy = () => {
    navigator.clipboard?.writeText(command).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <p className="pid-hint">
      pid <strong data-testid="pid">{pid}</strong>
      <span className="muted"> · try </span>
      <code>{command}</code>
      <button type="button" className="small" onClick={copy} aria-label={`Copy ${command}`}>
        {copied ? 'copied' : 'copy'}
      </button>
    </p>
  );
}
