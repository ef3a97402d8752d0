import { initTelemetry } from '@trace-arcade/service-runtime/instrument';

initTelemetry('gateway');
