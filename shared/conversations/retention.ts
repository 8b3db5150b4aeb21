/**
 * How long the table keeps each kind of item (DynamoDB TTL, counted from each write): the
 * retention table in docs/privacy.md says what each holds and why. Set per deployment through
 * the environment (infra/settings.ts passes the deploy-time values to the functions).
 */
export interface Retention {
  /** RETENTION_DAYS: conversations, their messages, replies and audit entries, message pointers */
  conversationDays: number;
  /** EVENT_RETENTION_DAYS: event records (the dedup claim) and tombstones of messages deleted unseen */
  eventDays: number;
  /** BURST_RETENTION_DAYS: crisis-burst members and crisis claims */
  burstDays: number;
}

/** How long the inbound queue keeps an event (infra/queues.ts). */
export const INBOUND_QUEUE_RETENTION_DAYS = 4;
/** How long the inbound dead-letter queue keeps an event: the SQS maximum, for a long weekend and the fix. */
export const INBOUND_DEAD_LETTER_RETENTION_DAYS = 14;
/**
 * An event record must outlive the event on both queues (a FIFO dead-letter queue counts from
 * the move), or a redriven event is answered twice.
 */
export const EVENT_RECORD_MIN_DAYS = INBOUND_QUEUE_RETENTION_DAYS + INBOUND_DEAD_LETTER_RETENTION_DAYS + 1;

export const RETENTION_SETTINGS = {
  RETENTION_DAYS: { key: 'conversationDays', fallback: 180, min: 30, max: 3650 },
  EVENT_RETENTION_DAYS: { key: 'eventDays', fallback: 21, min: EVENT_RECORD_MIN_DAYS, max: 90 },
  BURST_RETENTION_DAYS: { key: 'burstDays', fallback: 1, min: 1, max: 7 },
} as const satisfies Record<string, { key: keyof Retention; fallback: number; min: number; max: number }>;

export const DEFAULT_RETENTION: Retention = {
  conversationDays: RETENTION_SETTINGS.RETENTION_DAYS.fallback,
  eventDays: RETENTION_SETTINGS.EVENT_RETENTION_DAYS.fallback,
  burstDays: RETENTION_SETTINGS.BURST_RETENTION_DAYS.fallback,
};

/** The retention an environment sets; the problems name the variable and the range it must be in. */
export function retentionFromEnv(env: Record<string, string | undefined>): {
  retention: Retention;
  problems: string[];
} {
  const retention = { ...DEFAULT_RETENTION };
  const problems: string[] = [];
  for (const [name, { key, fallback, min, max }] of Object.entries(RETENTION_SETTINGS)) {
    const raw = env[name]?.trim();
    const value = raw ? Number(raw) : fallback;
    if (raw && (!/^\d+$/.test(raw) || value < min || value > max)) {
      problems.push(`${name} must be a whole number of days from ${min} to ${max}, not ${raw}`);
    } else retention[key] = value;
  }
  return { retention, problems };
}
