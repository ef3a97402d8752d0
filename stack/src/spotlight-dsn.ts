/** A DSN that sends a service's envelopes to the local Spotlight sidecar (`POST /api/0/envelope/`). */
export function spotlightDsn(port: number): string {
  return `http://spotlight@localhost:${port}/0`;
}
