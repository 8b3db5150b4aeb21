import { loadSqs } from '../aws/lazy-sqs.js';
import type { Conversation, StoredMessage } from '../conversations/model.js';
import type { InboundEvent } from '../events.js';
import { emitCount } from '../ops/emf.js';
import { OPS_METRICS } from '../ops/metric-names.js';
import type { Decision } from '../policy/decision.js';
import { maskedMessage } from '../policy/payment-data.js';
import type { ErasedHandoff, HandoffMessage, TranscriptEntry } from './schema.js';
import { capHandoffSize } from './size-cap.js';
import { HANDOFF_SCHEMA_VERSION } from './version.js';

const TRANSCRIPT_AUTHOR: Record<StoredMessage['sentBy'], TranscriptEntry['author']> = {
  customer: 'customer',
  bot: 'bot',
  human: 'agent',
};

/**
 * The transcript a hand-off carries. What a customer deleted is never passed on, even from a
 * transcript read before the deletion; IBANs and card numbers are masked (a message read from
 * the table is masked already, one built from the event is masked here).
 */
export function toTranscript(messages: readonly StoredMessage[]): TranscriptEntry[] {
  return messages.map((m) => {
    const { text, masked } = m.deleted ? { text: '', masked: [] } : maskedMessage(m);
    return {
      at: new Date(m.occurredAt).toISOString(),
      direction: m.direction,
      author: TRANSCRIPT_AUTHOR[m.sentBy],
      channel: m.channel,
      text,
      messageId: m.messageId,
      ...(m.deleted ? { deleted: true } : {}),
      ...(m.attachments?.length && !m.deleted ? { attachments: m.attachments } : {}),
      ...(masked?.length ? { masked: masked.map(({ kind, masked: shown }) => ({ kind, shown })) } : {}),
    };
  });
}

export interface HandoffInput {
  handoffId: string;
  caseId: string;
  type: HandoffMessage['type'];
  conversation: Conversation;
  event: InboundEvent;
  decision: Decision;
  transcript: readonly StoredMessage[];
  dmLink?: string;
  crisis?: HandoffMessage['crisis'];
}

export function buildHandoffMessage(input: HandoffInput): HandoffMessage {
  const { conversation, event, decision } = input;
  return {
    schemaVersion: HANDOFF_SCHEMA_VERSION,
    handoffId: input.handoffId,
    caseId: input.caseId,
    type: input.type,
    conversationId: conversation.conversationId,
    brand: conversation.brand,
    platform: conversation.platform,
    channel: event.channel,
    accountId: conversation.accountId,
    customer: conversation.customer,
    language: decision.language,
    intent: decision.intent,
    complex: decision.complex,
    personalData: decision.personalData,
    escalation: decision.escalation,
    priority: decision.priority,
    reasons: decision.reasons,
    transcript: toTranscript(input.transcript),
    links: {
      public: event.permalink ?? conversation.links.public,
      dm: input.dmLink ?? conversation.links.dm,
    },
    receivedAt: new Date(event.occurredAt).toISOString(),
    acknowledgedAt: conversation.acknowledgedAt,
    dueBy: decision.dueBy,
    ...(input.crisis ? { crisis: input.crisis } : {}),
  };
}

/**
 * Publishes a hand-off on the FIFO queue: group = conversation, dedup id = hand-off id. A long
 * transcript is shortened from the oldest message to fit the queue, never refused.
 */
export function handoffPublisher(queueUrl: string) {
  return async (message: HandoffMessage): Promise<void> => {
    const { sendFifoBatch } = await loadSqs();
    await sendFifoBatch(queueUrl, [
      {
        groupId: message.conversationId,
        deduplicationId: message.handoffId,
        payload: capHandoffSize(message),
      },
    ]);
    // A new crisis/PR case pages someone (infra/alarms.ts) rather than waiting in a queue.
    if (message.type === 'new' && message.escalation === 'L3') {
      emitCount(OPS_METRICS.crisisCaseOpened, { platform: message.platform });
    }
  };
}

/** An `erased` hand-off, in a group of its own (it belongs to no one conversation). */
export function erasedHandoffPublisher(queueUrl: string) {
  return async (message: ErasedHandoff): Promise<void> => {
    const { sendFifoBatch } = await loadSqs();
    await sendFifoBatch(queueUrl, [
      { groupId: `erasure:${message.erasureId}`, deduplicationId: message.handoffId, payload: message },
    ]);
  };
}

export interface CaseMessageInput {
  handoffId: string;
  caseId: string;
  /** `new` when a person's step opened the case (an escalation of a conversation without one) */
  type: HandoffMessage['type'];
  conversation: Conversation;
  transcript: readonly StoredMessage[];
  /** the rules of the latest automatic decision on the conversation (its audit entry) */
  policyReasons: readonly string[];
  /** why the case is back on the queue, e.g. `agent:released(alice)` */
  reasons: string[];
  now: Date;
}

/**
 * A hand-off built from the stored conversation alone, for steps people take (release, escalate)
 * rather than a customer event. Same contract; usually an `update` of the case.
 */
export function buildCaseUpdate(input: CaseMessageInput): HandoffMessage {
  const { conversation: c } = input;
  const lastCustomerMessage = [...input.transcript].reverse().find((m) => m.sentBy === 'customer');
  return {
    schemaVersion: HANDOFF_SCHEMA_VERSION,
    handoffId: input.handoffId,
    caseId: input.caseId,
    type: input.type,
    conversationId: c.conversationId,
    brand: c.brand,
    platform: c.platform,
    channel: c.channel,
    accountId: c.accountId,
    customer: c.customer,
    language: c.language ?? 'und',
    intent: c.intent ?? 'other',
    complex: c.complex ?? true,
    personalData: c.personalData ?? [],
    escalation: c.escalation ?? 'L1',
    priority: c.priority ?? 'normal',
    reasons: [...input.policyReasons, ...input.reasons],
    transcript: toTranscript(input.transcript),
    links: { public: c.links.public, dm: c.links.dm },
    receivedAt: new Date(lastCustomerMessage?.occurredAt ?? input.now.getTime()).toISOString(),
    acknowledgedAt: c.acknowledgedAt,
    dueBy: c.dueBy,
  };
}
