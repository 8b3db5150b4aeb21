import type { LifecycleRefusal } from '../conversations/lifecycle.js';
import type { Platform } from '../events.js';
import type { PlatformError } from '../platforms/client.js';
import { explainRefusal } from './refusals.js';

/**
 * Why an agent's request was not done, in the domain's words; the agent API turns each into a
 * status code (shared/agent-api/status.ts).
 * - `not_found`: no such conversation; `forbidden`: another agent holds the case
 * - `conflict`: the case's (or an earlier reply's) state does not allow the step now
 * - `invalid_request`: the request itself is malformed
 * - `refused`: a rule refuses it (a closed window, a lower level, a reused key, the platform said no)
 * - `rate_limited`: the platform asks us to wait; `platform_unavailable`: it failed to answer
 * - `queue_unavailable`: the hand-off queue did not take the case
 */
export type FailureReason =
  | LifecycleRefusal
  | 'invalid_request'
  | 'refused'
  | 'rate_limited'
  | 'platform_unavailable'
  | 'queue_unavailable';

export interface Failure {
  ok: false;
  reason: FailureReason;
  /** the code clients read, e.g. `window_closed`, `reply_in_doubt` */
  error: string;
  message: string;
  advice?: string;
  details?: Record<string, unknown>;
}
export type Result<T> = { ok: true; value: T } | Failure;

export function notFound(): Failure {
  return { ok: false, reason: 'not_found', error: 'not_found', message: 'no such conversation' };
}

export function invalid(message: string): Failure {
  return { ok: false, reason: 'invalid_request', error: 'invalid_request', message };
}

/** A lifecycle check or escalation plan that refused the step; `allowed` after two lost races. */
export function failure(
  check:
    | { allowed: true }
    | { allowed: false; reason: LifecycleRefusal | 'refused'; error?: string; message: string },
  action?: string,
): Failure {
  if (check.allowed) {
    // The state kept changing under two attempts: say so instead of guessing.
    return {
      ok: false,
      reason: 'conflict',
      error: 'conflict',
      message: `the case changed while you tried to ${action}; reload it`,
    };
  }
  return { ok: false, reason: check.reason, error: check.error ?? check.reason, message: check.message };
}

/** The platform may have posted the reply and cannot show whether it did: the agent must look. */
export function inDoubt(reason: string): Failure {
  return {
    ok: false,
    reason: 'conflict',
    error: 'reply_in_doubt',
    message: `the platform may have posted this reply and could not tell: ${reason}`,
    advice: 'check the thread on the platform; to send anyway, use a new idempotency key',
  };
}

export function refused(platform: Platform, error: PlatformError): Failure {
  const refusal = explainRefusal(platform, error);
  const reason =
    refusal.errorClass === 'rate_limited'
      ? 'rate_limited'
      : refusal.errorClass === 'server_error'
        ? 'platform_unavailable'
        : 'refused';
  return {
    ok: false,
    reason,
    error: refusal.errorClass,
    message: refusal.message,
    advice: refusal.advice,
    details: {
      retryable: refusal.retryable,
      ...(refusal.retryAfterMs === undefined ? {} : { retryAfterMs: refusal.retryAfterMs }),
    },
  };
}
