import type { ReplyTarget } from '../../events.js';
import { withoutTrailingSlashes } from '../../url.js';
import { type PlatformClient, PlatformError, type PlatformErrorClass, type SentReply } from '../client.js';
import { answeredOutcome, retryAfterHeaderMs, transportFailure } from '../transport.js';
import { xIdSegment } from './ids.js';
import { type OAuth1Credentials, oauth1AuthorizationHeader, oauthNonce } from './oauth1.js';
import { xReplyLookup } from './x-lookup.js';

/**
 * How we act as an X account: OAuth 1.0a (the app's consumer key/secret and the account's access
 * token/secret; these do not expire) or an OAuth 2.0 user access token (PKCE; scopes
 * tweet.write, dm.write, tweet.read, dm.read, users.read: the reads look for a reply that may
 * have been posted). App-only bearer tokens cannot post or send DMs.
 */
export type XCredentials = ({ kind: 'oauth1' } & OAuth1Credentials) | { kind: 'oauth2'; userToken: string };

/** The X part of the configuration (shared/config.ts `config().x`). */
export interface XCredentialSettings {
  consumerKey?: string;
  consumerSecret?: string;
  accessToken?: string;
  accessTokenSecret?: string;
  oauth2UserToken?: string;
}

/**
 * Credentials from the configuration: OAuth 1.0a when all four values are set (they do not
 * expire), else the OAuth 2.0 user token, else none (replies become dry runs).
 */
export function xCredentialsFromSettings(settings: XCredentialSettings): XCredentials | undefined {
  const { consumerKey, consumerSecret, accessToken, accessTokenSecret, oauth2UserToken } = settings;
  if (consumerKey && consumerSecret && accessToken && accessTokenSecret) {
    return { kind: 'oauth1', consumerKey, consumerSecret, accessToken, accessTokenSecret };
  }
  return oauth2UserToken ? { kind: 'oauth2', userToken: oauth2UserToken } : undefined;
}

export interface XClientOptions {
  /** e.g. https://api.x.com (X_API_URL); tests point it at a local recording server */
  apiUrl: string;
  /** the credentials to act as this X account, or undefined when none are configured */
  credentials(accountId: string): XCredentials | undefined;
  fetch?: typeof fetch;
  /** per request; default 10 s */
  timeoutMs?: number;
  /** epoch ms; for OAuth timestamps and rate-limit windows */
  now?: () => number;
}

interface RateWindow {
  remaining: number;
  resetAtMs: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The X API v2 client for replies. It never retries by itself: a POST that failed may still have
 * posted, so the responder decides from the error class. Once X says a rate window is used up
 * (`x-rate-limit-remaining: 0`), calls in that window fail as `rate_limited` without reaching X.
 */
export function createXClient(options: XClientOptions): PlatformClient {
  const connection: XConnection = {
    apiUrl: withoutTrailingSlashes(options.apiUrl),
    fetch: options.fetch ?? globalThis.fetch,
    now: options.now ?? Date.now,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    credentials: options.credentials,
    windows: new Map<string, RateWindow>(),
  };
  const call = (accountId: string, request: XRequest) => xCall(connection, accountId, request);
  const post = (accountId: string, endpoint: string, path: string, body: unknown, operation: Operation) =>
    call(accountId, { method: 'POST', endpoint, path, body, operation });

  return {
    canSend: (accountId) => options.credentials(accountId) !== undefined,
    findReply: xReplyLookup((accountId, endpoint, path) =>
      call(accountId, { method: 'GET', endpoint, path, operation: 'lookup' }),
    ),

    async replyPublicly(accountId: string, target: ReplyTarget, text: string): Promise<SentReply> {
      if (!target.tweetId)
        throw new PlatformError('invalid_request', 'a public reply on X needs replyTarget.tweetId');
      const json = await post(
        accountId,
        'POST /2/tweets',
        '/2/tweets',
        { text, reply: { in_reply_to_tweet_id: target.tweetId } },
        'reply',
      );
      return { id: requireString(json, ['data', 'id'], 'POST /2/tweets') };
    },

    // Hide replies: only in a conversation our account started (scope tweet.moderate.write).
    async hideComment(accountId: string, messageId: string): Promise<void> {
      const endpoint = 'PUT /2/tweets/:id/hidden';
      const json = await call(accountId, {
        method: 'PUT',
        endpoint,
        path: `/2/tweets/${xIdSegment(messageId)}/hidden`,
        body: { hidden: true },
        operation: 'hide',
      });
      const data = isRecord(json) ? json.data : undefined;
      if (!isRecord(data) || data.hidden !== true) {
        throw new PlatformError('invalid_request', `X API ${endpoint} did not confirm the reply hidden`);
      }
    },

    async sendPrivateMessage(accountId: string, target: ReplyTarget, text: string): Promise<SentReply> {
      const recipientId = target.recipientId;
      if (!recipientId) throw new PlatformError('invalid_request', 'a DM on X needs replyTarget.recipientId');
      const endpoint = 'POST /2/dm_conversations/with/:participant_id/messages';
      const json = await post(
        accountId,
        endpoint,
        `/2/dm_conversations/with/${xIdSegment(recipientId)}/messages`,
        { text },
        'dm',
      );
      return { id: requireString(json, ['data', 'dm_event_id'], endpoint), recipientId };
    },
  };
}

interface XConnection {
  apiUrl: string;
  fetch: typeof fetch;
  now: () => number;
  timeoutMs: number;
  credentials(accountId: string): XCredentials | undefined;
  /** per account and endpoint: X's user rate limits are counted that way */
  windows: Map<string, RateWindow>;
}

/** One X API call; refused without reaching X while the endpoint's rate window is used up. */
async function xCall(connection: XConnection, accountId: string, request: XRequest): Promise<unknown> {
  const { method, endpoint, path, body } = request;
  const { now, timeoutMs } = connection;
  const credentials = connection.credentials(accountId);
  if (!credentials) {
    throw new PlatformError('permission_denied', `no X credentials configured for account ${accountId}`);
  }
  const windowKey = `${accountId} ${endpoint}`;
  const window = connection.windows.get(windowKey);
  if (window && window.remaining <= 0 && now() < window.resetAtMs) {
    throw new PlatformError('rate_limited', `X rate limit for ${endpoint} used up until the window resets`, {
      status: 429,
      retryAfterMs: window.resetAtMs - now(),
    });
  }

  const url = `${connection.apiUrl}${path}`;
  const authorization =
    credentials.kind === 'oauth1'
      ? oauth1AuthorizationHeader(
          { method, url, nonce: oauthNonce(), timestamp: Math.floor(now() / 1000) },
          credentials,
        )
      : `Bearer ${credentials.userToken}`;

  let response: Response;
  let text: string;
  try {
    response = await connection.fetch(url, {
      method,
      headers: { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    // Only the error's kind: the request (and its Authorization header) stays out of messages.
    throw transportFailure(error, `X API ${endpoint}`, timeoutMs);
  }

  const rate = readRateWindow(response.headers);
  if (rate) connection.windows.set(windowKey, rate);

  const json = parseJson(text);
  if (response.ok) return json;
  const resetInMs = rate ? rate.resetAtMs - now() : retryAfterHeaderMs(response.headers, now());
  throw classifyXError(response.status, json, request.operation, endpoint, resetInMs, method);
}

type Operation = 'reply' | 'dm' | 'lookup' | 'hide';

interface XRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** the endpoint as X's rate limits name it */
  endpoint: string;
  path: string;
  body?: unknown;
  operation: Operation;
}

function readRateWindow(headers: Headers): RateWindow | undefined {
  const remaining = integerHeader(headers, 'x-rate-limit-remaining');
  const reset = integerHeader(headers, 'x-rate-limit-reset');
  if (remaining === undefined || reset === undefined) return undefined;
  // x-rate-limit-reset is in epoch seconds
  return { remaining, resetAtMs: reset * 1000 };
}

function integerHeader(headers: Headers, name: string): number | undefined {
  const value = headers.get(name)?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function requireString(json: unknown, path: readonly string[], endpoint: string): string {
  let value: unknown = json;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  if (typeof value === 'string' && value !== '') return value;
  // X answered 2xx without the id: it may have posted, so the caller looks before anything else.
  throw new PlatformError('invalid_request', `X API ${endpoint} answered without ${path.join('.')}`, {
    outcome: 'maybe_done',
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What X says went wrong, from v2 problem JSON (title/detail/type) and v1.1-style errors[]. */
function problemOf(json: unknown): { codes: number[]; text: string } {
  if (!isRecord(json)) return { codes: [], text: '' };
  const parts: string[] = [];
  const codes: number[] = [];
  for (const key of ['title', 'detail', 'type', 'reason']) {
    if (typeof json[key] === 'string') parts.push(json[key]);
  }
  for (const item of Array.isArray(json.errors) ? json.errors : []) {
    if (!isRecord(item)) continue;
    if (typeof item.code === 'number') codes.push(item.code);
    for (const key of ['message', 'title', 'detail']) {
      if (typeof item[key] === 'string') parts.push(item[key]);
    }
  }
  return { codes, text: parts.join(' | ') };
}

/** v1.1 code 187: "Status is a duplicate." */
const DUPLICATE_CODES = new Set([187]);
/** 150: not following you; 349: cannot send messages to this user; 476: recipient only accepts verified senders */
const RECIPIENT_CODES = new Set([150, 349, 476]);
const REPLY_NOT_PERMITTED =
  /not been mentioned or otherwise engaged|reply to this conversation is not allowed/i;
const RECIPIENT_UNAVAILABLE =
  /cannot send (direct )?messages|can't send (direct )?messages|not permitted to send|message requests|dm settings|blocked/i;

/** Maps an X API error answer to the class the responder acts on. */
export function classifyXError(
  status: number,
  json: unknown,
  operation: Operation,
  endpoint: string,
  resetInMs?: number,
  method: 'GET' | 'POST' | 'PUT' = 'POST',
): PlatformError {
  const problem = problemOf(json);
  const hasCode = (codes: Set<number>) => problem.codes.some((code) => codes.has(code));
  let errorClass: PlatformErrorClass;
  if (status === 429 || problem.codes.includes(88)) errorClass = 'rate_limited';
  else if (status === 401) errorClass = 'token_invalid';
  else if (status === 403 && (hasCode(DUPLICATE_CODES) || /duplicate/i.test(problem.text))) {
    errorClass = 'duplicate_content';
  } else if (status === 403 && operation === 'reply' && REPLY_NOT_PERMITTED.test(problem.text)) {
    errorClass = 'reply_not_permitted';
  } else if (
    status === 403 &&
    operation === 'dm' &&
    (hasCode(RECIPIENT_CODES) || RECIPIENT_UNAVAILABLE.test(problem.text))
  ) {
    errorClass = 'recipient_unavailable';
  } else if (status === 403) errorClass = 'permission_denied';
  else if (status === 404) errorClass = 'not_found';
  else if (status >= 500) errorClass = 'server_error';
  else errorClass = 'invalid_request';

  const retryAfterMs =
    errorClass === 'rate_limited' || errorClass === 'server_error'
      ? resetInMs === undefined
        ? undefined
        : Math.max(0, resetInMs)
      : undefined;
  return new PlatformError(
    errorClass,
    `X API ${endpoint}: ${status}${problem.text ? ` ${problem.text}` : ''}`,
    {
      status,
      ...(problem.codes[0] !== undefined ? { code: problem.codes[0] } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      outcome: errorClass === 'rate_limited' ? 'not_done' : answeredOutcome(method, status),
    },
  );
}
