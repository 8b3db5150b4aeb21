/** Order statistics over a sample of durations (milliseconds). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * Runs `fn` with everything written to stdout and stderr discarded: the functions write JSON log
 * lines, which is real work we keep in the measurement, but the bench's own output (the table, or
 * the one JSON object with `--json`) must stay readable. `written.bytes` counts what was discarded,
 * `written.lines` its lines (log volume is billed).
 */
export async function withOutputDiscarded<T>(
  fn: () => Promise<T>,
  written: { bytes: number; lines: number } = { bytes: 0, lines: 0 },
): Promise<T> {
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  const discard = ((chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    written.bytes += bytes.byteLength;
    for (const byte of bytes) if (byte === 10) written.lines++;
    const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
    if (typeof done === 'function') done();
    return true;
  }) as typeof process.stdout.write;
  for (const stream of streams) stream.write = discard;
  try {
    return await fn();
  } finally {
    streams.forEach((stream, i) => {
      stream.write = writes[i] as typeof stream.write;
    });
  }
}
