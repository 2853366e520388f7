import { signalLabel } from '../../../contract/signals';
import { formatLabTime } from '../lib/format';
import type { Delivery } from '../store/signals-slice';

const SOURCE_TEXT = {
  button: 'from the Send button',
  external: 'from outside the app (a terminal or another process)',
  alarm: 'from the alarm',
} as const;

export function SignalRow({ delivery, clockOffsetMs }: { delivery: Delivery; clockOffsetMs: number | null }) {
  const label = signalLabel(delivery.signal, delivery.number);
  const at = formatLabTime(delivery.t, clockOffsetMs);
  return (
    <li className={`signal-row ${delivery.who}`} data-testid="signal-row">
      {delivery.who === 'app' ? (
        <>
          Got {label} at <time>{at}</time> — {delivery.source ? SOURCE_TEXT[delivery.source] : ''}
        </>
      ) : (
        <>
          Target pid {delivery.pid} got {label} at <time>{at}</time>
          {delivery.line && (
            <>
              {' '}
              — <code>{delivery.line}</code>
            </>
          )}
        </>
      )}
    </li>
  );
}
