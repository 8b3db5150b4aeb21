import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RecordingServer } from '../../devkit/recording-server.js';
import { PlatformError } from '../../shared/platforms/client.js';
import {
  createXClient,
  type XCredentials,
  xCredentialsFromSettings,
} from '../../shared/platforms/x/api-client.js';

const ACCOUNT = '1111111111111111111';
const OAUTH1: XCredentials = {
  kind: 'oauth1',
  consumerKey: 'consumer-key-abc',
  consumerSecret: 'consumer-secret-SECRET1',
  accessToken: '1111111111111111111-accessTOKEN',
  accessTokenSecret: 'access-secret-SECRET2',
};
const OAUTH2: XCredentials = { kind: 'oauth2', userToken: 'oauth2-user-TOKEN3' };
const SECRETS = ['consumer-secret-SECRET1', 'accessTOKEN', 'access-secret-SECRET2', 'oauth2-user-TOKEN3'];

const server = new RecordingServer((call) => {
  if (call.path === '/2/tweets')
    return { status: 201, body: { data: { id: '2090000000000000777', text: 'ok' } } };
  if (call.path.startsWith('/2/dm_conversations/with/')) {
    return {
      status: 201,
      body: { data: { dm_conversation_id: '1111111111111111111-2222', dm_event_id: '2090000000000000888' } },
    };
  }
  return undefined;
});

let clock = 1_784_928_000_000;
const now = () => clock;

/** A client whose only configured account is ACCOUNT (null: no credentials at all). */
function client(credentials: XCredentials | null = OAUTH1) {
  return createXClient({
    apiUrl: `${server.url}/`,
    credentials: (accountId) => (accountId === ACCOUNT && credentials ? credentials : undefined),
    now,
  });
}

/** The PlatformError a call rejects with (fails the test when it resolves). */
async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('expected a PlatformError');
}

beforeAll(async () => {
  await server.start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  server.reset();
  clock = 1_784_928_000_000;
});

/** RFC 3986 encoding, written out here independently of the code under test. */
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function parseOAuthHeader(header: string): Record<string, string> {
  expect(header.startsWith('OAuth ')).toBe(true);
  const params: Record<string, string> = {};
  for (const part of header.slice('OAuth '.length).split(', ')) {
    const match = /^([a-z_]+)="([^"]*)"$/.exec(part);
    expect(match, part).not.toBeNull();
    if (match?.[1] && match[2] !== undefined) params[match[1]] = decodeURIComponent(match[2]);
  }
  return params;
}

describe('replyPublicly', () => {
  it('POSTs /2/tweets with the reply JSON and an OAuth 1.0a header X can verify', async () => {
    const sent = await client().replyPublicly(
      ACCOUNT,
      { tweetId: '1332557345071644672' },
      'Hallo @kunde, bitte DM!',
    );
    expect(sent).toEqual({ id: '2090000000000000777' });

    expect(server.calls).toHaveLength(1);
    const call = server.calls[0];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/2/tweets');
    expect(call?.headers['content-type']).toBe('application/json');
    expect(call?.json).toEqual({
      text: 'Hallo @kunde, bitte DM!',
      reply: { in_reply_to_tweet_id: '1332557345071644672' },
    });

    const oauth = parseOAuthHeader(String(call?.headers.authorization));
    expect(Object.keys(oauth).sort()).toEqual([
      'oauth_consumer_key',
      'oauth_nonce',
      'oauth_signature',
      'oauth_signature_method',
      'oauth_timestamp',
      'oauth_token',
      'oauth_version',
    ]);
    expect(oauth).toMatchObject({
      oauth_consumer_key: 'consumer-key-abc',
      oauth_token: '1111111111111111111-accessTOKEN',
      oauth_signature_method: 'HMAC-SHA1',
      oauth_version: '1.0',
      oauth_timestamp: String(Math.floor(clock / 1000)),
    });
    expect(oauth.oauth_nonce).toMatch(/^[A-Za-z0-9]{16,}$/);

    // Verify the signature as X would: the JSON body is not part of the base string.
    const paramString = Object.entries(oauth)
      .filter(([key]) => key !== 'oauth_signature')
      .map(([key, value]) => [enc(key), enc(value)])
      .sort(([a = ''], [b = '']) => (a < b ? -1 : 1))
      .map(([key, value]) => `${key}=${value}`)
      .join('&');
    const base = `POST&${enc(`${server.url}/2/tweets`)}&${enc(paramString)}`;
    const expected = createHmac('sha1', `${enc('consumer-secret-SECRET1')}&${enc('access-secret-SECRET2')}`)
      .update(base)
      .digest('base64');
    expect(oauth.oauth_signature).toBe(expected);
  });

  it('uses a fresh nonce per request', async () => {
    await client().replyPublicly(ACCOUNT, { tweetId: '1' }, 'one');
    await client().replyPublicly(ACCOUNT, { tweetId: '1' }, 'two');
    const nonces = server.calls.map((c) => parseOAuthHeader(String(c.headers.authorization)).oauth_nonce);
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('sends an OAuth 2.0 user token as a Bearer token', async () => {
    await client(OAUTH2).replyPublicly(ACCOUNT, { tweetId: '1332557345071644672' }, 'hi');
    expect(server.calls[0]?.headers.authorization).toBe('Bearer oauth2-user-TOKEN3');
  });

  it('refuses a target without a tweet id, without calling X', async () => {
    const error = await failure(client().replyPublicly(ACCOUNT, { recipientId: '5' }, 'hi'));
    expect(error.errorClass).toBe('invalid_request');
    expect(server.calls).toHaveLength(0);
  });
});

describe('sendPrivateMessage', () => {
  it('POSTs the DM to /2/dm_conversations/with/:participant_id/messages and returns the DM event id', async () => {
    const sent = await client().sendPrivateMessage(
      ACCOUNT,
      { recipientId: '3001969357' },
      'Wie können wir helfen?',
    );
    expect(sent).toEqual({ id: '2090000000000000888', recipientId: '3001969357' });
    const call = server.calls[0];
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('/2/dm_conversations/with/3001969357/messages');
    expect(call?.json).toEqual({ text: 'Wie können wir helfen?' });
    expect(parseOAuthHeader(String(call?.headers.authorization)).oauth_token).toBe(
      '1111111111111111111-accessTOKEN',
    );
  });

  it('refuses a target without a recipient, without calling X', async () => {
    const error = await failure(client().sendPrivateMessage(ACCOUNT, { tweetId: '5' }, 'hi'));
    expect(error.errorClass).toBe('invalid_request');
    expect(server.calls).toHaveLength(0);
  });
});

describe('credentials', () => {
  it('canSend reflects whether the account has credentials', () => {
    expect(client().canSend(ACCOUNT)).toBe(true);
    expect(client().canSend('999')).toBe(false);
    expect(client(null).canSend(ACCOUNT)).toBe(false);
  });

  it('a call for an account without credentials fails without reaching X', async () => {
    const error = await failure(client().replyPublicly('999', { tweetId: '1' }, 'hi'));
    expect(error.errorClass).toBe('permission_denied');
    expect(server.calls).toHaveLength(0);
  });

  it('xCredentialsFromSettings prefers complete OAuth 1.0a, then the OAuth 2.0 user token', () => {
    const oauth1 = { consumerKey: 'k', consumerSecret: 's', accessToken: 't', accessTokenSecret: 'ts' };
    expect(xCredentialsFromSettings({ ...oauth1, oauth2UserToken: 'u' })).toEqual({
      kind: 'oauth1',
      ...oauth1,
    });
    expect(
      xCredentialsFromSettings({ ...oauth1, accessTokenSecret: undefined, oauth2UserToken: 'u' }),
    ).toEqual({
      kind: 'oauth2',
      userToken: 'u',
    });
    expect(xCredentialsFromSettings({ consumerKey: 'k' })).toBeUndefined();
  });
});

describe('errors and rate limits', () => {
  const resetIn15Min = () => String(Math.floor(clock / 1000) + 900);

  it('429 (code 88) is rate_limited with retryAfterMs from x-rate-limit-reset; the window then blocks calls', async () => {
    server.queue({
      status: 429,
      body: { errors: [{ code: 88, message: 'Rate limit exceeded' }] },
      headers: {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': resetIn15Min(),
      },
    });
    const error = await failure(client().replyPublicly(ACCOUNT, { tweetId: '1' }, 'hi'));
    expect(error.errorClass).toBe('rate_limited');
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ status: 429, code: 88, retryAfterMs: 900_000 });
    expect(server.calls).toHaveLength(1);
  });

  it('a used-up window fails fast until it resets, per account and endpoint', async () => {
    const x = client();
    server.queue({
      status: 201,
      body: { data: { id: '2090000000000000001', text: 'ok' } },
      headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': resetIn15Min() },
    });
    await x.replyPublicly(ACCOUNT, { tweetId: '1' }, 'first');

    clock += 60_000;
    const blocked = await failure(x.replyPublicly(ACCOUNT, { tweetId: '1' }, 'second'));
    expect(blocked.errorClass).toBe('rate_limited');
    expect(blocked.details.retryAfterMs).toBe(840_000);
    expect(server.calls).toHaveLength(1);

    // DMs have their own window
    await x.sendPrivateMessage(ACCOUNT, { recipientId: '5' }, 'dm');
    expect(server.calls).toHaveLength(2);

    clock += 840_000;
    await x.replyPublicly(ACCOUNT, { tweetId: '1' }, 'third');
    expect(server.calls.map((c) => (c.json as { text: string }).text)).toEqual(['first', 'dm', 'third']);
  });

  it('403 duplicate content (v2 problem JSON and v1.1 code 187) is duplicate_content, not retryable', async () => {
    server.queue(
      {
        status: 403,
        body: {
          detail: 'You are not allowed to create a Tweet with duplicate content.',
          type: 'about:blank',
          title: 'Forbidden',
          status: 403,
        },
      },
      { status: 403, body: { errors: [{ code: 187, message: 'Status is a duplicate.' }] } },
    );
    for (let i = 0; i < 2; i++) {
      const error = await failure(client().replyPublicly(ACCOUNT, { tweetId: '1' }, 'same text'));
      expect(error.errorClass).toBe('duplicate_content');
      expect(error.retryable).toBe(false);
      expect(error.details.status).toBe(403);
    }
    expect(server.calls).toHaveLength(2);
  });

  it('403 reply to a post that did not mention us is reply_not_permitted', async () => {
    server.queue({
      status: 403,
      body: {
        title: 'Forbidden',
        type: 'about:blank',
        status: 403,
        detail:
          'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
      },
    });
    const error = await failure(client().replyPublicly(ACCOUNT, { tweetId: '1' }, 'hi'));
    expect(error.errorClass).toBe('reply_not_permitted');
    expect(error.retryable).toBe(false);
  });

  it('403 on a DM the recipient cannot receive is recipient_unavailable; another 403 is permission_denied', async () => {
    server.queue(
      { status: 403, body: { errors: [{ code: 349, message: 'You cannot send messages to this user.' }] } },
      { status: 403, body: { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' } },
    );
    const unavailable = await failure(client().sendPrivateMessage(ACCOUNT, { recipientId: '5' }, 'hi'));
    expect(unavailable.errorClass).toBe('recipient_unavailable');
    expect(unavailable.details.code).toBe(349);
    const denied = await failure(client().sendPrivateMessage(ACCOUNT, { recipientId: '5' }, 'hi'));
    expect(denied.errorClass).toBe('permission_denied');
    expect(denied.retryable).toBe(false);
  });

  it('401 is token_invalid, 404 not_found, 500 server_error (maybe posted: not retried blindly), 400 invalid_request', async () => {
    server.queue(
      {
        status: 401,
        body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
      },
      {
        status: 404,
        body: {
          title: 'Not Found Error',
          detail: 'Could not find tweet',
          type: 'https://api.x.com/2/problems/resource-not-found',
        },
      },
      { status: 500, body: { title: 'Internal Server Error' } },
      {
        status: 400,
        body: {
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.x.com/2/problems/invalid-request',
        },
      },
    );
    const classes = [];
    for (let i = 0; i < 4; i++) {
      const error = await failure(client().replyPublicly(ACCOUNT, { tweetId: '1' }, `try ${i}`));
      classes.push([error.errorClass, error.retryable, error.outcome, error.details.status]);
    }
    expect(classes).toEqual([
      ['token_invalid', false, 'not_done', 401],
      ['not_found', false, 'not_done', 404],
      ['server_error', false, 'maybe_done', 500],
      ['invalid_request', false, 'not_done', 400],
    ]);
  });

  it('a 2xx answer without the new id is an error that must not be retried (X may have posted)', async () => {
    server.queue({ status: 201, body: { errors: [{ message: 'partial' }] } });
    const error = await failure(client().replyPublicly(ACCOUNT, { tweetId: '1' }, 'hi'));
    expect(error.errorClass).toBe('invalid_request');
    expect(error.retryable).toBe(false);
    expect(error.outcome).toBe('maybe_done');
  });

  it('a refused connection is server_error (retryable: the request never left)', async () => {
    const closed = new RecordingServer(() => undefined);
    const url = await closed.start();
    await closed.stop();
    const x = createXClient({ apiUrl: url, credentials: () => OAUTH1, now });
    const error = await failure(x.replyPublicly(ACCOUNT, { tweetId: '1' }, 'hi'));
    expect(error.errorClass).toBe('server_error');
    expect(error.retryable).toBe(true);
    expect(error.outcome).toBe('not_done');
  });

  it('never puts secrets or tokens into error messages', async () => {
    server.queue(
      { status: 401, body: { title: 'Unauthorized', detail: 'Unauthorized' } },
      { status: 403, body: { title: 'Forbidden', detail: 'Forbidden' } },
    );
    const messages = [
      (await failure(client().replyPublicly(ACCOUNT, { tweetId: '1' }, 'hi'))).message,
      (await failure(client(OAUTH2).sendPrivateMessage(ACCOUNT, { recipientId: '5' }, 'hi'))).message,
    ];
    expect(messages[0]).toBe('X API POST /2/tweets: 401 Unauthorized | Unauthorized');
    for (const message of messages) {
      for (const secret of SECRETS) expect(message).not.toContain(secret);
    }
  });
});

describe('ids in URL paths', () => {
  it.each([['3001969357/../../2/tweets'], ['30019\uFFFD69357'], ['@brand']])(
    'refuses the DM recipient %j before any call',
    async (recipientId) => {
      const error = await failure(client().sendPrivateMessage(ACCOUNT, { recipientId }, 'hi'));
      expect(error.errorClass).toBe('invalid_request');
      expect(error.retryable).toBe(false);
      expect(server.calls).toHaveLength(0);
    },
  );
});

describe('hideComment', () => {
  it('PUTs {"hidden": true} to /2/tweets/:id/hidden with an OAuth 1.0a header for the PUT', async () => {
    server.queue({ status: 200, body: { data: { hidden: true } } });
    await client().hideComment(ACCOUNT, '2090000000000000001');
    const [call] = server.calls;
    expect(call).toMatchObject({
      method: 'PUT',
      path: '/2/tweets/2090000000000000001/hidden',
      json: { hidden: true },
    });
    expect(call?.headers.authorization).toMatch(/^OAuth /);
  });

  it('403 outside a conversation the account started is permission_denied; no confirmation is no success', async () => {
    server.queue(
      {
        status: 403,
        body: {
          title: 'Forbidden',
          detail: 'You are not permitted to hide replies to this Tweet.',
          type: 'about:blank',
        },
      },
      { status: 200, body: { data: { hidden: false } } },
    );
    expect((await failure(client().hideComment(ACCOUNT, '2090000000000000002'))).errorClass).toBe(
      'permission_denied',
    );
    expect((await failure(client().hideComment(ACCOUNT, '2090000000000000003'))).errorClass).toBe(
      'invalid_request',
    );
  });
});
