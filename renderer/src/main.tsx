import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBridge } from './bridge';
import { App } from './components/App';
import { createLabStore } from './store/lab-store';
import { LabStoreContext } from './store/use-lab';
import './styles.css';

const { bridge, watchStatus } = createBridge();
const store = createLabStore(bridge, watchStatus);
// Started once here, not in an effect, so StrictMode's double mount does not say hello twice.
store.getState().start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabStoreContext value={store}>
      <App />
    </LabStoreContext>
  </StrictMode>,
);
