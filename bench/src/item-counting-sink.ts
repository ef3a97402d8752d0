import { ENVELOPE_ACCEPTED, startLoopbackSink } from './loopback-sink.js';

export interface ItemCounts {
  transactions: number;
  profileChunks: number;
}

/** An endpoint that stands where Sentry would, counts the transactions and profile chunks it gets, and drops them. */
export async function startItemCountingSink() {
  const counts: ItemCounts = { transactions: 0, profileChunks: 0 };
  const sink = await startLoopbackSink((_request, body) => {
    // Item headers are lines of their own; a payload line never starts with a `type` key.
    for (const line of body.toString('utf8').split('\n')) {
      if (line.startsWith('{"type":"transaction"')) counts.transactions++;
      else if (line.startsWith('{"type":"profile_chunk"')) counts.profileChunks++;
    }
    return ENVELOPE_ACCEPTED;
  });
  return { ...sink, counts: (): ItemCounts => ({ ...counts }) };
}
