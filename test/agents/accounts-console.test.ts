import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.js';
import { dynamo } from '../../shared/aws/dynamo.js';
import { ConversationStore } from '../../shared/conversations/store.js';

const run = promisify(execFile);

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ prefix: 'accountsconsole' });
  Object.assign(process.env, stack.env);
  await new ConversationStore(dynamo(), stack.tableName).flagAccount(
    'instagram',
    '17841400538867190',
    'token expires 2026-12-09T06:00:00.000Z: renew it',
  );
});
afterAll(async () => {
  await stack.stop();
});

describe('flagged accounts in the agent console', () => {
  it('lists every account of the brand files, with why a flagged one needs attention', {
    timeout: 90_000,
  }, async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'agent', '--', '--accounts', '--json'], {
      env: { ...process.env, ...stack.env, HANDOFF_QUEUE_URL: stack.handoffQueueUrl },
      timeout: 60_000,
    });
    const accounts = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(accounts).toEqual([
      {
        type: 'account',
        brand: 'parcelexpress',
        platform: 'facebook',
        accountId: '123456789',
        username: 'ParcelExpress',
      },
      {
        type: 'account',
        brand: 'parcelexpress',
        platform: 'instagram',
        accountId: '17841400538867190',
        username: 'parcelexpress',
        needsAttention: 'token expires 2026-12-09T06:00:00.000Z: renew it',
        flaggedAt: expect.any(String),
      },
      {
        type: 'account',
        brand: 'parcelexpress',
        platform: 'x',
        accountId: '930524282358325248',
        username: 'ParcelExpress',
      },
    ]);
  });
});
