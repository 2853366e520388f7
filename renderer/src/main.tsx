import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBridge } from './bridge';
import { App } from './components/App';
import { ViewerContexts } from './session-file/ViewerContexts';
import { createViewer } from './session-file/viewer';
import { LabStoreContext } from './store/use-lab';
import './styles.css';

const viewer = createViewer(createBridge());
const { store } = viewer;
// Started once here, not in an effect, so StrictMode's double mount does not say hello twice.
viewer.files.startLive();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabStoreContext value={store}>
      <ViewerContexts viewer={viewer}>
        <App />
      </ViewerContexts>
    </LabStoreContext>
  </StrictMode>,
);
