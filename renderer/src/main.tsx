import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { AppContexts } from './app/AppContexts';
import { createApp } from './app/create-app';
import { createBridge } from './bridge';
import './styles.css';

const app = createApp(createBridge());
// Started once here, not in an effect, so StrictMode's double mount does not say hello twice.
app.files.startLive();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppContexts app={app}>
      <App />
    </AppContexts>
  </StrictMode>,
);
