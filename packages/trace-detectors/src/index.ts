export { detectConsecutiveHttp } from './consecutive-http.js';
export type { DetectedProblem } from './detected-problem.js';
export { signalsFromEnvelope, transactionsFromEnvelope } from './envelope.js';
export {
  ANR_EXCEPTION_TYPE,
  findingsOf,
  formatMetricValue,
  type Finding,
  type FindingLink,
  type MetricAlertRule,
  type SignalKind,
} from './findings.js';
export { detectNPlusOneDb } from './n-plus-one-db.js';
export { findPerformanceIssues, type PerformanceIssue } from './performance-issues.js';
export type { SentryErrorEvent, SentryException, SentryFrame } from './sentry-error-event.js';
export type { SentrySpan, SentryTraceContext, SentryTransaction } from './sentry-event.js';
export { spanHash } from './span-hash.js';
export { totalSpanTimeMs } from './span-time.js';
export { signalsFromSpotlightEvent, transactionsFromSpotlightEvent } from './spotlight-event.js';
export { metricAttribute, type TraceMetric } from './trace-metric.js';
export { emptySignals, signalsOfTrace, type TraceSignals } from './trace-signals.js';
export { SpotlightStream, type SpotlightEventSource, type StreamState, type TraceWait, type TraceWaitResult } from './spotlight-stream.js';
