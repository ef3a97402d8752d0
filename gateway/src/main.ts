import { createLogger, runService } from '@trace-arcade/service-runtime';
import { loadServiceConfig } from './config.js';
import { startGateway } from './gateway-service.js';

const log = createLogger('gateway');

// async, so that a configuration error becomes a rejection that runService reports in one line.
runService('gateway', async () => startGateway(loadServiceConfig(), log));
