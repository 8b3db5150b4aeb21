import { Metrics } from '@aws-lambda-powertools/metrics';
import { describe, expect, it, vi } from 'vitest';
import { STATUS_OF_REASON } from '../../shared/agent-api/status.js';
import {
  bearerToken,
  hashApiKey,
  newApiKey,
  parseAgentKeys,
  verifyApiKey,
} from '../../shared/agents/api-keys.js';
import { agentIdFromPrincipalArn } from '../../shared/agents/iam.js';
import { powertoolsSink } from '../../shared/agents/metrics.js';
import { explainRefusal } from '../../shared/agents/refusals.js';
import { serviceLevelMetrics, serviceLevelsOf } from '../../shared/agents/service-levels.js';
import {
  checkAgentReply,
  formatDuration,
  replyWindows,
  type WindowInput,
} from '../../shared/agents/windows.js';
import { checkAgentAction, planEscalation } from '../../shared/conversations/lifecycle.js';
import type { Conversation } from '../../shared/conversations/model.js';
import { PlatformError } from '../../shared/platforms/client.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2026-03-02T09:00:00Z');

const dm = (elapsed: number): WindowInput => ({
  platform: 'facebook',
  channel: 'dm',
  lastCustomerMessageAt: T0,
  privateReplyUsed: false,
  hasPublicTarget: false,
  now: T0 + elapsed,
});

describe('Messenger and Instagram reply windows for a person', () => {
  it('answers with RESPONSE at 23 h, the HUMAN_AGENT tag at 25 h and 6 days, and refuses at 8 days', () => {
    expect(checkAgentReply(dm(23 * HOUR), 'private')).toMatchObject({
      allowed: true,
      window: { mode: 'RESPONSE', msLeft: HOUR, closesAt: '2026-03-03T09:00:00.000Z' },
    });
    expect(checkAgentReply(dm(25 * HOUR), 'private')).toMatchObject({
      allowed: true,
      window: { mode: 'HUMAN_AGENT tag', msLeft: 6 * DAY - HOUR, closesAt: '2026-03-09T09:00:00.000Z' },
    });
    expect(checkAgentReply({ ...dm(6 * DAY), platform: 'instagram' }, 'private')).toMatchObject({
      allowed: true,
      window: { mode: 'HUMAN_AGENT tag', msLeft: DAY },
    });
    const late = checkAgentReply(dm(8 * DAY), 'private');
    expect(late).toMatchObject({ allowed: false, reason: 'window_closed' });
    if (late.allowed) throw new Error('unreachable');
    expect(late.message).toBe(
      "The customer last wrote 8 d ago. Messenger lets a person answer only within 7 days of the customer's last message (HUMAN_AGENT tag); the window closed at 2026-03-09T09:00:00.000Z.",
    );
    expect(late.advice).toContain('Wait for the customer to write again');
    expect(checkAgentReply(dm(HOUR), 'public')).toMatchObject({ allowed: false, reason: 'no_target' });
  });

  it('allows one private reply to a comment within 7 days, and a public reply at any time', () => {
    const comment: WindowInput = {
      platform: 'instagram',
      channel: 'comment',
      lastCustomerMessageAt: T0,
      commentAt: T0,
      privateReplyUsed: false,
      hasPublicTarget: true,
      now: T0 + 6 * DAY,
    };
    expect(replyWindows(comment).map((w) => [w.kind, w.open, w.mode])).toEqual([
      ['public', true, 'public reply'],
      ['private', true, 'private reply'],
    ]);
    expect(checkAgentReply({ ...comment, privateReplyUsed: true }, 'private')).toMatchObject({
      allowed: false,
      reason: 'private_reply_used',
    });
    expect(checkAgentReply({ ...comment, now: T0 + 8 * DAY }, 'private')).toMatchObject({
      allowed: false,
      reason: 'window_closed',
    });
    expect(checkAgentReply({ ...comment, now: T0 + 80 * DAY }, 'public')).toMatchObject({ allowed: true });
  });

  it('has no time window on X', () => {
    const x: WindowInput = {
      platform: 'x',
      channel: 'mention',
      privateReplyUsed: true,
      hasPublicTarget: true,
      now: T0 + 30 * DAY,
      lastCustomerMessageAt: T0,
    };
    expect(replyWindows(x).map((w) => [w.kind, w.open])).toEqual([
      ['public', true],
      ['private', true],
    ]);
  });

  it('tells the time left for people', () => {
    expect(
      [45_000, 20 * 60_000, 3 * HOUR + 20 * 60_000, 2 * DAY + 4 * HOUR, 7 * DAY].map(formatDuration),
    ).toEqual(['45 s', '20 min', '3 h 20 min', '2 d 4 h', '7 d']);
  });
});

describe("the X adapter's refusals in plain words", () => {
  it.each([
    ['duplicate_content', 'same text recently', 'Change the wording'],
    ['reply_not_permitted', 'mention or quote our account', 'Send the customer a DM'],
    ['rate_limited', 'rate limit', 'in 12 min'],
    ['recipient_unavailable', 'cannot receive messages from us on X', 'Reply publicly'],
  ] as const)('%s', (errorClass, says, advises) => {
    const refusal = explainRefusal(
      'x',
      new PlatformError(errorClass, 'X API POST /2/tweets: 403', { retryAfterMs: 12 * 60_000 }),
    );
    expect(refusal.message).toContain(says);
    expect(refusal.advice).toContain(advises);
    expect(refusal.message).not.toContain('/2/tweets');
  });
});

describe('API keys', () => {
  it('verifies a key against its stored hash in either configuration format, and nothing else', () => {
    const alice = newApiKey();
    const bob = newApiKey();
    for (const raw of [
      JSON.stringify({ alice: hashApiKey(alice), bob: [`sha256:${hashApiKey('old-key')}`, hashApiKey(bob)] }),
      `alice:${hashApiKey(alice)}, bob:${hashApiKey(bob)}`,
    ]) {
      const keys = parseAgentKeys(raw);
      expect(verifyApiKey(keys, alice)).toBe('alice');
      expect(verifyApiKey(keys, bob)).toBe('bob');
      expect(verifyApiKey(keys, `${alice}x`)).toBeUndefined();
      expect(verifyApiKey(keys, hashApiKey(alice))).toBeUndefined();
      expect(verifyApiKey(keys, '')).toBeUndefined();
    }
    expect(verifyApiKey([], alice)).toBeUndefined();
  });

  it('refuses a configuration holding plain keys or bad ids, without printing the value', () => {
    const secret = newApiKey();
    expect(() => parseAgentKeys(JSON.stringify({ alice: secret }))).toThrow(/expected a SHA-256 hash/);
    try {
      parseAgentKeys(`alice:${secret}`);
    } catch (error) {
      expect((error as Error).message).not.toContain(secret);
    }
    expect(() => parseAgentKeys(JSON.stringify({ 'bad id!': hashApiKey(secret) }))).toThrow(
      /invalid agent id/,
    );
    expect(parseAgentKeys(undefined)).toEqual([]);
  });

  it('names the agent after the IAM user or the session of an assumed role', () => {
    expect(agentIdFromPrincipalArn('arn:aws:iam::123456789012:user/support/alice')).toBe('alice');
    expect(agentIdFromPrincipalArn('arn:aws:sts::123456789012:assumed-role/SupportAgents/carol')).toBe(
      'carol',
    );
    expect(agentIdFromPrincipalArn('arn:aws:iam::123456789012:role/SupportAgents')).toBeUndefined();
    expect(agentIdFromPrincipalArn('arn:aws:sts::123456789012:user/alice')).toBeUndefined();
    expect(
      agentIdFromPrincipalArn('arn:aws:sts::123456789012:assumed-role/SupportAgents/bad name'),
    ).toBeUndefined();
    expect(agentIdFromPrincipalArn('alice')).toBeUndefined();
  });

  it('reads only well-formed bearer headers', () => {
    expect(bearerToken('Bearer sca_abc')).toBe('sca_abc');
    expect(bearerToken('bearer sca_abc')).toBeUndefined();
    expect(bearerToken('Bearer sca abc')).toBeUndefined();
    expect(bearerToken('Bearer sca_äbc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

/** A refusal as the agent API answers it: the lifecycle's reason with its status code. */
const answered = <T extends { allowed: boolean }>(check: T) =>
  'reason' in check
    ? { ...check, status: STATUS_OF_REASON[check.reason as keyof typeof STATUS_OF_REASON] }
    : check;

const conversation = (overrides: Partial<Conversation>): Conversation => ({
  conversationId: 'facebook:1:dm:2',
  brand: 'parcelexpress',
  platform: 'facebook',
  channel: 'dm',
  accountId: '1',
  customer: { id: '2' },
  status: 'handed_off',
  createdAt: '2026-03-02T09:00:00.000Z',
  updatedAt: '2026-03-02T09:00:00.000Z',
  automaticReplies: 1,
  humanReplied: false,
  links: {},
  replyTarget: { recipientId: '2' },
  ...overrides,
});

describe('lifecycle rules', () => {
  it('says who may do what', () => {
    const held = conversation({ status: 'claimed', claimedBy: 'alice' });
    expect(checkAgentAction(held, 'reply', 'alice')).toEqual({ allowed: true });
    expect(answered(checkAgentAction(held, 'reply', 'bob'))).toMatchObject({ status: 403 });
    expect(answered(checkAgentAction(held, 'claim', 'bob'))).toMatchObject({
      status: 409,
      message: 'already claimed by alice',
    });
    expect(checkAgentAction(held, 'claim', 'alice')).toEqual({ allowed: true, alreadyDone: true });
    // A status and a holder written by different steps in a race: claiming puts it back in order.
    expect(
      checkAgentAction(conversation({ status: 'handed_off', claimedBy: 'alice' }), 'claim', 'alice'),
    ).toEqual({
      allowed: true,
    });
    expect(answered(checkAgentAction(conversation({}), 'release', 'bob'))).toMatchObject({ status: 409 });
    expect(
      answered(checkAgentAction(conversation({ status: 'closed', closedBy: 'bob' }), 'claim', 'bob')),
    ).toMatchObject({ status: 409 });
    expect(answered(checkAgentAction(undefined, 'claim', 'bob'))).toMatchObject({ status: 404 });
  });

  it('escalates one level up, raises the priority and brings the due-by forward, never down', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    expect(
      planEscalation(
        conversation({ escalation: 'L1', priority: 'normal', dueBy: '2026-03-03T09:00:00.000Z' }),
        now,
        {},
      ),
    ).toEqual({
      allowed: true,
      escalation: 'L2',
      priority: 'high',
      dueBy: '2026-03-02T18:00:00.000Z',
    });
    expect(
      planEscalation(conversation({ escalation: 'L2', dueBy: '2026-03-02T10:30:00.000Z' }), now, {
        level: 'L3',
      }),
    ).toMatchObject({
      escalation: 'L3',
      priority: 'urgent',
      dueBy: '2026-03-02T10:30:00.000Z',
    });
    expect(answered(planEscalation(conversation({ escalation: 'L3' }), now, {}))).toMatchObject({
      allowed: false,
      status: 409,
    });
    expect(answered(planEscalation(conversation({ escalation: 'L2' }), now, { level: 'L1' }))).toMatchObject({
      allowed: false,
      status: 422,
    });
  });
});

describe('service levels', () => {
  it('measures from the customer message that opened the case, and keeps the automatic acknowledgement apart', () => {
    const c = conversation({
      caseOpenedAt: '2026-03-02T09:00:00.000Z',
      acknowledgedAt: '2026-03-02T09:00:03.000Z',
      handedOffAt: '2026-03-02T09:00:04.000Z',
      caseId: 'case_1',
      firstHumanResponseAt: '2026-03-02T09:42:00.000Z',
      dueBy: '2026-03-02T10:00:00.000Z',
      closedAt: '2026-03-02T11:00:00.000Z',
    });
    const now = new Date('2026-03-02T12:00:00Z');
    expect(serviceLevelsOf(c, now)).toMatchObject({
      acknowledgementSeconds: 3,
      handoffSeconds: 4,
      firstHumanResponseSeconds: 42 * 60,
      closeSeconds: 2 * 3600,
      dueByMet: true,
      overdue: false,
    });
    expect(serviceLevelMetrics('first_human_response', c, now).map((m) => [m.name, m.value, m.unit])).toEqual(
      [
        ['FirstHumanResponseTime', 2520, 'Seconds'],
        ['FirstHumanResponseWithinDueBy', 1, 'Count'],
      ],
    );
    expect(serviceLevelMetrics('acknowledged', c, now)).toEqual([
      {
        name: 'AutomaticAcknowledgementTime',
        unit: 'Seconds',
        value: 3,
        dimensions: { platform: 'facebook', escalation: 'L1' },
      },
    ]);
    const waiting = conversation({
      caseOpenedAt: '2026-03-02T09:00:00.000Z',
      dueBy: '2026-03-02T10:00:00.000Z',
    });
    expect(serviceLevelsOf(waiting, now)).toMatchObject({
      overdue: true,
      dueByMet: false,
      msToDueBy: -2 * HOUR,
    });
  });
});

describe('service-level metrics in EMF', () => {
  it('writes one CloudWatch EMF record per metric, with platform and escalation as dimensions', () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      powertoolsSink(new Metrics({ namespace: 'SocialCareResponder', serviceName: 'agent-api' }))([
        {
          name: 'FirstHumanResponseTime',
          unit: 'Seconds',
          value: 180,
          dimensions: { platform: 'instagram', escalation: 'L2' },
        },
        {
          name: 'FirstHumanResponseWithinDueBy',
          unit: 'Count',
          value: 1,
          dimensions: { platform: 'instagram', escalation: 'L2' },
        },
      ]);
    } finally {
      spy.mockRestore();
    }
    const records = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'SocialCareResponder',
            Dimensions: [['service', 'platform', 'escalation']],
            Metrics: [{ Name: 'FirstHumanResponseTime', Unit: 'Seconds' }],
          },
        ],
      },
      platform: 'instagram',
      escalation: 'L2',
      FirstHumanResponseTime: 180,
    });
    expect(records[1]).toMatchObject({ FirstHumanResponseWithinDueBy: 1 });
  });
});
