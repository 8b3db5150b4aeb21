import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordingServer } from '../../devkit/recording-server.js';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.js';
import { dynamo } from '../../shared/aws/dynamo.js';
import { buildConfig } from '../../shared/config.js';
import { ConversationStore } from '../../shared/conversations/store.js';
import { checkTokenHealth, metaTokenProblem } from '../../shared/ops/token-health.js';
import { loadBrands } from '../../shared/policy/brand-files.js';
import { collectingLog } from '../helpers/system.js';

const NOW = new Date('2026-12-07T06:00:00Z');
const FACEBOOK_PAGE = '123456789';
const INSTAGRAM_ACCOUNT = '17841400538867190';
const BRAND_X = '930524282358325248';
const SECOND_X = '1500000000000000001';
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const FACEBOOK_SCOPES = ['pages_messaging', 'pages_manage_engagement', 'pages_read_engagement'];

/** Graph's debug_token as Meta answers it, per page token. */
const graph = new RecordingServer((call) => {
  if (!call.path.endsWith('/debug_token')) return undefined;
  const token = call.query.get('input_token');
  if (token === 'fb-token') {
    return {
      status: 200,
      body: { data: { type: 'PAGE', is_valid: true, expires_at: 0, scopes: FACEBOOK_SCOPES } },
    };
  }
  // Valid today, but expiring in two days: flagged while there is time to renew it.
  const inTwoDays = seconds(new Date(NOW.getTime() + 2 * 86_400_000));
  return {
    status: 200,
    body: {
      data: {
        type: 'PAGE',
        is_valid: true,
        expires_at: inTwoDays,
        scopes: ['instagram_basic', 'instagram_manage_comments', 'instagram_manage_messages'],
      },
    },
  };
});
/** X's /2/users/me: the brand account's keys are fine, the second account's token was revoked. */
const xApi = new RecordingServer((call) => {
  if (call.path !== '/2/users/me') return undefined;
  if (call.headers.authorization === 'Bearer revoked-token') {
    return { status: 401, body: { title: 'Unauthorized', status: 401 } };
  }
  return { status: 200, body: { data: { id: BRAND_X, username: 'ParcelExpress' } } };
});

let stack: LocalStack;
let store: ConversationStore;
beforeAll(async () => {
  stack = await startLocalStack({ prefix: 'tokenhealth' });
  Object.assign(process.env, stack.env);
  await graph.start();
  await xApi.start();
  store = new ConversationStore(dynamo(), stack.tableName, () => NOW);
});
afterAll(async () => {
  await graph.stop();
  await xApi.stop();
  await stack.stop();
});
beforeEach(() => {
  graph.reset();
  xApi.reset();
});

function config() {
  return buildConfig('token-health', {
    TABLE_NAME: stack.tableName,
    META_APP_ID: '4242',
    META_APP_SECRET: 'app-secret',
    META_PAGE_ACCESS_TOKENS: JSON.stringify({ [FACEBOOK_PAGE]: 'fb-token', [INSTAGRAM_ACCOUNT]: 'ig-token' }),
    X_CONSUMER_KEY: 'ck',
    X_CONSUMER_SECRET: 'cs',
    X_ACCOUNT_ID: BRAND_X,
    X_ACCESS_TOKEN: 'at',
    X_ACCESS_TOKEN_SECRET: 'ats',
    X_ACCOUNT_CREDENTIALS: JSON.stringify({ [SECOND_X]: { oauth2UserToken: 'revoked-token' } }),
    META_GRAPH_URL: graph.url,
    X_API_URL: xApi.url,
  });
}

const run = () =>
  checkTokenHealth({
    config: config(),
    brands: loadBrands('brands'),
    flagAccount: (platform, accountId, problem) => store.flagAccount(platform, accountId, problem),
    clearAccountFlag: (platform, accountId) => store.clearAccountFlag(platform, accountId),
    log: collectingLog(),
    now: () => NOW,
  });

describe('the daily token check', () => {
  it('asks debug_token about every page token with the app token, and X who each account is', async () => {
    await run();
    expect(graph.calls.map((c) => c.query.get('input_token')).sort()).toEqual(['fb-token', 'ig-token']);
    for (const call of graph.calls) expect(call.headers.authorization).toBe('Bearer 4242|app-secret');
    const xAuth = xApi.calls.map((c) => c.headers.authorization);
    expect(xAuth).toHaveLength(2);
    expect(xAuth).toContainEqual(expect.stringMatching(/^OAuth .*oauth_token="at"/));
    expect(xAuth).toContain('Bearer revoked-token');
  });

  it('flags the expiring and the revoked account before a reply fails, and leaves the healthy ones', async () => {
    const findings = await run();
    expect(findings).toEqual(
      expect.arrayContaining([
        { platform: 'facebook', accountId: FACEBOOK_PAGE },
        { platform: 'x', accountId: BRAND_X },
        {
          platform: 'instagram',
          accountId: INSTAGRAM_ACCOUNT,
          problem: expect.stringMatching(/^token expires 2026-12-09/),
        },
        {
          platform: 'x',
          accountId: SECOND_X,
          problem: expect.stringMatching(/^token invalid: X answered 401/),
        },
      ]),
    );
    expect((await store.accountState('instagram', INSTAGRAM_ACCOUNT)).needsAttention).toMatch(
      /token expires/,
    );
    expect((await store.accountState('x', SECOND_X)).needsAttention).toMatch(/re-authorise/);
    expect((await store.accountState('facebook', FACEBOOK_PAGE)).needsAttention).toBeUndefined();
  });

  it('lifts the flag of an account whose token works again', async () => {
    await store.flagAccount('facebook', FACEBOOK_PAGE, 'token invalid: Session has expired');
    await run();
    expect(await store.accountState('facebook', FACEBOOK_PAGE)).not.toHaveProperty('needsAttention');
    expect((await store.accountState('x', SECOND_X)).needsAttention).toMatch(/re-authorise/);
  });

  it('emits AccountFlagged in Lambda for each flag, which the alarm watches', async () => {
    vi.stubEnv('AWS_LAMBDA_FUNCTION_NAME', 'token-health');
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((line) => {
      written.push(String(line));
      return true;
    });
    try {
      await run();
    } finally {
      spy.mockRestore();
      vi.unstubAllEnvs();
    }
    const counts = written.filter((l) => l.includes('"_aws"')).map((l) => JSON.parse(l));
    expect(counts.map((c) => [c.AccountFlagged, c.platform]).sort()).toEqual([
      [1, 'instagram'],
      [1, 'x'],
    ]);
    expect(counts[0]._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: 'SocialCareResponder',
      Dimensions: [[], ['platform']],
      Metrics: [{ Name: 'AccountFlagged', Unit: 'Count' }],
    });
  });

  it('checks the other accounts when one cannot be checked, then fails the run', async () => {
    graph.queueFor((c) => c.query.get('input_token') === 'fb-token', {
      status: 500,
      body: { error: { message: 'boom' } },
    });
    await expect(run()).rejects.toThrow(/could not check facebook 123456789: debug_token answered 500: boom/);
    expect(xApi.calls).toHaveLength(2);
  });
});

describe('what debug_token says about a page token', () => {
  const valid = { is_valid: true, expires_at: 0, data_access_expires_at: 0, scopes: FACEBOOK_SCOPES };

  it('is fine when valid, never expiring and granted what replies need', () => {
    expect(metaTokenProblem(valid, 'facebook', NOW)).toBeUndefined();
  });

  it.each([
    [
      { ...valid, is_valid: false, error: { message: 'Session has expired' } },
      /^token invalid: Session has expired/,
    ],
    [{ ...valid, data_access_expires_at: seconds(NOW) + 3600 }, /^data access expires/],
    [
      { ...valid, scopes: ['pages_messaging'] },
      /lacks permissions: pages_manage_engagement, pages_read_engagement/,
    ],
  ])('names the problem of %o', (data, problem) => {
    expect(metaTokenProblem(data, 'facebook', NOW)).toMatch(problem);
  });
});
