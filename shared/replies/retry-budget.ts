import type { Platform } from '../events.js';
import type { PlatformError } from '../platforms/client.js';
import { META_STANDARD_WINDOW_MS } from '../platforms/meta/windows.js';
import type { RetryVerdict } from './deliver.js';

/**
 * When a reply that failed certainly undone is tried again, and until when. The delay grows
 * exponentially with jitter and is never shorter than the platform's hint; the budget depends on
 * what the reply is worth later: an acknowledgement is worthless after an hour, an answer to a
 * DM still helps while the customer's 24 h window lasts.
 */
export interface RetryPolicy {
  /** delay before the first retry */
  baseMs: number;
  /** the exponential growth stops here (a platform hint may ask for longer) */
  capMs: number;
  /** in [0, 1): the jitter */
  random(): number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 30_000, capMs: 30 * 60_000, random: Math.random };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** An acknowledgement later than this looks like nobody was listening: a person answers instead. */
const ACKNOWLEDGEMENT_BUDGET_MS = HOUR_MS;
/** Meta's standard messaging window; X has none, but an answer a day late is no answer either. */
export const DM_WINDOW_MS = META_STANDARD_WINDOW_MS;
/** SQS refuses a visibility timeout above 12 hours. */
export const MAX_QUEUE_DELAY_MS = 12 * HOUR_MS;
/** Delays keep at least three quarters of the exponential step: jitter spreads, it does not hurry. */
const JITTER_SHARE = 0.25;

export type ReplyRole = 'acknowledgement' | 'dm_answer';

/** Until when a reply may still be sent: epoch ms. */
export function retryDeadline(
  role: ReplyRole,
  firstFailedAt: number,
  lastCustomerMessageAt?: number,
): number {
  if (role === 'dm_answer') return (lastCustomerMessageAt ?? firstFailedAt) + DM_WINDOW_MS;
  return firstFailedAt + ACKNOWLEDGEMENT_BUDGET_MS;
}

/** The delay before retry number `failures` (1 for the first), at least the platform's hint. */
export function backoffDelayMs(failures: number, hintMs: number | undefined, policy: RetryPolicy): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = step * (1 - JITTER_SHARE * policy.random());
  return Math.min(MAX_QUEUE_DELAY_MS, Math.max(jittered, hintMs ?? 0));
}

/**
 * The most retries any reply can take within its budget (the shortest delays all the way): the
 * inbound queue's receive count must allow them before it parks a message.
 */
export function mostRetriesWithin(budgetMs: number, policy: Omit<RetryPolicy, 'random'>): number {
  let elapsed = 0;
  let retries = 0;
  while (elapsed < budgetMs) {
    retries++;
    elapsed += backoffDelayMs(retries, undefined, { ...policy, random: () => 1 });
  }
  return retries;
}

/**
 * The inbound queue's redrive receive count: every retry any reply can take within the longest
 * budget, twice (the local SQS emulator counts a visibility change as a receive), plus room for
 * redeliveries of our own (a throttled or crashed invocation). Only what fails beyond that, our
 * bugs, reaches the dead-letter queue.
 */
export const INBOUND_MAX_RECEIVE_COUNT = 2 * mostRetriesWithin(DM_WINDOW_MS, DEFAULT_RETRY_POLICY) + 10;

export interface RetryState {
  platform: Platform;
  role: ReplyRole;
  /** failures so far, this one included */
  failures: number;
  /** ISO time of the first failure, when an earlier attempt failed */
  firstFailedAt?: string;
  lastCustomerMessageAt?: number;
  now: Date;
  /** the brand's time zone: the reason names the time as its people read it */
  timeZone: string;
  policy: RetryPolicy;
}

/** Retry after the backoff, or give up when the retry would come after the budget ends. */
export function retryVerdict(error: PlatformError, state: RetryState): RetryVerdict {
  const now = state.now.getTime();
  const firstFailedAt = state.firstFailedAt ?? state.now.toISOString();
  const deadline = retryDeadline(state.role, Date.parse(firstFailedAt), state.lastCustomerMessageAt);
  const retryInMs = backoffDelayMs(state.failures, error.details.retryAfterMs, state.policy);
  if (now + retryInMs <= deadline) return { retry: true, retryInMs, firstFailedAt };
  return { retry: false, reason: givingUpReason(error, state, firstFailedAt) };
}

/** e.g. "not acknowledged: facebook unavailable since 10:42 (Europe/Berlin)" */
function givingUpReason(error: PlatformError, state: RetryState, firstFailedAt: string): string {
  const since = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: state.timeZone,
  }).format(new Date(firstFailedAt));
  const what = state.role === 'dm_answer' ? 'not answered' : 'not acknowledged';
  const why = error.errorClass === 'rate_limited' ? 'rate-limiting us' : 'unavailable';
  return `${what}: ${state.platform} ${why} since ${since} (${state.timeZone})`;
}
