import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixtureText } from '../../devkit/fixtures.js';
import { RecordingServer, type ScriptedResponse } from '../../devkit/recording-server.js';
import { PlatformError, type PlatformErrorClass } from '../../shared/platforms/client.js';
import { classifyGraphError, createMetaClient } from '../../shared/platforms/meta/graph-client.js';

const VERSION = 'v26.0';
const PAGE_ID = '1001';
const IG_ID = '17841400538867190';
const TOKENS: Record<string, string> = {
  [PAGE_ID]: 'EAAB-page-token-secret',
  [IG_ID]: 'IGAA-ig-token-secret',
};
const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 23, 12);

const server = new RecordingServer((call) => {
  if (call.path.endsWith('/comments') || call.path.endsWith('/replies'))
    return { status: 200, body: { id: 'new_comment_1' } };
  if (call.path.endsWith('/messages'))
    return { status: 200, body: { recipient_id: 'PSID-9', message_id: 'm_sent_1' } };
  return undefined;
});

function client(platform: 'facebook' | 'instagram') {
  return createMetaClient(platform, {
    graphUrl: server.url,
    version: VERSION,
    pageToken: (id) => TOKENS[id],
  });
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(PlatformError);
    return error as PlatformError;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => server.reset());

describe('public replies', () => {
  it('Facebook: a comment under the thread root comment, with the page token as bearer', async () => {
    const sent = await client('facebook').replyPublicly(
      PAGE_ID,
      { commentId: '139560936744456_139562213411528', privateReplyTo: { commentId: 'x' } },
      'Thanks, we are on it!',
    );
    expect(sent).toEqual({ id: 'new_comment_1' });
    expect(server.calls).toHaveLength(1);
    const [call] = server.calls;
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/v26.0/139560936744456_139562213411528/comments');
    expect(call?.json).toEqual({ message: 'Thanks, we are on it!' });
    expect(call?.headers.authorization).toBe('Bearer EAAB-page-token-secret');
    expect(call?.headers['content-type']).toBe('application/json');
    expect([...(call?.query.keys() ?? [])]).toEqual([]);
  });

  it("Facebook: a comment on a visitor's post", async () => {
    await client('facebook').replyPublicly(PAGE_ID, { postId: '1001_555' }, 'Hello');
    expect(server.calls[0]?.path).toBe('/v26.0/1001_555/comments');
    expect(server.calls[0]?.json).toEqual({ message: 'Hello' });
  });

  it('Instagram: a reply under the comment, with the Instagram token', async () => {
    const sent = await client('instagram').replyPublicly(
      IG_ID,
      { commentId: '17900000000000001' },
      'Hi @ann',
    );
    expect(sent).toEqual({ id: 'new_comment_1' });
    expect(server.calls[0]?.path).toBe('/v26.0/17900000000000001/replies');
    expect(server.calls[0]?.json).toEqual({ message: 'Hi @ann' });
    expect(server.calls[0]?.headers.authorization).toBe('Bearer IGAA-ig-token-secret');
  });

  it('refuses a target without a comment or post, without calling', async () => {
    const error = await failure(client('facebook').replyPublicly(PAGE_ID, { recipientId: 'PSID' }, 'x'));
    expect(error.errorClass).toBe('invalid_request');
    expect(server.calls).toEqual([]);
  });
});

describe('private messages', () => {
  it('a private reply from a comment opens the DM thread and returns its recipient', async () => {
    const sent = await client('facebook').sendPrivateMessage(
      PAGE_ID,
      { commentId: 'root', privateReplyTo: { commentId: '555_777' } },
      'Please send us your order number here.',
    );
    expect(sent).toEqual({ id: 'm_sent_1', recipientId: 'PSID-9' });
    expect(server.calls[0]?.path).toBe('/v26.0/1001/messages');
    expect(server.calls[0]?.json).toEqual({
      recipient: { comment_id: '555_777' },
      message: { text: 'Please send us your order number here.' },
    });
  });

  it('a private reply to a visitor post uses post_id', async () => {
    await client('facebook').sendPrivateMessage(
      PAGE_ID,
      { postId: '1001_5', privateReplyTo: { postId: '1001_5' } },
      'Hi',
    );
    expect(server.calls[0]?.json).toEqual({ recipient: { post_id: '1001_5' }, message: { text: 'Hi' } });
  });

  it('Instagram private reply goes to the IG account with comment_id', async () => {
    await client('instagram').sendPrivateMessage(IG_ID, { privateReplyTo: { commentId: '179' } }, 'Hi');
    expect(server.calls[0]?.path).toBe(`/v26.0/${IG_ID}/messages`);
    expect(server.calls[0]?.json).toEqual({ recipient: { comment_id: '179' }, message: { text: 'Hi' } });
  });

  it('Send API RESPONSE inside the 24 h window', async () => {
    const sent = await client('facebook').sendPrivateMessage(PAGE_ID, { recipientId: 'PSID-9' }, 'Got it', {
      lastCustomerMessageAt: NOW - 23 * HOUR,
      now: NOW,
    });
    expect(sent).toEqual({ id: 'm_sent_1', recipientId: 'PSID-9' });
    expect(server.calls[0]?.path).toBe('/v26.0/1001/messages');
    expect(server.calls[0]?.json).toEqual({
      recipient: { id: 'PSID-9' },
      messaging_type: 'RESPONSE',
      message: { text: 'Got it' },
    });
  });

  it('RESPONSE when the last customer message is unknown (the API judges the window)', async () => {
    await client('instagram').sendPrivateMessage(IG_ID, { recipientId: 'IGSID' }, 'Hi');
    expect(server.calls[0]?.json).toEqual({
      recipient: { id: 'IGSID' },
      messaging_type: 'RESPONSE',
      message: { text: 'Hi' },
    });
  });

  it('HUMAN_AGENT tag at 25 h when a person answers', async () => {
    await client('facebook').sendPrivateMessage(PAGE_ID, { recipientId: 'PSID-9' }, 'Agent here', {
      humanAgent: true,
      lastCustomerMessageAt: NOW - 25 * HOUR,
      now: NOW,
    });
    expect(server.calls[0]?.json).toEqual({
      recipient: { id: 'PSID-9' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Agent here' },
    });
  });

  it('window_closed at 25 h for the bot, without calling the API', async () => {
    const error = await failure(
      client('facebook').sendPrivateMessage(PAGE_ID, { recipientId: 'PSID-9' }, 'bot text', {
        lastCustomerMessageAt: NOW - 25 * HOUR,
        now: NOW,
      }),
    );
    expect(error.errorClass).toBe('window_closed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('25 h ago');
    expect(error.message).toContain('HUMAN_AGENT');
    expect(server.calls).toEqual([]);
  });

  it('window_closed at 8 days even for a person, without calling the API', async () => {
    const error = await failure(
      client('instagram').sendPrivateMessage(IG_ID, { recipientId: 'IGSID' }, 'late', {
        humanAgent: true,
        lastCustomerMessageAt: NOW - 8 * 24 * HOUR,
        now: NOW,
      }),
    );
    expect(error.errorClass).toBe('window_closed');
    expect(error.message).toContain('7 days');
    expect(server.calls).toEqual([]);
  });

  it('refuses a target with nothing to send to', async () => {
    const error = await failure(
      client('instagram').sendPrivateMessage(IG_ID, { privateReplyTo: { postId: 'p' } }, 'x'),
    );
    expect(error.errorClass).toBe('invalid_request');
    expect(server.calls).toEqual([]);
  });
});

describe('credentials', () => {
  it('canSend reflects the configured tokens; without one nothing is called', async () => {
    const facebook = client('facebook');
    expect(facebook.canSend(PAGE_ID)).toBe(true);
    expect(facebook.canSend('999')).toBe(false);
    const error = await failure(facebook.replyPublicly('999', { commentId: '102' }, 'x'));
    expect(error.errorClass).toBe('token_invalid');
    expect(server.calls).toEqual([]);
  });
});

describe('Graph errors', () => {
  const graphError = (status: number, error: Record<string, unknown>, headers?: Record<string, string>) =>
    ({
      status,
      body: { error: { type: 'OAuthException', fbtrace_id: 'AbC123', ...error } },
      headers,
    }) satisfies ScriptedResponse;

  const cases: Array<[string, ScriptedResponse, PlatformErrorClass, boolean]> = [
    [
      'HTTP 500',
      { status: 500, body: { error: { message: 'An unknown error occurred', code: 1 } } },
      'server_error',
      false,
    ],
    ['HTTP 503 without JSON', { status: 503, body: 'unavailable' }, 'server_error', false],
    [
      '429 with code 4',
      graphError(429, { message: 'Application request limit reached', code: 4 }),
      'rate_limited',
      true,
    ],
    [
      '613 Messenger rate limit',
      graphError(400, { message: 'Calls exceeded the rate limit', code: 613, error_subcode: 2534040 }),
      'rate_limited',
      true,
    ],
    [
      '190 invalid token',
      graphError(401, { message: 'Error validating access token', code: 190, error_subcode: 460 }),
      'token_invalid',
      false,
    ],
    [
      '100/2534025 private reply not allowed',
      graphError(400, {
        message: 'The comment is invalid for a private reply',
        code: 100,
        error_subcode: 2534025,
      }),
      'private_reply_not_allowed',
      false,
    ],
    [
      '10/2018278 outside the window',
      graphError(400, {
        message: 'This message is sent outside of allowed window.',
        code: 10,
        error_subcode: 2018278,
      }),
      'window_closed',
      false,
    ],
    [
      '10/2018108 cannot receive',
      graphError(400, {
        message: "They can't receive your messages right now",
        code: 10,
        error_subcode: 2018108,
      }),
      'recipient_unavailable',
      false,
    ],
    [
      '200 permission',
      graphError(403, { message: '(#200) Requires pages_messaging permission', code: 200 }),
      'permission_denied',
      false,
    ],
    [
      '100 object does not exist',
      graphError(400, {
        message: "Unsupported post request. Object with ID '1' does not exist",
        code: 100,
        error_subcode: 33,
      }),
      'not_found',
      false,
    ],
    [
      'handbook fixture: 100 "No matching user found."',
      { status: 400, body: JSON.parse(fixtureText('messenger_send_api_error_response')) },
      'recipient_unavailable',
      false,
    ],
    [
      '100 other invalid parameter',
      graphError(400, { message: 'Invalid parameter', code: 100 }),
      'invalid_request',
      false,
    ],
  ];

  it.each(cases)('%s', async (_name, response, expectedClass, retryable) => {
    server.queue(response);
    const error = await failure(
      client('facebook').sendPrivateMessage(PAGE_ID, { recipientId: 'PSID-9' }, 'x', {
        lastCustomerMessageAt: NOW,
        now: NOW,
      }),
    );
    expect(error.errorClass).toBe(expectedClass);
    expect(error.retryable).toBe(retryable);
    // A 5xx on a create may have created it; every other answer here is a refusal.
    expect(error.outcome).toBe(response.status >= 500 ? 'maybe_done' : 'not_done');
    expect(error.details.status).toBe(response.status);
    expect(server.calls).toHaveLength(1);
  });

  it('carries code, subcode, trace id and the retry delay from Retry-After', async () => {
    server.queue(
      graphError(429, { message: 'Application request limit reached', code: 4 }, { 'retry-after': '30' }),
    );
    const error = await failure(client('facebook').replyPublicly(PAGE_ID, { commentId: '101' }, 'x'));
    expect(error.details).toEqual({ status: 429, code: 4, retryAfterMs: 30_000, outcome: 'not_done' });
    expect(error.message).toBe(
      'Graph API POST /101/comments answered 429 code 4: Application request limit reached (fbtrace_id AbC123)',
    );
  });

  it("reads the retry delay from Meta's Business Use Case usage header", async () => {
    const usage = JSON.stringify({
      [PAGE_ID]: [{ type: 'messenger', call_count: 100, estimated_time_to_regain_access: 7 }],
    });
    server.queue(
      graphError(
        400,
        { message: 'User request limit reached', code: 80006 },
        { 'x-business-use-case-usage': usage },
      ),
    );
    const error = await failure(client('facebook').replyPublicly(PAGE_ID, { commentId: '101' }, 'x'));
    expect(error.errorClass).toBe('rate_limited');
    expect(error.details.retryAfterMs).toBe(7 * 60_000);
  });

  it('never puts the token into an error message', async () => {
    server.queue(graphError(400, { message: `Malformed access token ${TOKENS[PAGE_ID]}`, code: 190 }));
    const error = await failure(client('facebook').replyPublicly(PAGE_ID, { commentId: '101' }, 'x'));
    expect(error.errorClass).toBe('token_invalid');
    expect(error.message).not.toContain('EAAB-page-token-secret');
    expect(error.message).toContain('Malformed access token [token]');
  });

  it('a success without an id is not retryable (it may have posted)', async () => {
    server.queue({ status: 200, body: { success: true } });
    const error = await failure(client('facebook').replyPublicly(PAGE_ID, { commentId: '101' }, 'x'));
    expect(error.errorClass).toBe('invalid_request');
    expect(error.retryable).toBe(false);
    expect(error.outcome).toBe('maybe_done');
  });

  it('a refused connection is a retryable server_error: the request never left', async () => {
    const gone = new RecordingServer(() => undefined);
    const url = await gone.start();
    await gone.stop();
    const unreachable = createMetaClient('facebook', {
      graphUrl: url,
      version: VERSION,
      pageToken: () => 'token-x',
    });
    const error = await failure(unreachable.replyPublicly(PAGE_ID, { commentId: '101' }, 'x'));
    expect(error.errorClass).toBe('server_error');
    expect(error.retryable).toBe(true);
    expect(error.outcome).toBe('not_done');
    expect(error.message).not.toContain('token-x');
  });
});

describe('classifyGraphError', () => {
  it('maps the remaining codes of the handbook table', () => {
    const classify = (code: number, subcode?: number, status = 400) =>
      classifyGraphError({ status, code, subcode });
    expect([17, 32, 80001, 80002].map((c) => classify(c))).toEqual(Array(4).fill('rate_limited'));
    expect(classify(10, 2534022)).toBe('window_closed');
    expect([102, 463, 467].map((c) => classify(c))).toEqual(Array(3).fill('token_invalid'));
    expect([classify(551), classify(551, 1545041), classify(200, 1545041), classify(100, 2018001)]).toEqual(
      Array(4).fill('recipient_unavailable'),
    );
    expect(classify(10)).toBe('permission_denied');
    expect(classify(2)).toBe('server_error');
    expect(classify(613, 2018338)).toBe('invalid_request');
  });
});

describe('ids in URL paths', () => {
  it.each([
    ['a comment id with a stray character', { commentId: '139560936744456_13956\uFFFD' }],
    ['a comment id that climbs the path', { commentId: '../me/accounts' }],
    ['a post id with a query', { postId: '123456789_1?fields=access_token' }],
  ])('refuses %s before any call, as a request that cannot succeed', async (_, target) => {
    const error = await failure(client('facebook').replyPublicly(PAGE_ID, target, 'x'));
    expect(error.errorClass).toBe('invalid_request');
    expect(error.retryable).toBe(false);
    expect(server.calls).toHaveLength(0);
  });

  it('refuses an account id that is not a Graph id for a private message', async () => {
    const error = await failure(
      client('instagram').sendPrivateMessage('17841400538867190/../1', { recipientId: '1' }, 'x'),
    );
    expect(error.errorClass).toBe('invalid_request');
    expect(server.calls).toHaveLength(0);
  });
});

describe('hiding a comment', () => {
  it('Facebook posts is_hidden=true to the comment, Instagram hide=true, with the token as bearer', async () => {
    server.on((call) => (call.method === 'POST' ? { status: 200, body: { success: true } } : undefined));
    await client('facebook').hideComment(PAGE_ID, '139560936744456_139562213411528');
    await client('instagram').hideComment(IG_ID, '17858893269000001');
    expect(server.calls.map((c) => [c.path, c.json, c.headers.authorization])).toEqual([
      [`/${VERSION}/139560936744456_139562213411528`, { is_hidden: true }, `Bearer ${TOKENS[PAGE_ID]}`],
      [`/${VERSION}/17858893269000001`, { hide: true }, `Bearer ${TOKENS[IG_ID]}`],
    ]);
  });

  it('a refusal is classified like every Graph error; an answer without success is no success', async () => {
    server.queue(
      { status: 403, body: { error: { message: '(#200) Permissions error', code: 200 } } },
      { status: 200, body: { success: false } },
    );
    expect((await failure(client('facebook').hideComment(PAGE_ID, '1_2'))).errorClass).toBe(
      'permission_denied',
    );
    expect((await failure(client('facebook').hideComment(PAGE_ID, '1_2'))).errorClass).toBe(
      'invalid_request',
    );
  });
});
