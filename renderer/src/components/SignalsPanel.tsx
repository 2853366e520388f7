import { Panel } from './Panel';
import { SignalForm } from './SignalForm';
import { SignalList } from './SignalList';

export function SignalsPanel() {
  return (
    <Panel
      title="Signals"
      hint="A handler runs when the signal arrives; the row says which, when, and from where."
    >
      <SignalForm />
      <SignalList />
    </Panel>
  );
}
