import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { xMentionAccountActivity } from '../../devkit/payloads.js';
import { startTestSystem, type TestSystem } from '../helpers/system.js';

/** The brand's account acts with X_ACCOUNT_ID's OAuth 1.0a tokens (TEST_SECRETS). */
const BRAND_ACCOUNT = '930524282358325248';
/** A second account with its own OAuth 2.0 user token in X_ACCOUNT_CREDENTIALS. */
const SECOND_ACCOUNT = '1500000000000000001';
/** An account X delivers events for, with no credentials configured. */
const UNCONFIGURED_ACCOUNT = '1600000000000000002';

let system: TestSystem;
let seq = 0;
const tweetId = () => `17000000000000${String(++seq * 2 + 1000).padStart(5, '0')}`;

beforeAll(async () => {
  system = await startTestSystem({
    env: {
      X_ACCOUNT_CREDENTIALS: JSON.stringify({ [SECOND_ACCOUNT]: { oauth2UserToken: 'second-user-token' } }),
    },
  });
});
afterAll(async () => {
  await system.stop();
});
beforeEach(() => {
  system.xApi.reset();
  system.outcomes.length = 0;
  system.log.lines.length = 0;
});

async function mention(accountId: string) {
  const id = tweetId();
  const raw = xMentionAccountActivity({
    accountId,
    accountHandle: 'Brand',
    text: 'hello, quick question',
    tweetId: id,
  });
  expect((await system.postX(raw)).status).toBe(200);
  await system.drainInbound();
  return id;
}

const tweets = () => system.xApi.calls.filter((c) => c.path === '/2/tweets');

describe('several X accounts', () => {
  it("replies for each account with that account's own credentials", async () => {
    await mention(BRAND_ACCOUNT);
    await mention(SECOND_ACCOUNT);
    const [brandReply, secondReply] = tweets();
    expect(brandReply?.headers.authorization).toMatch(/^OAuth .*oauth_token="test-x-access-token"/);
    expect(secondReply?.headers.authorization).toBe('Bearer second-user-token');
  });

  it('makes a dry run, with a log line naming the account, for an account without credentials', async () => {
    await mention(UNCONFIGURED_ACCOUNT);
    expect(system.xApi.calls).toEqual([]);
    const replies = system.outcomes.flatMap((o) => o.replies);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.status === 'dry_run')).toBe(true);
    expect(system.log.lines).toContainEqual(
      expect.objectContaining({
        message: 'dry run: no credentials for this account, reply not sent',
        extra: [expect.objectContaining({ platform: 'x', accountId: UNCONFIGURED_ACCOUNT })],
      }),
    );
  });
});
