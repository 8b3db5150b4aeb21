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
 * Runs `fn` with everything written to stdout and stderr discarded: the Powertools logger writes
 * JSON lines per request, which is real work we keep in the measurement, but the bench's own
 * output (the table, or the one JSON object with `--json`) must stay readable.
 */
export async function withOutputDiscarded<T>(fn: () => Promise<T>): Promise<T> {
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write);
  const discard = ((_chunk: unknown, encodingOrCallback?: unknown, callback?: unknown) => {
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
