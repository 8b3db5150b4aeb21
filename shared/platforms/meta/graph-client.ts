import type { ReplyTarget } from '../../events.js';
import { withoutTrailingSlashes } from '../../url.js';
import {
  type PlatformClient,
  PlatformError,
  type PlatformErrorClass,
  type PrivateMessageOptions,
  type SentReply,
} from '../client.js';
import { answeredOutcome, retryAfterHeaderMs, transportFailure } from '../transport.js';
import { graphReplyLookup } from './graph-lookup.js';
import { graphIdSegment } from './ids.js';
import { META_HUMAN_AGENT_WINDOW_MS, META_STANDARD_WINDOW_MS } from './windows.js';

export interface MetaClientOptions {
  /** e.g. https://graph.facebook.com (a recording server in tests) */
  graphUrl: string;
  /** pinned Graph API version, e.g. v26.0 */
  version: string;
  /** the Page (or Instagram) access token for an account, or undefined when none is configured */
  pageToken(accountId: string): string | undefined;
  fetch?: typeof fetch;
  /** per call; default 10 s */
  timeoutMs?: number;
}

const HOUR_MS = 3_600_000;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Graph API client for Facebook Pages / Messenger and Instagram. The token travels in the
 * Authorization header only (never in a URL or a message). It never retries: a retried POST can
 * post twice, so the caller decides from `PlatformError.retryable` and `outcome`.
 */
export function createMetaClient(
  platform: 'facebook' | 'instagram',
  options: MetaClientOptions,
): PlatformClient {
  const graph: GraphConnection = {
    platform,
    base: `${withoutTrailingSlashes(options.graphUrl)}/${options.version}`,
    fetch: options.fetch ?? fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    pageToken: options.pageToken,
  };
  const post = (accountId: string, path: string, body: unknown) =>
    graphCall(graph, accountId, 'POST', path, body);
  return {
    canSend: (accountId) => Boolean(options.pageToken(accountId)),
    findReply: graphReplyLookup(platform, (accountId, path) => graphCall(graph, accountId, 'GET', path)),

    async replyPublicly(accountId: string, target: ReplyTarget, text: string): Promise<SentReply> {
      const path = publicReplyPath(platform, target);
      const answer = await post(accountId, path, { message: text });
      return { id: requireId(answer.id, path) };
    },

    // Facebook: `is_hidden` on the comment (pages_manage_engagement); Instagram: `hide`
    // (instagram_manage_comments). Both answer {"success": true}.
    async hideComment(accountId: string, messageId: string): Promise<void> {
      const path = `/${graphIdSegment(messageId)}`;
      const answer = await post(
        accountId,
        path,
        platform === 'instagram' ? { hide: true } : { is_hidden: true },
      );
      if (answer.success !== true) {
        throw new PlatformError(
          'invalid_request',
          `Graph API POST ${path} did not confirm the comment hidden`,
        );
      }
    },

    async sendPrivateMessage(
      accountId: string,
      target: ReplyTarget,
      text: string,
      messageOptions: PrivateMessageOptions = {},
    ): Promise<SentReply> {
      const path = `/${graphIdSegment(accountId)}/messages`;
      const answer = await post(accountId, path, privateMessageBody(platform, target, text, messageOptions));
      const recipientId = typeof answer.recipient_id === 'string' ? answer.recipient_id : undefined;
      return { id: requireId(answer.message_id, path), ...(recipientId ? { recipientId } : {}) };
    },
  };
}

interface GraphConnection {
  platform: 'facebook' | 'instagram';
  /** the Graph URL with its pinned version */
  base: string;
  fetch: typeof fetch;
  timeoutMs: number;
  pageToken(accountId: string): string | undefined;
}

/** One Graph call; the token goes in the Authorization header only. */
async function graphCall(
  graph: GraphConnection,
  accountId: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const token = graph.pageToken(accountId);
  if (!token) {
    throw new PlatformError(
      'token_invalid',
      `no ${graph.platform} access token is configured for account ${accountId}`,
    );
  }
  const label = `Graph API ${method} ${path.split('?')[0]}`;
  let response: Response;
  let text: string;
  try {
    response = await graph.fetch(`${graph.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(graph.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw transportFailure(error, label, graph.timeoutMs);
  }
  const json = parseJson(text);
  if (!response.ok) throw graphError(response, json, label, token, method);
  if (!json) {
    // A create may have happened: the caller looks for it before anything else.
    throw new PlatformError('invalid_request', `${label} answered ${response.status} without JSON`, {
      status: response.status,
      outcome: method === 'POST' ? 'maybe_done' : 'not_done',
    });
  }
  return json;
}

function requireId(value: unknown, path: string): string {
  if (typeof value === 'string' && value) return value;
  throw new PlatformError(
    'invalid_request',
    `Graph API POST ${path} answered without the id of what it created`,
    {
      outcome: 'maybe_done',
    },
  );
}

/** Instagram answers a comment under `/replies`; Facebook a comment or a post under `/comments`. */
function publicReplyPath(platform: 'facebook' | 'instagram', target: ReplyTarget): string {
  if (platform === 'instagram') {
    if (!target.commentId)
      throw new PlatformError('invalid_request', 'an Instagram public reply needs a comment id');
    return `/${graphIdSegment(target.commentId)}/replies`;
  }
  const objectId = target.commentId ?? target.postId;
  if (!objectId)
    throw new PlatformError('invalid_request', 'a Facebook public reply needs a comment or post id');
  return `/${graphIdSegment(objectId)}/comments`;
}

/** A message to a person in their thread, or a private reply that opens one from a comment or post. */
function privateMessageBody(
  platform: 'facebook' | 'instagram',
  target: ReplyTarget,
  text: string,
  messageOptions: PrivateMessageOptions,
): Record<string, unknown> {
  if (target.recipientId) {
    return {
      recipient: { id: target.recipientId },
      ...messagingType(platform, messageOptions),
      message: { text },
    };
  }
  if (target.privateReplyTo?.commentId) {
    return { recipient: { comment_id: target.privateReplyTo.commentId }, message: { text } };
  }
  if (target.privateReplyTo?.postId && platform === 'facebook') {
    return { recipient: { post_id: target.privateReplyTo.postId }, message: { text } };
  }
  throw new PlatformError(
    'invalid_request',
    `a ${platform} private message needs a recipient id or a comment${platform === 'facebook' ? ' or post' : ''} to reply to`,
  );
}

/**
 * Picks the messaging type from the customer's last message: inside 24 h a normal response;
 * after that only a person may answer, with the HUMAN_AGENT tag, up to 7 days. Stamping the tag
 * on bot messages breaks Meta's policy, so the bot gets `window_closed` without an API call.
 */
function messagingType(
  platform: 'facebook' | 'instagram',
  options: PrivateMessageOptions,
): { messaging_type: 'RESPONSE' } | { messaging_type: 'MESSAGE_TAG'; tag: 'HUMAN_AGENT' } {
  if (options.lastCustomerMessageAt === undefined) return { messaging_type: 'RESPONSE' };
  const elapsed = (options.now ?? Date.now()) - options.lastCustomerMessageAt;
  if (elapsed <= META_STANDARD_WINDOW_MS) return { messaging_type: 'RESPONSE' };
  const hours = Math.floor(elapsed / HOUR_MS);
  if (!options.humanAgent) {
    throw new PlatformError(
      'window_closed',
      `the customer last wrote ${hours} h ago: ${platform} allows automatic messages only within 24 h of it. ` +
        'Reply publicly, or let a person answer (HUMAN_AGENT, up to 7 days), or wait for the customer to write again.',
    );
  }
  if (elapsed > META_HUMAN_AGENT_WINDOW_MS) {
    throw new PlatformError(
      'window_closed',
      `the customer last wrote ${hours} h ago: even a person may answer only within 7 days (HUMAN_AGENT tag). ` +
        'Reply publicly or wait for the customer to write again.',
    );
  }
  return { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
}

interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_data?: unknown;
  is_transient?: boolean;
  fbtrace_id?: string;
}

const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([4, 17, 32, 613, 80001, 80002, 80006]);
const TOKEN_CODES: ReadonlySet<number> = new Set([190, 102, 463, 467]);

/** Maps a Graph error (its HTTP status, code and subcode) to the class the responder acts on. */
export function classifyGraphError(error: {
  status: number;
  code?: number;
  subcode?: number;
  message?: string;
  /** older Send API errors name the reason only here, e.g. "No matching user found." */
  errorData?: string;
}): PlatformErrorClass {
  const { status, code, subcode, message = '', errorData = '' } = error;
  if (code === 10 && (subcode === 2018278 || subcode === 2534022)) return 'window_closed';
  // 613/2018338 is a warning about HUMAN_AGENT tag abuse, not a rate limit: retrying makes it worse.
  if (code === 613 && subcode === 2018338) return 'invalid_request';
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) return 'rate_limited';
  if (code !== undefined && TOKEN_CODES.has(code)) return 'token_invalid';
  if (
    code === 551 ||
    (code === 10 && subcode === 2018108) ||
    (code === 200 && subcode === 1545041) ||
    (code === 100 && (subcode === 2018001 || /no matching user/i.test(errorData)))
  ) {
    return 'recipient_unavailable';
  }
  if (code === 100 && subcode === 2534025) return 'private_reply_not_allowed';
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return 'permission_denied';
  if (code === 100 && (subcode === 33 || /does not exist/i.test(message))) return 'not_found';
  if (status >= 500 || code === 1 || code === 2) return 'server_error';
  return 'invalid_request';
}

function graphError(
  response: Response,
  json: Record<string, unknown> | undefined,
  label: string,
  token: string,
  method: 'GET' | 'POST',
) {
  const error = (json?.error ?? {}) as GraphErrorBody;
  const code = typeof error.code === 'number' ? error.code : undefined;
  const subcode = typeof error.error_subcode === 'number' ? error.error_subcode : undefined;
  const metaMessage = typeof error.message === 'string' ? error.message.split(token).join('[token]') : '';
  let errorClass = classifyGraphError({
    status: response.status,
    code,
    subcode,
    message: metaMessage,
    errorData: typeof error.error_data === 'string' ? error.error_data : undefined,
  });
  const transient = error.is_transient === true;
  if (errorClass === 'invalid_request' && transient) errorClass = 'server_error';
  // A rate limit is a refusal before any work; a transient failure or a 5xx on a create is not.
  const outcome =
    errorClass === 'rate_limited' ? 'not_done' : answeredOutcome(method, response.status, transient);
  const codeText = code === undefined ? '' : ` code ${code}${subcode === undefined ? '' : `/${subcode}`}`;
  const trace = typeof error.fbtrace_id === 'string' ? ` (fbtrace_id ${error.fbtrace_id})` : '';
  const retryAfterMs =
    errorClass === 'rate_limited' || errorClass === 'server_error' ? retryAfter(response.headers) : undefined;
  return new PlatformError(
    errorClass,
    `${label} answered ${response.status}${codeText}: ${metaMessage || response.statusText || 'no message'}${trace}`,
    {
      status: response.status,
      ...(code === undefined ? {} : { code }),
      ...(subcode === undefined ? {} : { subcode }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      outcome,
    },
  );
}

/**
 * `Retry-After` when present; otherwise Meta's Business Use Case header, whose
 * `estimated_time_to_regain_access` is in minutes.
 */
function retryAfter(headers: Headers): number | undefined {
  const fromHeader = retryAfterHeaderMs(headers, Date.now());
  if (fromHeader !== undefined) return fromHeader;
  const usage = parseJson(headers.get('x-business-use-case-usage') ?? '');
  if (!usage) return undefined;
  let minutes = 0;
  for (const entries of Object.values(usage)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const value = (entry as { estimated_time_to_regain_access?: unknown }).estimated_time_to_regain_access;
      if (typeof value === 'number' && value > minutes) minutes = value;
    }
  }
  return minutes > 0 ? minutes * 60_000 : undefined;
}

function parseJson(text: string): Record<string, unknown> | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
