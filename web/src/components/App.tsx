import { useEffect, useState } from 'react';
import { fetchCatalog, type CatalogScenario } from '../catalog.js';
import { usePanel } from '../panel-context.js';
import { HeaderStrip } from './HeaderStrip.js';
import { ScenarioCard } from './ScenarioCard.js';

type CatalogState = { state: 'loading' } | { state: 'loaded'; scenarios: CatalogScenario[] } | { state: 'failed'; reason: string };

/** The panel: the stack's status, then one card per scenario of the gateway's catalog. */
export function App() {
  const { config } = usePanel();
  const [catalog, setCatalog] = useState<CatalogState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setCatalog({ state: 'loading' });
    fetchCatalog(config.gatewayUrl, controller.signal).then(
      (scenarios) => setCatalog({ state: 'loaded', scenarios }),
      (error: unknown) => {
        if (!controller.signal.aborted) setCatalog({ state: 'failed', reason: (error as Error).message });
      },
    );
    return () => controller.abort();
  }, [config.gatewayUrl, attempt]);

  return (
    <>
      <HeaderStrip />
      <main>
        <p className="intro">
          Each card is a performance problem beside its fix. Run either variant, compare both, and open the trace: every click is one trace
          from this page through the gateway into every subgraph and database.
        </p>
        {catalog.state === 'loading' && <p role="status">Loading the scenario catalog from {config.gatewayUrl}…</p>}
        {catalog.state === 'failed' && (
          <div className="error" role="alert">
            <p>The scenario catalog could not be loaded: {catalog.reason}. Is the stack running (npm start)?</p>
            <button type="button" onClick={() => setAttempt((count) => count + 1)}>
              Try again
            </button>
          </div>
        )}
        {catalog.state === 'loaded' &&
          catalog.scenarios.map((scenario) => (
            <ScenarioCard key={scenario.name} scenario={scenario} catalogNames={catalog.scenarios.map(({ name }) => name)} />
          ))}
      </main>
    </>
  );
}
