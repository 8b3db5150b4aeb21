import { type CallOutcome, PlatformError } from './client.js';

/**
 * Error codes of Node's fetch (undici) raised before a byte of the request left this machine:
 * the platform cannot have acted on it. Every other failure after the connection was open (a
 * timeout, ECONNRESET, undici's "other side closed") may come after the platform acted.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

interface ErrorCause {
  code?: unknown;
  errors?: unknown;
}

/** The codes of a fetch failure's cause; happy-eyeballs connects give an AggregateError of several. */
function causeCodes(error: unknown): string[] {
  const cause = (error as { cause?: ErrorCause } | undefined)?.cause;
  if (!cause) return [];
  const nested = Array.isArray(cause.errors) ? (cause.errors as ErrorCause[]) : [];
  return [cause, ...nested].map((c) => c.code).filter((code): code is string => typeof code === 'string');
}

/** True when the request certainly never reached the platform. */
function failedBeforeSending(error: unknown): boolean {
  const codes = causeCodes(error);
  return codes.length > 0 && codes.every((code) => NOT_SENT_CODES.has(code));
}

/**
 * A fetch that threw, as a PlatformError: `server_error`, done or maybe done as the failure
 * tells. The message names the kind of failure only, never the request (its headers carry tokens).
 */
export function transportFailure(error: unknown, call: string, timeoutMs: number): PlatformError {
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  const outcome: CallOutcome = !timedOut && failedBeforeSending(error) ? 'not_done' : 'maybe_done';
  const [code] = causeCodes(error);
  const why = timedOut
    ? `no answer within ${timeoutMs} ms`
    : `${error instanceof Error ? error.name : 'error'}${code ? ` (${code})` : ''}`;
  return new PlatformError('server_error', `${call} failed: ${why}`, { outcome });
}

/** Outcome of a call that got an HTTP answer: a create that failed on the platform's side may have happened. */
export function answeredOutcome(method: string, status: number, transient = false): CallOutcome {
  return method === 'POST' && (status >= 500 || transient) ? 'maybe_done' : 'not_done';
}

/** The delay a `Retry-After` header asks for (seconds or an HTTP date), in ms. */
export function retryAfterHeaderMs(headers: Headers, now: number): number | undefined {
  const header = headers.get('retry-after')?.trim();
  if (!header) return undefined;
  if (/^\d+$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
