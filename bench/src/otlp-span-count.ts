/**
 * Counts the spans of an OTLP `ExportTraceServiceRequest` in protobuf, without decoding them:
 * resource_spans (field 1) hold scope_spans (field 2), which hold spans (field 2). Only the
 * protobuf wire format is read: a key varint, then a varint, a fixed 64- or 32-bit value or a
 * length-delimited body.
 */

/** Reads a varint at `offset`; returns its value and the offset after it. */
function varint(bytes: Uint8Array, offset: number): [number, number] {
  let value = 0;
  let shift = 0;
  let at = offset;
  for (;;) {
    if (at >= bytes.length) throw new Error(`OTLP protobuf: varint runs past the end at byte ${offset}`);
    const byte = bytes[at++]!;
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return [value, at];
    shift += 7;
  }
}

/** Calls `visit` with the body of every length-delimited field numbered `field` in `bytes`. */
function eachField(bytes: Uint8Array, field: number, visit: (body: Uint8Array) => void): void {
  let at = 0;
  while (at < bytes.length) {
    const [key, afterKey] = varint(bytes, at);
    const wireType = key % 8;
    at = afterKey;
    if (wireType === 0) {
      at = varint(bytes, at)[1];
    } else if (wireType === 1) {
      at += 8;
    } else if (wireType === 5) {
      at += 4;
    } else if (wireType === 2) {
      const [length, afterLength] = varint(bytes, at);
      const end = afterLength + length;
      if (end > bytes.length) throw new Error(`OTLP protobuf: field ${Math.floor(key / 8)} runs past the end`);
      if (Math.floor(key / 8) === field) visit(bytes.subarray(afterLength, end));
      at = end;
    } else {
      throw new Error(`OTLP protobuf: unexpected wire type ${wireType} at byte ${afterKey - 1}`);
    }
  }
}

/** The number of spans in an `ExportTraceServiceRequest` body. */
export function countOtlpSpans(body: Uint8Array): number {
  let spans = 0;
  eachField(body, 1, (resourceSpans) =>
    eachField(resourceSpans, 2, (scopeSpans) =>
      eachField(scopeSpans, 2, () => {
        spans++;
      }),
    ),
  );
  return spans;
}
