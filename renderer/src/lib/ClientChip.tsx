import type { CSSProperties } from 'react';
import { clientPosition, positionHue, shortClientId } from './client-colour';

/** A client's short id in its start position's colour: the same client looks the same in every run. */
export function ClientChip({ clientId }: { clientId: string }) {
  const position = clientPosition(clientId);
  const style = position === null ? undefined : ({ '--hue': positionHue(position) } as CSSProperties);
  return (
    <span className="chip" style={style} title={`client ${clientId}`}>
      {shortClientId(clientId)}
    </span>
  );
}
