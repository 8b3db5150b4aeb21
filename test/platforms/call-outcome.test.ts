import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Fault, RecordingServer } from '../../devkit/recording-server.js';
import { type PlatformClient, PlatformError } from '../../shared/platforms/client.js';
import { createMetaClient } from '../../shared/platforms/meta/graph-client.js';
import { pickOurReply } from '../../shared/platforms/reply-match.js';
import { createXClient } from '../../shared/platforms/x/api-client.js';

/**
 * Whether a failed call may have reached the platform, as the clients decide it from what Node's
 * fetch (undici) actually does against a local server that refuses, resets, closes or stalls.
 */
const server = new RecordingServer((call) =>
  call.path.endsWith('/comments')
    ? { status: 200, body: { id: 'c_new' } }
    : { status: 201, body: { data: { id: '1' } } },
);
const TIMEOUT_MS = 300;

const meta = (url = server.url) =>
  createMetaClient('facebook', {
    graphUrl: url,
    version: 'v26.0',
    pageToken: () => 'token',
    timeoutMs: TIMEOUT_MS,
  });
const x = (url = server.url) =>
  createXClient({
    apiUrl: url,
    credentials: () => ({ kind: 'oauth2', userToken: 'user-token' }),
    timeoutMs: TIMEOUT_MS,
  });
const publicReply = (client: PlatformClient) =>
  client.replyPublicly('1001', { commentId: '101', tweetId: '42' }, 'Danke, wir kümmern uns!');

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

describe.each([
  ['Graph API', meta],
  ['X API', x],
])('%s client', (_name, client) => {
  it('a refused connection is certainly not done, and retryable', async () => {
    const closed = new RecordingServer(() => undefined);
    const url = await closed.start();
    await closed.stop();
    const error = await failure(publicReply(client(url)));
    expect([error.errorClass, error.outcome, error.retryable]).toEqual(['server_error', 'not_done', true]);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it.each<Fault>(['reset', 'close', 'stall', 'error_500'])(
    'a %s after the request was written may be done: never retried blindly',
    async (fault) => {
      server.faultAfterHandling(() => true, fault);
      const error = await failure(publicReply(client()));
      expect([error.errorClass, error.outcome, error.retryable]).toEqual([
        'server_error',
        'maybe_done',
        false,
      ]);
      expect(server.calls).toHaveLength(1);
    },
  );

  it('a 429 is a refusal: certainly not done, retryable', async () => {
    server.queue({ status: 429, body: { error: { code: 4, message: 'limit' }, title: 'Too Many Requests' } });
    const error = await failure(publicReply(client()));
    expect([error.errorClass, error.outcome, error.retryable]).toEqual(['rate_limited', 'not_done', true]);
  });

  it('a 400 is a refusal: certainly not done, not retryable', async () => {
    server.queue({
      status: 400,
      body: { error: { code: 100, message: 'Invalid parameter' }, title: 'Invalid Request' },
    });
    const error = await failure(publicReply(client()));
    expect([error.outcome, error.retryable]).toEqual(['not_done', false]);
  });
});

it('a Graph error Meta marks transient, on a create, may be done', async () => {
  server.queue({
    status: 400,
    body: { error: { code: 2, message: 'Service temporarily unavailable', is_transient: true } },
  });
  const error = await failure(publicReply(meta()));
  expect([error.errorClass, error.outcome, error.retryable]).toEqual(['server_error', 'maybe_done', false]);
});

describe('finding our reply among what the platform lists', () => {
  const since = Date.UTC(2026, 11, 7, 10, 42);
  const query = {
    kind: 'public' as const,
    target: {},
    text: 'Danke! Schreib uns: https://m.me/parcelexpress',
    since,
  };
  const item = (over: Partial<{ id: string; authorId: string; text: string; createdAt: number }>) => ({
    id: 'r1',
    authorId: 'page',
    text: query.text,
    createdAt: since + 1000,
    ...over,
  });

  it('finds it by author, text (links as the platform rewrites them) and time', () => {
    const shortened = item({ id: 'r2', text: 'Danke!  Schreib uns: https://t.co/abc123' });
    expect(pickOurReply([shortened], 'page', query, false)).toEqual({ outcome: 'found', id: 'r2' });
  });

  it('ignores the same text by someone else, or from before the attempt', () => {
    const lookalikes = [item({ authorId: 'customer' }), item({ createdAt: since - 3_600_000 })];
    expect(pickOurReply(lookalikes, 'page', query, false)).toEqual({ outcome: 'absent' });
  });

  it('cannot tell when more pages of newer items exist', () => {
    const newer = [item({ text: 'something else' })];
    expect(pickOurReply(newer, 'page', query, true).outcome).toBe('unknown');
  });
});
