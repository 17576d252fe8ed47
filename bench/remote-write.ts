// The body of a Prometheus remote-write request: a WriteRequest of time series (prompb/remote.proto and
// prompb/types.proto @ v2.42.0), protobuf-encoded and framed as snappy's block format, which the
// receiver decodes before anything else (storage/remote/codec.go `DecodeWriteRequest`).

/** One series to write: its labels (the metric name as `__name__`) and its samples in time order. */
export interface WriteSeries {
  readonly labels: ReadonlyArray<readonly [name: string, value: string]>;
  readonly samples: ReadonlyArray<readonly [timestampMs: number, value: number]>;
}

/** Parses an exposition key as the bench writes them, `name{a="b",c="d"}`, into sorted label pairs (remote write asks them sorted). */
export function keyLabels(key: string): Array<[string, string]> {
  const brace = key.indexOf("{");
  const name = brace < 0 ? key : key.slice(0, brace);
  const pairs: Array<[string, string]> = [["__name__", name]];
  for (const match of (brace < 0 ? "" : key.slice(brace)).matchAll(/([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
    pairs.push([match[1] as string, (match[2] as string).replace(/\\(.)/g, (_all, c: string) => (c === "n" ? "\n" : c))]);
  }
  return pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The request body: the WriteRequest's bytes in snappy framing. */
export function writeRequestBody(series: readonly WriteSeries[]): Buffer {
  return snappyLiterals(encodeWriteRequest(series));
}

// Protobuf wire format: a field's key is (number << 3 | wire type); 0 varint, 1 fixed 64-bit, 2 length-delimited.
const LABELS = (1 << 3) | 2;
const SAMPLES = (2 << 3) | 2;
const TIMESERIES = (1 << 3) | 2;
const LABEL_NAME = (1 << 3) | 2;
const LABEL_VALUE = (2 << 3) | 2;
const SAMPLE_VALUE = (1 << 3) | 1;
const SAMPLE_TIMESTAMP = (2 << 3) | 0;

const varintLength = (value: number) => {
  let length = 1;
  for (let rest = value; rest >= 128; rest = Math.floor(rest / 128)) length++;
  return length;
};
/** Writes an unsigned varint (protobuf's and snappy's) at `at`; returns the offset after it. */
function writeVarint(out: Buffer, at: number, value: number): number {
  let next = at;
  let rest = value;
  while (rest >= 128) {
    out[next++] = (rest % 128) | 128;
    rest = Math.floor(rest / 128);
  }
  out[next++] = rest;
  return next;
}
/** A length-delimited field's size: key, length and content. */
const fieldLength = (content: number) => 1 + varintLength(content) + content;
const labelLength = (name: number, value: number) => fieldLength(name) + fieldLength(value);
const sampleLength = (timestampMs: number) => 1 + 8 + 1 + varintLength(timestampMs);

/** Sizes first, then one buffer written front to back: a nested message's length precedes it. */
function encodeWriteRequest(series: readonly WriteSeries[]): Buffer {
  const sized = series.map((s) => {
    const labels = s.labels.map(([name, value]) => [Buffer.from(name), Buffer.from(value)] as const);
    const length =
      labels.reduce((sum, [name, value]) => sum + fieldLength(labelLength(name.length, value.length)), 0) +
      s.samples.reduce((sum, [timestampMs]) => sum + fieldLength(sampleLength(timestampMs)), 0);
    return { labels, samples: s.samples, length };
  });
  const out = Buffer.alloc(sized.reduce((sum, s) => sum + fieldLength(s.length), 0));
  let at = 0;
  const varint = (value: number) => (at = writeVarint(out, at, value));
  const bytes = (key: number, content: Buffer) => {
    out[at++] = key;
    varint(content.length);
    at += content.copy(out, at);
  };
  for (const s of sized) {
    out[at++] = TIMESERIES;
    varint(s.length);
    for (const [name, value] of s.labels) {
      out[at++] = LABELS;
      varint(labelLength(name.length, value.length));
      bytes(LABEL_NAME, name);
      bytes(LABEL_VALUE, value);
    }
    for (const [timestampMs, value] of s.samples) {
      out[at++] = SAMPLES;
      varint(sampleLength(timestampMs));
      out[at++] = SAMPLE_VALUE;
      at = out.writeDoubleLE(value, at);
      out[at++] = SAMPLE_TIMESTAMP;
      varint(timestampMs);
    }
  }
  if (at !== out.length) throw new Error(`remote-write encoding wrote ${at} of ${out.length} bytes`);
  return out;
}

/** Literal elements of at most 64 KiB, as snappy's own encoder cuts them. */
const LITERAL_MAX = 65_536;

/**
 * Snappy's block format with literals only (format_description.txt in google/snappy): the
 * uncompressed length as a varint, then each literal's tag and bytes. Valid for any decoder; not
 * compressed, which costs nothing over loopback and no dependency.
 */
function snappyLiterals(data: Buffer): Buffer {
  const preamble = Buffer.alloc(varintLength(data.length));
  writeVarint(preamble, 0, data.length);
  const parts: Buffer[] = [preamble];
  for (let from = 0; from < data.length; from += LITERAL_MAX) {
    const chunk = data.subarray(from, Math.min(from + LITERAL_MAX, data.length));
    const n = chunk.length - 1;
    // Tag: (n << 2) for n < 60; else 60 or 61 followed by n in one or two little-endian bytes.
    parts.push(Buffer.from(n < 60 ? [n << 2] : n < 256 ? [60 << 2, n] : [61 << 2, n & 0xff, n >> 8]), chunk);
  }
  return Buffer.concat(parts);
}
