import { initTelemetry } from '@trace-arcade/service-runtime/instrument';

await initTelemetry('users');
