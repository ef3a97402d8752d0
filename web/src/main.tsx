import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Provider } from 'urql';
import { App } from './components/App.js';
import { loadPanelConfig } from './config.js';
import { createGatewayClient } from './gateway-client.js';
import { PanelContext } from './panel-context.js';
import { initBrowserTracing } from './sentry.js';
import { SpotlightStream } from '@trace-arcade/trace-detectors';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
try {
  const config = await loadPanelConfig();
  initBrowserTracing(config);
  const spotlight = new SpotlightStream(config.spotlightUrl);
  spotlight.connect();
  root.render(
    <StrictMode>
      <PanelContext.Provider value={{ config, spotlight }}>
        <Provider value={createGatewayClient(config.gatewayUrl)}>
          <App />
        </Provider>
      </PanelContext.Provider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main className="error" role="alert">
      <h1>Trace Arcade</h1>
      <p>The panel could not start: {(error as Error).message}</p>
    </main>,
  );
}
