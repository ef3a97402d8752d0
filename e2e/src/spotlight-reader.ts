/** Reads Spotlight's event stream (which replays what it holds) until an envelope of every service carries `traceId`. */
export async function spotlightServices(
  spotlightUrl: string,
  traceId: string,
  timeoutMs: number,
  expected: readonly string[] = ['gateway', 'users', 'game', 'analytics'],
): Promise<Set<string>> {
  const services = new Set<string>();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(`${spotlightUrl}/stream`, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of response.body!) {
      text += decoder.decode(chunk as Uint8Array, { stream: true });
      for (const line of text.split('\n').filter((candidate) => candidate.startsWith('data: ') && candidate.includes(traceId))) {
        const service = /"server_name":"([a-z-]+)"/.exec(line)?.[1];
        if (service) services.add(service);
      }
      if (expected.every((service) => services.has(service))) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return services;
}
