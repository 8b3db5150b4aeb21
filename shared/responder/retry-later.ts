import type { PlatformError } from '../platforms/client.js';

/** A reply to be sent again after `delayMs`: the event's record waits that long in the queue. */
export class RetryLater extends Error {
  override name = 'RetryLater';

  constructor(
    readonly delayMs: number,
    readonly platformError: PlatformError,
  ) {
    super(`retry in ${Math.ceil(delayMs / 1000)} s: ${platformError.message}`);
  }
}

/**
 * Of the failures of one event's replies, the one to act on: any failure of ours (the queue's
 * own redelivery handles it), else the retry that is due first (retrying the other early only
 * meets a refusal that did nothing).
 */
export function soonestRetry(failures: readonly unknown[]): unknown {
  const retries = failures.filter((f): f is RetryLater => f instanceof RetryLater);
  if (retries.length < failures.length) return failures.find((f) => !(f instanceof RetryLater));
  return retries.reduce((soonest, retry) => (retry.delayMs < soonest.delayMs ? retry : soonest));
}
