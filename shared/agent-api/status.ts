import type { FailureReason } from '../agents/failures.js';

/** The status code of each reason the agent service gives for not doing a request. */
export const STATUS_OF_REASON = {
  invalid_request: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  refused: 422,
  rate_limited: 429,
  platform_unavailable: 502,
  queue_unavailable: 503,
} as const satisfies Record<FailureReason, number>;
