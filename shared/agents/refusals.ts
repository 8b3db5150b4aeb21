import type { Platform } from '../events.js';
import type { PlatformError, PlatformErrorClass } from '../platforms/client.js';
import { formatDuration } from './windows.js';

/** A platform's refusal, told to the agent in plain words, with what they can do about it. */
export interface AgentRefusal {
  errorClass: PlatformErrorClass;
  message: string;
  advice: string;
  /** the same reply may be tried again later with the same idempotency key */
  retryable: boolean;
  retryAfterMs?: number;
}

const NAME: Record<Platform, string> = { facebook: 'Facebook', instagram: 'Instagram', x: 'X' };

const WORDS: Record<PlatformErrorClass, (platform: string, retryAfter: string) => [string, string]> = {
  rate_limited: (p, after) => [
    `${p} says this account has sent too much for now (rate limit).`,
    `Nothing was sent. Try again${after ? ` in ${after}` : ' in a few minutes'} with the same idempotency key.`,
  ],
  window_closed: (p) => [
    `${p} refused: the time window for messages to this customer is closed.`,
    'Reply publicly if the conversation started on a public post, or wait for the customer to write again.',
  ],
  token_invalid: (p) => [
    `${p} no longer accepts our access token for this account (expired, revoked or the password changed).`,
    'Nothing was sent. An administrator must re-authorise the account; then send again.',
  ],
  recipient_unavailable: (p) => [
    `The customer cannot receive messages from us on ${p} (their message settings, a block, or the account is unavailable).`,
    'Reply publicly instead, without personal data, and offer another way to reach the team.',
  ],
  private_reply_not_allowed: (p) => [
    `${p} does not allow a private reply to this comment (already sent, too old, or written by a page).`,
    'Reply publicly under the comment and ask the customer to send a private message.',
  ],
  duplicate_content: (p) => [
    `${p} refused the text because this account posted the same text recently.`,
    'Change the wording and send again.',
  ],
  reply_not_permitted: (p) => [
    `${p} accepts replies through the API only to posts that mention or quote our account, and this post does not.`,
    'Send the customer a DM instead, or answer in the X app.',
  ],
  permission_denied: (p) => [
    `${p} refused: our app lacks a permission or role for this account.`,
    'Nothing was sent. Ask an administrator to check the app permissions; answer in the platform inbox meanwhile.',
  ],
  not_found: (p) => [
    `${p} says the post, comment or thread no longer exists (it may have been deleted).`,
    'Nothing to reply to: close the case, or write to the customer in another thread.',
  ],
  server_error: (p) => [
    `${p} failed to answer (an outage or a network problem). It is not known that anything was sent.`,
    'Check the thread on the platform; if nothing arrived, send again with the same idempotency key.',
  ],
  invalid_request: (p) => [
    `${p} rejected the request as invalid.`,
    'Nothing was sent. Check the text (length, links) and report the case to the team running this system if it happens again.',
  ],
};

export function explainRefusal(platform: Platform, error: PlatformError): AgentRefusal {
  const retryAfterMs = error.details.retryAfterMs;
  const [message, advice] = WORDS[error.errorClass](
    NAME[platform],
    retryAfterMs === undefined ? '' : formatDuration(retryAfterMs),
  );
  return {
    errorClass: error.errorClass,
    message,
    advice,
    retryable: error.retryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}
