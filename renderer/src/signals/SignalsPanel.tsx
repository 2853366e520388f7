import { Panel } from '../lib/Panel';
import { KillHint } from './KillHint';
import { SignalForm } from './SignalForm';
import { SignalList } from './SignalList';
import { TargetList } from './TargetList';

export function SignalsPanel() {
  return (
    <Panel
      className="area-signals"
      title="Signals"
      hint="A handler runs when the signal arrives; each row says which signal, when, and where it came from."
    >
      <KillHint />
      <SignalForm />
      <TargetList />
      <SignalList />
    </Panel>
  );
}
