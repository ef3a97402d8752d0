import { useEffect, useState, useSyncExternalStore } from 'react';
import { usePanel } from '../panel-context.js';
import { fetchStackStatus, type StackStatus } from '../stack-status.js';

const POLL_MS = 10_000;

function readiness(status: StackStatus): string {
  if (status.unreachable) return status.unreachable;
  if (status.ready) return 'ready';
  const down = Object.entries(status.dependencies).filter(([, dependency]) => dependency.status !== 'up');
  return `not ready: ${down.map(([name, dependency]) => `${name} ${dependency.reason ?? dependency.status}`).join('; ') || 'the gateway is not ready'}`;
}

function percent(rate: number): string {
  return `${Math.round(rate * 1000) / 10} %`;
}

/** Stack health, which MongoDB is in use, where traces go and the sample rate. */
export function HeaderStrip() {
  const { config, spotlight } = usePanel();
  const streamState = useSyncExternalStore(spotlight.subscribe, () => spotlight.state);
  const [status, setStatus] = useState<StackStatus | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const poll = () =>
      fetchStackStatus(config.gatewayUrl, controller.signal).then(setStatus, () => {
        /* aborted on unmount */
      });
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [config.gatewayUrl]);

  const about = status?.about;
  const mongo = about?.mongo;
  const tracing = about?.tracing;
  return (
    <header className="strip" aria-label="Stack status">
      <h1>Trace Arcade</h1>
      <dl>
        <div>
          <dt>Stack</dt>
          <dd className={status?.ready ? 'ok' : 'warn'} data-testid="stack-health">
            {status ? readiness(status) : 'checking…'}
          </dd>
        </div>
        <div>
          <dt>MongoDB</dt>
          <dd className={mongo?.server === 'stand-in' ? 'warn' : undefined} data-testid="mongo-server">
            {mongo ? mongo.detail : '—'}
          </dd>
        </div>
        <div>
          <dt>Traces go to</dt>
          <dd data-testid="trace-destination">
            {tracing?.destination === 'spotlight' && config.spotlightUrl ? (
              <a href={config.spotlightUrl} target="_blank" rel="noreferrer">
                Spotlight
              </a>
            ) : (
              { spotlight: 'Spotlight', sentry: 'a Sentry project (SENTRY_DSN)', none: 'nowhere: tracing is off' }[
                tracing?.destination ?? 'none'
              ]
            )}
            {streamState === 'unavailable' && config.spotlightUrl && ' (Spotlight is not answering)'}
          </dd>
        </div>
        <div>
          <dt>Sample rate</dt>
          <dd data-testid="sample-rate">
            {tracing ? `${percent(tracing.sampleRate)} of background requests; every panel click is traced` : '—'}
          </dd>
        </div>
      </dl>
    </header>
  );
}
