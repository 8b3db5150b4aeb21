import { describe, expect, it } from 'vitest';
import { STATUS_OF_REASON } from '../../shared/agent-api/status.js';
import { failure, inDoubt, invalid, notFound, refused } from '../../shared/agents/failures.js';
import {
  CONVERSATION_STATUSES,
  nextStatus,
  REOPENING_RULE,
  WITH_A_PERSON,
} from '../../shared/conversations/lifecycle.js';
import { PlatformError } from '../../shared/platforms/client.js';

describe('the responder in the lifecycle', () => {
  it('hands off, acknowledges and reopens without undoing a person’s claim', () => {
    expect(nextStatus({ status: 'new' }, true, false)).toBe('handed_off');
    expect(nextStatus({ status: 'claimed', claimedBy: 'alice' }, true, true)).toBeUndefined();
    expect(nextStatus({ status: 'handed_off' }, true, false)).toBeUndefined();
    expect(nextStatus({ status: 'answered', claimedBy: 'alice' }, true, false)).toBe('claimed');
    expect(nextStatus({ status: 'answered' }, true, false)).toBe('handed_off');
    expect(nextStatus({ status: 'new' }, false, true)).toBe('acknowledged');
    expect(nextStatus({ status: 'closed' }, false, true)).toBe('acknowledged');
    expect(nextStatus({ status: 'closed' }, false, false)).toBe('new');
    expect(nextStatus({ status: 'acknowledged' }, false, true)).toBeUndefined();
  });

  it('names the rule that reopened a conversation, and which statuses are with people', () => {
    expect(Object.keys(REOPENING_RULE).sort()).toEqual(['answered', 'closed']);
    expect(CONVERSATION_STATUSES.filter((s) => WITH_A_PERSON.has(s))).toEqual([
      'handed_off',
      'claimed',
      'answered',
    ]);
  });
});

describe('reasons and status codes', () => {
  it('are mapped only by the agent API', () => {
    const status = (f: { reason: keyof typeof STATUS_OF_REASON }) => STATUS_OF_REASON[f.reason];
    expect(status(notFound())).toBe(404);
    expect(status(invalid('empty'))).toBe(400);
    expect(status(failure({ allowed: false, reason: 'forbidden', message: 'held' }))).toBe(403);
    expect(status(failure({ allowed: true }, 'claim'))).toBe(409);
    expect(status(inDoubt('timeout'))).toBe(409);
    expect(status(refused('facebook', new PlatformError('rate_limited', 'slow down')))).toBe(429);
    expect(status(refused('facebook', new PlatformError('server_error', 'down')))).toBe(502);
    expect(status(refused('facebook', new PlatformError('not_found', 'gone')))).toBe(422);
  });
});
