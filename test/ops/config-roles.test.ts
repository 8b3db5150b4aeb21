import { describe, expect, it } from 'vitest';
import { buildConfig, ConfigError } from '../../shared/config.js';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/inbound.fifo';

/** The message a role's configuration fails with, or undefined when it builds. */
function failure(role: Parameters<typeof buildConfig>[0], env: Record<string, string>): string | undefined {
  try {
    buildConfig(role, env);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
}

describe('configuration by role', () => {
  it('requires the signature secrets of the webhook only', () => {
    expect(failure('webhook', { INBOUND_QUEUE_URL: QUEUE })).toBe(
      'invalid configuration for the webhook role: META_APP_SECRET: required; META_VERIFY_TOKEN: required',
    );
    expect(failure('responder', { TABLE_NAME: 't', HANDOFF_QUEUE_URL: QUEUE })).toBeUndefined();
    expect(
      failure('agent', { TABLE_NAME: 't', HANDOFF_QUEUE_URL: QUEUE, INBOUND_QUEUE_URL: QUEUE }),
    ).toBeUndefined();
    expect(failure('token-health', { TABLE_NAME: 't' })).toBeUndefined();
  });

  it('names every value the role lacks, and never a value', () => {
    const message = failure('responder', { META_PAGE_ACCESS_TOKENS: '{"1": "secret-token"' });
    expect(message).toMatch(/^invalid configuration for the responder role: /);
    expect(message).toContain('META_PAGE_ACCESS_TOKENS: must be a JSON object');
    expect(message).toContain('TABLE_NAME: required');
    expect(message).toContain('HANDOFF_QUEUE_URL: required');
    expect(message).not.toContain('secret-token');
  });

  it('requires the account that single-account X tokens act as, where replies are sent', () => {
    const tokens = {
      X_ACCESS_TOKEN: 'a',
      X_ACCESS_TOKEN_SECRET: 'b',
      TABLE_NAME: 't',
      HANDOFF_QUEUE_URL: QUEUE,
    };
    for (const role of ['responder', 'agent'] as const) {
      expect(failure(role, tokens)).toContain(
        'X_ACCOUNT_ID: required with X_ACCESS_TOKEN or X_OAUTH2_USER_TOKEN',
      );
    }
    expect(
      failure('webhook', {
        ...tokens,
        INBOUND_QUEUE_URL: QUEUE,
        META_APP_SECRET: 's',
        META_VERIFY_TOKEN: 'v',
      }),
    ).toBeUndefined();
  });

  it('requires the app id and secret for token health when page tokens are configured', () => {
    expect(failure('token-health', { TABLE_NAME: 't', META_PAGE_ACCESS_TOKEN: 'p' })).toBe(
      'invalid configuration for the token-health role: ' +
        'META_APP_ID: required to check page tokens (debug_token needs the app token); ' +
        'META_APP_SECRET: required to check page tokens (debug_token needs the app token)',
    );
  });

  it('reads X credentials per account, the single-account tokens under X_ACCOUNT_ID', () => {
    const config = buildConfig('responder', {
      TABLE_NAME: 't',
      HANDOFF_QUEUE_URL: QUEUE,
      X_ACCOUNT_ID: '11',
      X_OAUTH2_USER_TOKEN: 'token-11',
      X_ACCOUNT_CREDENTIALS: JSON.stringify({ '22': { accessToken: 'a22', accessTokenSecret: 's22' } }),
    });
    expect(config.x.accounts).toEqual({
      '11': { oauth2UserToken: 'token-11' },
      '22': { accessToken: 'a22', accessTokenSecret: 's22' },
    });
  });

  it('refuses X_ACCOUNT_CREDENTIALS that are not keyed by numeric account ids or lack a token', () => {
    for (const value of ['{"brand": {"oauth2UserToken": "t"}}', '{"22": {"accessToken": "a"}}', '[]']) {
      expect(
        failure('responder', { TABLE_NAME: 't', HANDOFF_QUEUE_URL: QUEUE, X_ACCOUNT_CREDENTIALS: value }),
      ).toContain('X_ACCOUNT_CREDENTIALS: must be a JSON object');
    }
  });
});
