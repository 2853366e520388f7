import type { ReactNode } from 'react';
import { useReadOnly } from './session-context';

/**
 * Disables every form control inside while a session file or a replay is shown, without touching the layout
 * (the fieldset has `display: contents`). The bridge refuses commands too; this makes it visible.
 */
export function ReadOnlyGate({ children }: { children: ReactNode }) {
  const readOnly = useReadOnly();
  return (
    <fieldset
      className="read-only-gate"
      disabled={readOnly}
      title={readOnly ? 'read-only: a session file or a replay is on screen' : undefined}
    >
      {children}
    </fieldset>
  );
}
