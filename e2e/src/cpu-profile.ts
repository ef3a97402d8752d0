/**
 * Sentry's continuous-profiling chunks (`profile_chunk` items, format version 2) as the Node SDK
 * sends them, and the self time of each frame within one transaction's time on one thread.
 *
 * A chunk's `samples` each name a `stack_id` (an index into `stacks`), a `thread_id` and a
 * `timestamp` in seconds; a stack lists frame indices (into `frames`) from the innermost call, the
 * frame that was running, out to the outermost one. Sentry links a transaction to the chunks of its
 * process's profiler (`contexts.profile.profiler_id`) by time: the samples taken on the
 * transaction's thread (`contexts.trace.data['thread.id']`) between its start and its end.
 */
import { envelopeItems } from './envelope-items.js';

export interface ProfileFrame {
  function?: string;
  abs_path?: string;
  lineno?: number;
  colno?: number;
}

export interface ProfileChunk {
  chunk_id: string;
  profiler_id: string;
  platform: string;
  version: string;
  profile: {
    samples: { stack_id: number; thread_id: string; timestamp: number }[];
    stacks: number[][];
    frames: ProfileFrame[];
  };
}

/** What of a transaction event links it to its profile. */
export interface ProfiledTransaction {
  start_timestamp: number;
  timestamp: number;
  contexts: { profile?: { profiler_id?: string }; trace: { data?: Record<string, unknown> } };
}

/**
 * The profile chunks in a raw envelope (framed by envelope-items.ts). Items of other types and
 * payloads that are not chunks are skipped.
 */
export function profileChunksFromEnvelope(text: string): ProfileChunk[] {
  const chunks: ProfileChunk[] = [];
  for (const { header, payload } of envelopeItems(text)) {
    if (header.type !== 'profile_chunk') continue;
    let chunk: Partial<ProfileChunk>;
    try {
      chunk = JSON.parse(payload) as Partial<ProfileChunk>;
    } catch {
      break; // a malformed item: the rest of the envelope cannot be trusted
    }
    const profile = chunk.profile;
    if (
      typeof chunk.profiler_id === 'string' &&
      Array.isArray(profile?.samples) &&
      Array.isArray(profile.stacks) &&
      Array.isArray(profile.frames)
    ) {
      chunks.push(chunk as ProfileChunk);
    }
  }
  return chunks;
}

/** A frame as a reader names it: `function (file:line)`. */
export function frameName(frame: ProfileFrame): string {
  return `${frame.function || '<anonymous>'} (${frame.abs_path ?? '?'}:${frame.lineno ?? '?'})`;
}

/** Self time of one frame: the time a sample found it running, not calling something else. */
export interface FrameSelfTime {
  frame: ProfileFrame;
  name: string;
  ms: number;
}

/**
 * The self time of each frame within `transaction`, hottest first: every sample of its profiler, on
 * its thread, taken between its start and end, gives its innermost frame (the stack's first entry)
 * the time until the next sample of that thread in the same chunk.
 */
export function selfTimeWithin(chunks: readonly ProfileChunk[], transaction: ProfiledTransaction): FrameSelfTime[] {
  const profilerId = transaction.contexts.profile?.profiler_id;
  const threadId = threadOf(transaction);
  const byName = new Map<string, FrameSelfTime>();
  for (const chunk of chunks) {
    if (!profilerId || chunk.profiler_id !== profilerId) continue;
    const { samples, stacks, frames } = chunk.profile;
    const onThread = samples.filter((sample) => threadId === undefined || sample.thread_id === threadId);
    onThread.forEach((sample, index) => {
      const next = onThread[index + 1];
      if (!next || sample.timestamp < transaction.start_timestamp || sample.timestamp > transaction.timestamp) return;
      const leaf = frames[stacks[sample.stack_id]?.[0] ?? -1];
      if (!leaf) return;
      const name = frameName(leaf);
      const entry = byName.get(name) ?? { frame: leaf, name, ms: 0 };
      entry.ms += (next.timestamp - sample.timestamp) * 1000;
      byName.set(name, entry);
    });
  }
  return [...byName.values()].sort((a, b) => b.ms - a.ms);
}

/** The transaction's thread id as samples name it, or undefined when the transaction names none. */
function threadOf(transaction: ProfiledTransaction): string | undefined {
  const threadId = transaction.contexts.trace.data?.['thread.id'];
  if (threadId === undefined || typeof threadId === 'string') return threadId;
  if (typeof threadId === 'number') return String(threadId);
  throw new Error(`expected the transaction's thread.id to be a string or a number; got ${JSON.stringify(threadId)}`);
}
