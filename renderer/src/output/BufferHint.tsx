import { useLabNow } from '../lib/use-lab-now';
import type { Script } from '../store/scripts-slice';
import { useLab } from '../store/use-lab';

/** Quiet this long, a running script is probably holding its output rather than printing nothing. */
const QUIET_US = 3_000_000;

/** Says, while a running script has printed nothing for a while, that its output may sit in its buffer. */
export function BufferHint({ script }: { script: Script }) {
  const clockOffsetMs = useLab((state) => state.clockOffsetMs);
  const running = script.pid !== null && script.exit === null;
  const now = useLabNow(clockOffsetMs, running, 500);
  if (!running || now === null || now - script.lastOutputAt < QUIET_US) return null;
  const quiet = Math.floor((now - script.lastOutputAt) / 1_000_000);
  return (
    <p className="why buffer-hint" data-testid="script-buffer-hint" role="status">
      Nothing for {quiet} s. Its output may be waiting in its buffer: behind a pipe or a socket, a program
      writes only when its buffer fills or it exits.{' '}
      {script.unbuffered === false
        ? 'Run it again with “unbuffered output” ticked, or print with flush=True.'
        : 'Python was told not to buffer; other programs may still (try stdbuf -oL before the command).'}
    </p>
  );
}
