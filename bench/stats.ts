/** Order statistics over a sample of durations (milliseconds). */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** Newlines in a chunk written to a stream. */
function lineCount(chunk: string | Uint8Array): number {
  let lines = 0;
  if (typeof chunk === 'string') {
    for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) lines++;
  } else {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  }
  return lines;
}

/**
 * Runs `fn` with everything written to stdout and stderr discarded: the functions write JSON log
 * lines, which is real work we keep in the measurement, but the bench's own output (the table, or
 * the one JSON object with `--json`) must stay readable. `written.bytes` counts what was discarded,
 * `written.lines` its lines (log volume is billed).
 */
export async function withOutputDiscarded<T>(
  fn: () => Promise<T>,
  written?: { bytes: number; lines: number },
): Promise<T> {
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  const discard = ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown) => {
    // Counted only when asked: the webhook bench measures the log writes as part of each request.
    if (written) {
      written.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      written.lines += lineCount(chunk);
    }
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
