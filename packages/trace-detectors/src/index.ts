export { detectConsecutiveHttp } from './consecutive-http.js';
export type { DetectedProblem } from './detected-problem.js';
export { transactionsFromEnvelope } from './envelope.js';
export { detectNPlusOneDb } from './n-plus-one-db.js';
export { describeVerdict, findPerformanceIssues, type PerformanceIssue } from './performance-issues.js';
export type { SentrySpan, SentryTraceContext, SentryTransaction } from './sentry-event.js';
export { spanHash } from './span-hash.js';
export { totalSpanTimeMs } from './span-time.js';
export { transactionsFromSpotlightEvent } from './spotlight-event.js';
