/** One item of a Sentry envelope: its header (parsed) and its payload (as text). */
export interface EnvelopeItem {
  header: { type?: string; length?: number; [key: string]: unknown };
  payload: string;
}

/**
 * The items of a raw envelope: a header line, then for each item a header line and its payload,
 * `length` UTF-8 bytes when the item header gives one, else one line. Stops at an item whose
 * header is not JSON: the rest of the envelope cannot be framed.
 */
export function envelopeItems(text: string): EnvelopeItem[] {
  const bytes = Buffer.from(text, 'utf8');
  const lineEnd = (from: number) => {
    const end = bytes.indexOf(10, from);
    return end === -1 ? bytes.length : end;
  };
  const items: EnvelopeItem[] = [];
  let cursor = lineEnd(0) + 1; // the envelope header: nothing in it is needed here
  while (cursor < bytes.length) {
    const headerEnd = lineEnd(cursor);
    const headerLine = bytes.subarray(cursor, headerEnd).toString('utf8');
    cursor = headerEnd + 1;
    if (headerLine.trim() === '') continue;
    let header: EnvelopeItem['header'];
    try {
      header = JSON.parse(headerLine) as EnvelopeItem['header'];
    } catch {
      break;
    }
    const payloadEnd = typeof header.length === 'number' ? cursor + header.length : lineEnd(cursor);
    items.push({ header, payload: bytes.subarray(cursor, payloadEnd).toString('utf8') });
    cursor = payloadEnd + 1;
  }
  return items;
}
