import type { LabEventBody } from '../../contract/events';

/** A connection the lab accepted from 127.0.0.1 on port 5000, its peer's port told apart by its id. */
export const connOpen = (connId: number, role: 'echo' | 'redirect' = 'echo'): LabEventBody => ({
  kind: 'conn:open',
  connId,
  role,
  remoteAddress: '127.0.0.1',
  remotePort: 40_000 + connId,
  localPort: 5000,
});
