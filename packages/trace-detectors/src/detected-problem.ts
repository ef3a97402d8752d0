/** One problem a detector found in one transaction. */
export interface DetectedProblem {
  detector: 'n-plus-one-db' | 'consecutive-http';
  description: string;
  offenders: number;
  /** Total time of the offending spans, overlap counted once (N+1), or time saved (HTTP). */
  ms: number;
}
