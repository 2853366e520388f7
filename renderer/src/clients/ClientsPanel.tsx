import type { ReactNode } from 'react';
import { Panel } from '../lib/Panel';
import { OrderSection } from './OrderSection';
import { SpawnForm } from './SpawnForm';

/** `composer` sits between the spawn form and the orders; the app puts the two features together. */
export function ClientsPanel({ composer }: { composer: ReactNode }) {
  return (
    <Panel
      className="area-clients"
      title="Clients race to the server"
      hint="Each client connects, sends its name, and prints what the echo server sent back."
    >
      <SpawnForm />
      {composer}
      <OrderSection />
    </Panel>
  );
}
