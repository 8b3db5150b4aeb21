/**
 * Deploy-time settings: environment variables read when `sst deploy` runs (like TABLE_BILLING in
 * capacity.ts). Each has a default that suits a brand's production stage; the README's
 * "Operations settings" table explains the choice. A malformed value stops the deploy with a
 * message that names the variable.
 */

import { randomBytes } from 'node:crypto';
import { type Retention, retentionFromEnv } from '../shared/conversations/retention.js';

/** The log retention values SST's `logging.retention` accepts. */
export const LOG_RETENTIONS = [
  '1 day',
  '3 days',
  '5 days',
  '1 week',
  '2 weeks',
  '1 month',
  '2 months',
  '3 months',
  '6 months',
  '1 year',
  '13 months',
  '2 years',
  '5 years',
  '10 years',
] as const;
export type LogRetention = (typeof LOG_RETENTIONS)[number];

export interface OperationsSettings {
  /** LOG_RETENTION: how long every function's logs are kept (default 1 month) */
  logRetention: LogRetention;
  /** TRACING=active: X-Ray traces every invocation (default off: traces cost per invocation) */
  tracing: boolean;
  /** WEBHOOK_RESERVED_CONCURRENCY: the webhook's share of the account's concurrency; 0 = none reserved */
  webhookReservedConcurrency: number;
  /** RESPONDER_MAX_CONCURRENCY: how many responders the inbound queue may run at once (2-1000) */
  responderMaxConcurrency: number;
  /** AGENT_API_RATE_LIMIT and AGENT_API_BURST_LIMIT: requests per second on the agent API stage */
  agentApi: { rateLimit: number; burstLimit: number };
  /** ALARM_EMAIL: an address subscribed to the alarm topic (confirmed by e-mail), or none */
  alarmEmail?: string;
  /** INBOUND_AGE_ALARM_SECONDS: the age of the oldest inbound message that raises an alarm */
  inboundAgeAlarmSeconds: number;
  /** LOG_HASH_KEY: the key of the hashes logs show instead of conversation ids (default: new each deploy) */
  logHashKey: string;
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${raw}`);
  }
  return value;
}

function logRetention(env: Env): LogRetention {
  const raw = env.LOG_RETENTION?.trim() || '1 month';
  const known = LOG_RETENTIONS.find((value) => value === raw);
  if (!known) throw new Error(`LOG_RETENTION must be one of ${LOG_RETENTIONS.join(', ')}; not ${raw}`);
  return known;
}

function tracing(env: Env): boolean {
  const raw = env.TRACING?.trim() || 'off';
  if (raw !== 'active' && raw !== 'off') throw new Error(`TRACING must be active or off, not ${raw}`);
  return raw === 'active';
}

function alarmEmail(env: Env): string | undefined {
  const raw = env.ALARM_EMAIL?.trim();
  if (!raw) return undefined;
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(raw)) throw new Error(`ALARM_EMAIL must be an e-mail address`);
  return raw;
}

/**
 * Unset, each deploy draws a key: hashes then correlate log lines between two deploys only, and
 * the key exists nowhere but in the functions' configuration, so a reader of the logs cannot
 * test a candidate user id against them.
 */
function logHashKey(env: Env): string {
  const raw = env.LOG_HASH_KEY?.trim();
  if (!raw) return randomBytes(32).toString('base64url');
  if (raw.length < 16) throw new Error('LOG_HASH_KEY must be at least 16 characters');
  return raw;
}

export function operationsSettings(env: Env): OperationsSettings {
  const rateLimit = integer(env, 'AGENT_API_RATE_LIMIT', 20, 1, 10_000);
  return {
    logRetention: logRetention(env),
    tracing: tracing(env),
    webhookReservedConcurrency: integer(env, 'WEBHOOK_RESERVED_CONCURRENCY', 50, 0, 10_000),
    // SQS event sources accept a maximum concurrency from 2 to 1000.
    responderMaxConcurrency: integer(env, 'RESPONDER_MAX_CONCURRENCY', 10, 2, 1000),
    agentApi: { rateLimit, burstLimit: integer(env, 'AGENT_API_BURST_LIMIT', 2 * rateLimit, 1, 10_000) },
    alarmEmail: alarmEmail(env),
    inboundAgeAlarmSeconds: integer(env, 'INBOUND_AGE_ALARM_SECONDS', 300, 60, 14 * 24 * 3600),
    logHashKey: logHashKey(env),
  };
}

/** Stages retained and protected unless PROTECTED_STAGES names others (comma-separated). */
export const DEFAULT_PROTECTED_STAGES = ['prod', 'production'];

export function isProtectedStage(stage: string, env: Env): boolean {
  const listed = env.PROTECTED_STAGES?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return (listed?.length ? listed : DEFAULT_PROTECTED_STAGES).includes(stage);
}

export interface PrivacySettings {
  /** RETENTION_DAYS, EVENT_RETENTION_DAYS, BURST_RETENTION_DAYS: the table's TTLs (docs/privacy.md) */
  retention: Retention;
  /**
   * HANDOFF_RETENTION_DAYS: how long the hand-off queue and its dead-letter queue each keep a
   * message (default 7: a bridge down over a long weekend loses nothing; 1 to 14, the SQS maximum).
   */
  handoffRetentionDays: number;
}

export function privacySettings(env: Env): PrivacySettings {
  const { retention, problems } = retentionFromEnv(env);
  if (problems.length > 0) throw new Error(problems.join('; '));
  return { retention, handoffRetentionDays: integer(env, 'HANDOFF_RETENTION_DAYS', 7, 1, 14) };
}

/** The retention as the functions that write the table read it (shared/config.ts). */
export function retentionEnvironment(retention: Retention): Record<string, string> {
  return {
    RETENTION_DAYS: String(retention.conversationDays),
    EVENT_RETENTION_DAYS: String(retention.eventDays),
    BURST_RETENTION_DAYS: String(retention.burstDays),
  };
}
