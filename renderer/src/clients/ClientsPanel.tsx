import { Panel } from '../lib/Panel';
import { OrderSection } from './OrderSection';
import { SpawnForm } from './SpawnForm';

export function ClientsPanel() {
  return (
    <Panel
      className="area-clients"
      title="Clients race to the server"
      hint="Each client connects, sends its name, and prints what the echo server sent back."
    >
      <SpawnForm />
      <OrderSection />
    </Panel>
  );
}
