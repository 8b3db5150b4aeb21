import type { ReplyTarget } from '../events.js';

/**
 * What a platform's API can answer when a reply fails. The responder decides from the class
 * alone whether to retry later (`retryable`), to stop, or to give the case to a person.
 */
export type PlatformErrorClass =
  /** too many calls: retry after a pause */
  | 'rate_limited'
  /** the platform's messaging window is closed (24 h / 7 d rules) */
  | 'window_closed'
  /** the access token is expired, revoked or invalid: the account must be re-authorised */
  | 'token_invalid'
  /** the person cannot receive messages from us (blocked, unavailable, DM settings) */
  | 'recipient_unavailable'
  /** a private reply is not allowed for this comment (already sent, too old, own comment) */
  | 'private_reply_not_allowed'
  /** X refuses identical text twice in a row */
  | 'duplicate_content'
  /** X self-serve plans only allow replies to posts that mentioned or quoted the account */
  | 'reply_not_permitted'
  /** missing permission or role for this call: a configuration problem */
  | 'permission_denied'
  /** the comment, post or thread no longer exists */
  | 'not_found'
  /** the platform failed (5xx) or the network did: retry later */
  | 'server_error'
  /** the request itself is wrong: retrying cannot help */
  | 'invalid_request';

const RETRYABLE: ReadonlySet<PlatformErrorClass> = new Set(['rate_limited', 'server_error']);

/**
 * Whether a failed call may have changed something on the platform. `not_done`: the request
 * never reached it (refused connection, unknown host) or it refused the request (4xx, rate
 * limits). `maybe_done`: the request was written and no usable answer came back (timeout, reset
 * connection, 5xx or an answer without the new id on a call that creates): our reply may exist.
 */
export type CallOutcome = 'not_done' | 'maybe_done';

export class PlatformError extends Error {
  override name = 'PlatformError';
  /** sending again blindly is safe and may help: only for calls that certainly did nothing */
  readonly retryable: boolean;
  readonly outcome: CallOutcome;

  constructor(
    readonly errorClass: PlatformErrorClass,
    message: string,
    readonly details: {
      status?: number;
      code?: number | string;
      subcode?: number;
      retryAfterMs?: number;
      outcome?: CallOutcome;
    } = {},
  ) {
    super(message);
    this.outcome = details.outcome ?? 'not_done';
    this.retryable = this.outcome === 'not_done' && RETRYABLE.has(errorClass);
  }
}

/** What a look on the platform for a reply we may have sent found. */
export type ReplyLookup =
  | { outcome: 'found'; id: string }
  | { outcome: 'absent' }
  /** the platform could not show it, or the look itself failed: only a person can tell */
  | { outcome: 'unknown'; why: string };

export interface ReplyQuery {
  kind: 'public' | 'private';
  target: ReplyTarget;
  text: string;
  /** epoch ms the attempt started: our reply cannot be older */
  since: number;
}

/** What the platform created for a reply we sent. */
export interface SentReply {
  /** the platform's id of our comment / message / post */
  id: string;
  /** for a private reply from a comment: the DM recipient id the platform opened the thread with */
  recipientId?: string;
}

export interface PrivateMessageOptions {
  /** a person is answering (allows Meta's HUMAN_AGENT tag after the 24 h window, up to 7 days) */
  humanAgent?: boolean;
  /** last time the customer wrote in the DM thread, epoch ms: picks the right messaging type */
  lastCustomerMessageAt?: number;
  now?: number;
}

/**
 * The outbound half of a platform adapter. One instance per platform; `accountId` selects the
 * page / IG account / X account and its credentials.
 */
export interface PlatformClient {
  /** false when no credentials are configured for the account: replies are then dry runs */
  canSend(accountId: string): boolean;
  /** answer in public under the message the target points at */
  replyPublicly(accountId: string, target: ReplyTarget, text: string): Promise<SentReply>;
  /** a direct message: into an open DM thread (`recipientId`), or a private reply opening one from a comment */
  sendPrivateMessage(
    accountId: string,
    target: ReplyTarget,
    text: string,
    options?: PrivateMessageOptions,
  ): Promise<SentReply>;
  /**
   * Looks on the platform for a reply we may have sent (after a call that may have been done):
   * written by this account, with exactly this text, no older than the attempt.
   */
  findReply(accountId: string, query: ReplyQuery): Promise<ReplyLookup>;
  /**
   * Hides a customer's public comment (X: a reply in a conversation our account started) from
   * everyone but its author and their friends. Idempotent on the platform: hiding a hidden one is
   * no change.
   */
  hideComment(accountId: string, messageId: string): Promise<void>;
}
