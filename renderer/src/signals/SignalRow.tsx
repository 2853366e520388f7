import { signalLabel } from '../../../contract/signals';
import { formatLabTime } from '../lib/format';
import type { Delivery } from '../store/signals-slice';

const SOURCE_TEXT = {
  button: 'the Send button',
  external: 'outside the app (a terminal or another process)',
  alarm: 'the alarm',
} as const;

const SOURCE_BADGE = { button: 'button', external: 'external', alarm: 'alarm' } as const;

function what(delivery: Delivery) {
  switch (delivery.who) {
    case 'app':
      return <>The app got it, from {delivery.source ? SOURCE_TEXT[delivery.source] : 'somewhere'}</>;
    case 'child':
      return <>Sent to pid {delivery.pid} from the Send button</>;
    case 'traced':
      return (
        <>
          Traced pid {delivery.pid} got it, from {delivery.from}
        </>
      );
    case 'target':
      return (
        <>
          Target pid {delivery.pid} got it
          {delivery.line && (
            <>
              {' '}
              and printed <code>{delivery.line}</code>
            </>
          )}
        </>
      );
  }
}

export function SignalRow({ delivery, clockOffsetMs }: { delivery: Delivery; clockOffsetMs: number | null }) {
  const source =
    delivery.who === 'target'
      ? 'handler'
      : delivery.who === 'traced'
        ? 'traced'
        : (delivery.source ?? 'button');
  const label = delivery.number === null ? delivery.signal : signalLabel(delivery.signal, delivery.number);
  return (
    <li className={`signal-row ${delivery.who}`} data-testid="signal-row" data-source={source}>
      <time className="muted">{formatLabTime(delivery.t, clockOffsetMs)}</time>
      <strong className="signal-label">{label}</strong>
      <span className={`badge source-${source}`}>
        {delivery.who === 'target' || delivery.who === 'traced'
          ? source
          : SOURCE_BADGE[delivery.source ?? 'button']}
      </span>
      <span className="signal-what">{what(delivery)}</span>
    </li>
  );
}
