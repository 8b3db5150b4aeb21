import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Platform } from '../events.js';
import type { PlatformErrorClass } from '../platforms/client.js';
import type { Decision } from '../policy/decision.js';
import type {
  Conversation,
  ConversationStatus,
  EventRecord,
  ReplyStatus,
  StoredMessage,
  StoredReply,
} from './model.js';
import { TABLE } from './table.js';

const DAY_SECONDS = 86_400;
/** How long conversations and their records are kept (DynamoDB TTL). */
export const RETENTION_DAYS = 400;
/** Dedup records only need to outlive the platforms' retry windows (Meta: 36 h). */
const EVENT_RETENTION_DAYS = 14;
const STATUS_SHARDS = 4;
const RECENT_TEMPLATES_KEPT = 20;

const convPk = (conversationId: string) => `CONV#${conversationId}`;
const messagePointerPk = (platform: Platform, messageId: string) => `MSGID#${platform}#${messageId}`;
const accountPk = (platform: Platform, accountId: string) => `ACCOUNT#${platform}#${accountId}`;
const pad = (ms: number) => String(ms).padStart(15, '0');

/** Conversations of one status are spread over a few index partitions so no single one runs hot. */
export function statusShard(conversationId: string): number {
  return createHash('sha256').update(conversationId).digest().readUInt8(0) % STATUS_SHARDS;
}
export const STATUS_SHARD_COUNT = STATUS_SHARDS;
export const statusIndexKey = (status: ConversationStatus, shard: number) => `STATUS#${status}#${shard}`;

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

export type ReplyClaim =
  | { outcome: 'claimed'; reply: StoredReply }
  | { outcome: 'settled'; reply: StoredReply };

/**
 * The conversation store. No transactions (dynalite has none, and they are not needed): every
 * write is a conditional put or an idempotent update, so a redelivered event changes nothing.
 */
export class ConversationStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private expiry(days: number): number {
    return Math.floor(this.clock().getTime() / 1000) + days * DAY_SECONDS;
  }

  private live<T extends Record<string, unknown>>(item: T | undefined): T | undefined {
    if (!item) return undefined;
    const expiresAt = item[TABLE.ttlAttribute];
    return typeof expiresAt === 'number' && expiresAt * 1000 < this.clock().getTime() ? undefined : item;
  }

  /**
   * Opens the idempotency record of an event. Returns the existing record when the event was
   * seen before: `done` means it was fully handled; `processing` means an earlier attempt stopped
   * half-way and this one resumes it (every later step is idempotent).
   */
  async beginEvent(eventId: string): Promise<EventRecord> {
    const record: EventRecord = { eventId, status: 'processing', receivedAt: this.clock().toISOString() };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `EVENT#${eventId}`,
            sk: 'EVENT',
            ...record,
            expiresAt: this.expiry(EVENT_RETENTION_DAYS),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return record;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' },
          ConsistentRead: true,
        }),
      );
      return existing.Item as EventRecord;
    }
  }

  async assignEventConversation(eventId: string, conversationId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' },
        UpdateExpression: 'SET conversationId = if_not_exists(conversationId, :c)',
        ExpressionAttributeValues: { ':c': conversationId },
      }),
    );
  }

  /** Stores the decision once; a resumed attempt gets the first decision back, so its replies are identical. */
  async saveDecision(eventId: string, decision: Decision): Promise<Decision> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' },
          UpdateExpression: 'SET decision = :d',
          ConditionExpression: 'attribute_not_exists(decision)',
          ExpressionAttributeValues: { ':d': decision },
        }),
      );
      return decision;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = await this.db.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' },
          ConsistentRead: true,
        }),
      );
      return (existing.Item as EventRecord).decision as Decision;
    }
  }

  async completeEvent(eventId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' },
        UpdateExpression: 'SET #s = :done',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':done': 'done' },
      }),
    );
  }

  /** Which conversation a platform message belongs to, if we have stored it. */
  async conversationOfMessage(platform: Platform, messageId: string): Promise<string | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: messagePointerPk(platform, messageId), sk: 'MSGID' },
      }),
    );
    return this.live(result.Item)?.conversationId as string | undefined;
  }

  /** Records a message in its conversation; writing the same message again changes nothing. */
  async recordMessage(message: StoredMessage, platform: Platform): Promise<void> {
    const sk = `MSG#${pad(message.occurredAt)}#${message.messageId}`;
    const expiresAt = this.expiry(RETENTION_DAYS);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: convPk(message.conversationId), sk, ...message, expiresAt },
      }),
    );
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: messagePointerPk(platform, message.messageId),
          sk: 'MSGID',
          conversationId: message.conversationId,
          messageSk: sk,
          sentBy: message.sentBy,
          expiresAt,
        },
      }),
    );
  }

  /** How our side sent a message: `bot` when it is a reply this system posted. */
  async senderOfMessage(platform: Platform, messageId: string): Promise<StoredMessage['sentBy'] | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: messagePointerPk(platform, messageId), sk: 'MSGID' },
      }),
    );
    return this.live(result.Item)?.sentBy as StoredMessage['sentBy'] | undefined;
  }

  private async messagePointer(platform: Platform, messageId: string) {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: messagePointerPk(platform, messageId), sk: 'MSGID' },
      }),
    );
    return this.live(result.Item) as { conversationId: string; messageSk: string } | undefined;
  }

  /** Marks a stored message deleted; returns its conversation, or undefined when we never stored it. */
  async markMessageDeleted(platform: Platform, messageId: string): Promise<string | undefined> {
    const pointer = await this.messagePointer(platform, messageId);
    if (!pointer) return undefined;
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: convPk(pointer.conversationId), sk: pointer.messageSk },
        UpdateExpression: 'SET deleted = :t',
        ExpressionAttributeValues: { ':t': true },
      }),
    );
    return pointer.conversationId;
  }

  /** Applies an edit to a stored message (the newest edit wins); returns its conversation. */
  async recordEdit(
    platform: Platform,
    messageId: string,
    text: string,
    editedAt: number,
  ): Promise<string | undefined> {
    const pointer = await this.messagePointer(platform, messageId);
    if (!pointer) return undefined;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: convPk(pointer.conversationId), sk: pointer.messageSk },
          UpdateExpression: 'SET #t = :text, editedAt = :at',
          ConditionExpression: 'attribute_not_exists(editedAt) OR editedAt < :at',
          ExpressionAttributeNames: { '#t': 'text' },
          ExpressionAttributeValues: { ':text': text, ':at': editedAt },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    return pointer.conversationId;
  }

  /** Creates the conversation on its first message and refreshes it on later ones. */
  async touchConversation(
    init: Omit<Conversation, 'status' | 'createdAt' | 'updatedAt' | 'automaticReplies' | 'humanReplied'>,
    customerMessageAt?: number,
  ): Promise<Conversation> {
    const now = this.clock().toISOString();
    const shard = statusShard(init.conversationId);
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = {
      ':id': init.conversationId,
      ':brand': init.brand,
      ':platform': init.platform,
      ':channel': init.channel,
      ':account': init.accountId,
      ':customer': init.customer,
      ':new': 'new',
      ':now': now,
      ':zero': 0,
      ':false': false,
      ':links': init.links,
      ':target': init.replyTarget,
      ':gsi1pk': statusIndexKey('new', shard),
      ':gsi1sk': `${now}#${init.conversationId}`,
      ':gsi2pk': `CUSTOMER#${init.platform}#${init.accountId}#${init.customer.id}`,
      ':exp': this.expiry(RETENTION_DAYS),
    };
    const sets = [
      'conversationId = :id',
      'brand = if_not_exists(brand, :brand)',
      'platform = :platform',
      '#ch = if_not_exists(#ch, :channel)',
      'accountId = :account',
      'customer = if_not_exists(customer, :customer)',
      '#s = if_not_exists(#s, :new)',
      'createdAt = if_not_exists(createdAt, :now)',
      'updatedAt = :now',
      'automaticReplies = if_not_exists(automaticReplies, :zero)',
      'humanReplied = if_not_exists(humanReplied, :false)',
      'links = if_not_exists(links, :links)',
      'replyTarget = if_not_exists(replyTarget, :target)',
      'gsi1pk = if_not_exists(gsi1pk, :gsi1pk)',
      'gsi1sk = if_not_exists(gsi1sk, :gsi1sk)',
      'gsi2pk = :gsi2pk',
      'gsi2sk = if_not_exists(gsi2sk, :now)',
      'expiresAt = :exp',
    ];
    names['#ch'] = 'channel';
    if (init.topicId) {
      sets.push('topicId = if_not_exists(topicId, :topic)');
      values[':topic'] = init.topicId;
    }
    if (customerMessageAt !== undefined) {
      // A message delivered late must not move the window start backwards.
      sets.push('lastCustomerMessageAt = :lcm');
      values[':lcm'] = customerMessageAt;
    }
    const update = async (withWindowCondition: boolean) =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: convPk(init.conversationId), sk: 'META' },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ...(withWindowCondition
            ? {
                ConditionExpression:
                  'attribute_not_exists(lastCustomerMessageAt) OR lastCustomerMessageAt < :lcm',
              }
            : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
    try {
      return (await update(customerMessageAt !== undefined)).Attributes as Conversation;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      sets.splice(sets.indexOf('lastCustomerMessageAt = :lcm'), 1);
      delete values[':lcm'];
      return (await update(false)).Attributes as Conversation;
    }
  }

  async getConversation(conversationId: string): Promise<Conversation | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: convPk(conversationId), sk: 'META' },
        ConsistentRead: true,
      }),
    );
    return this.live(result.Item) as Conversation | undefined;
  }

  /** The conversation's messages, oldest first. */
  async listMessages(conversationId: string, limit = 100): Promise<StoredMessage[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
        ExpressionAttributeValues: { ':pk': convPk(conversationId), ':msg': 'MSG#' },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).filter((item) => this.live(item)).reverse() as StoredMessage[];
  }

  async listReplies(conversationId: string): Promise<StoredReply[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': convPk(conversationId), ':r': 'REPLY#' },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []) as StoredReply[];
  }

  /**
   * Claims the right to send a reply. Only one attempt ever holds it: the intended reply is
   * written before the platform call and settled after, so a retried or concurrent event never
   * posts twice. A reply left `sending` by an attempt that died is `in_doubt` and not sent again.
   */
  async claimReply(
    reply: Pick<
      StoredReply,
      'conversationId' | 'replyId' | 'eventId' | 'kind' | 'inReplyTo' | 'text' | 'templateId'
    >,
  ): Promise<ReplyClaim> {
    const now = this.clock().toISOString();
    const key = { pk: convPk(reply.conversationId), sk: `REPLY#${reply.replyId}` };
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            'SET conversationId = :c, replyId = :r, eventId = :e, kind = :k, inReplyTo = :irt, #t = :text, templateId = :tpl, #s = :sending, attempts = if_not_exists(attempts, :zero) + :one, createdAt = if_not_exists(createdAt, :now), updatedAt = :now, expiresAt = :exp',
          ConditionExpression: 'attribute_not_exists(pk) OR #s = :retry',
          ExpressionAttributeNames: { '#s': 'status', '#t': 'text' },
          ExpressionAttributeValues: {
            ':c': reply.conversationId,
            ':r': reply.replyId,
            ':e': reply.eventId,
            ':k': reply.kind,
            ':irt': reply.inReplyTo,
            ':text': reply.text,
            ':tpl': reply.templateId,
            ':sending': 'sending',
            ':retry': 'retry',
            ':zero': 0,
            ':one': 1,
            ':now': now,
            ':exp': this.expiry(RETENTION_DAYS),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { outcome: 'claimed', reply: result.Attributes as StoredReply };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = (
        await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))
      ).Item as StoredReply;
      if (existing.status === 'sending') {
        await this.settleReply(existing, 'in_doubt', {
          error: 'an earlier attempt stopped during the platform call; not sent again to avoid a double post',
        });
        return { outcome: 'settled', reply: { ...existing, status: 'in_doubt' } };
      }
      return { outcome: 'settled', reply: existing };
    }
  }

  async settleReply(
    reply: Pick<StoredReply, 'conversationId' | 'replyId'>,
    status: Exclude<ReplyStatus, 'sending'>,
    details: { platformId?: string; errorClass?: PlatformErrorClass; error?: string } = {},
  ): Promise<void> {
    const sets = ['#s = :s', 'updatedAt = :now'];
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':s': status, ':now': this.clock().toISOString() };
    for (const [name, value] of Object.entries(details)) {
      if (value === undefined) continue;
      // Names go through placeholders: `error` is a DynamoDB reserved word.
      sets.push(`#${name} = :${name}`);
      names[`#${name}`] = name;
      values[`:${name}`] = value;
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: convPk(reply.conversationId), sk: `REPLY#${reply.replyId}` },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  /** Cancels replies to a message that were not sent yet (the customer deleted it first). */
  async cancelPendingReplies(conversationId: string, inReplyTo: string): Promise<number> {
    const pending = (await this.listReplies(conversationId)).filter(
      (r) => r.inReplyTo === inReplyTo && r.status === 'retry',
    );
    for (const reply of pending) {
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: convPk(conversationId), sk: `REPLY#${reply.replyId}` },
            UpdateExpression: 'SET #s = :cancelled, updatedAt = :now',
            ConditionExpression: '#s = :retry',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':cancelled': 'cancelled',
              ':retry': 'retry',
              ':now': this.clock().toISOString(),
            },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    return pending.length;
  }

  /**
   * Records the outcome of an automatic step on the conversation: status, counters and the
   * fields agents see. Idempotent per event: the event id is remembered in a set and the
   * counters move only the first time.
   */
  async applyAutomaticOutcome(
    conversationId: string,
    eventId: string,
    outcome: { status?: ConversationStatus; acknowledged: boolean; decision: Decision; caseId?: string },
  ): Promise<void> {
    const now = this.clock().toISOString();
    const sets = ['updatedAt = :now', '#lang = :lang', 'escalation = :esc', 'priority = :prio'];
    const values: Record<string, unknown> = {
      ':now': now,
      ':lang': outcome.decision.language,
      ':esc': outcome.decision.escalation,
      ':prio': outcome.decision.priority,
      ':ev': new Set([eventId]),
      ':evs': eventId,
    };
    const names: Record<string, string> = { '#lang': 'language' };
    if (outcome.status) {
      sets.push('#s = :status', 'gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk');
      names['#s'] = 'status';
      values[':status'] = outcome.status;
      values[':gsi1pk'] = statusIndexKey(outcome.status, statusShard(conversationId));
      values[':gsi1sk'] = `${now}#${conversationId}`;
    }
    if (outcome.acknowledged) {
      sets.push(
        'automaticReplies = automaticReplies + :one',
        'acknowledgedAt = if_not_exists(acknowledgedAt, :now)',
      );
      values[':one'] = 1;
    }
    if (outcome.caseId) {
      sets.push('caseId = :case', 'handedOffAt = if_not_exists(handedOffAt, :now)');
      values[':case'] = outcome.caseId;
    }
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: convPk(conversationId), sk: 'META' },
          UpdateExpression: `SET ${sets.join(', ')} ADD appliedEvents :ev`,
          ConditionExpression: 'attribute_exists(pk) AND NOT contains(appliedEvents, :evs)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** A person answered in this conversation (through the system, or in the platform's own inbox). */
  async markHumanReplied(conversationId: string): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: convPk(conversationId), sk: 'META' },
          UpdateExpression: 'SET humanReplied = :t, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':t': true, ':now': this.clock().toISOString() },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  /** Appends an entry to the conversation's audit trail (who did what, when, and why). */
  async audit(
    conversationId: string,
    entry: { actor: string; action: string; eventId?: string; reasons?: string[]; detail?: string },
  ): Promise<void> {
    const at = this.clock().toISOString();
    // The event id makes the key deterministic for automated steps, so a retry writes the same item.
    const suffix = entry.eventId
      ? `${entry.eventId}#${entry.action}`
      : `${entry.actor}#${entry.action}#${at}`;
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: convPk(conversationId),
            sk: entry.eventId ? `AUDIT#${suffix}` : `AUDIT#${at}#${suffix}`,
            at,
            conversationId,
            ...entry,
            expiresAt: this.expiry(RETENTION_DAYS),
          },
          ...(entry.eventId ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async listAudit(conversationId: string): Promise<Array<Record<string, unknown>>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':pk': convPk(conversationId), ':a': 'AUDIT#' },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []).sort((a, b) => String(a.at).localeCompare(String(b.at)));
  }

  /** Template ids this account used most recently (the renderer avoids repeating them). */
  async recentTemplates(platform: Platform, accountId: string): Promise<string[]> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(platform, accountId), sk: 'ACCOUNT' },
      }),
    );
    return ((result.Item?.recentTemplates as string[] | undefined) ?? []).slice(-RECENT_TEMPLATES_KEPT);
  }

  async rememberTemplate(platform: Platform, accountId: string, templateId: string): Promise<void> {
    const recent = [...(await this.recentTemplates(platform, accountId)), templateId].slice(
      -RECENT_TEMPLATES_KEPT,
    );
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(platform, accountId), sk: 'ACCOUNT' },
        UpdateExpression: 'SET recentTemplates = :r',
        ExpressionAttributeValues: { ':r': recent },
      }),
    );
  }

  /** The account withdrew our access (X revoke) or its token stopped working: someone must re-authorise it. */
  async flagAccount(platform: Platform, accountId: string, problem: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(platform, accountId), sk: 'ACCOUNT' },
        UpdateExpression: 'SET needsAttention = :p, flaggedAt = :now',
        ExpressionAttributeValues: { ':p': problem, ':now': this.clock().toISOString() },
      }),
    );
  }

  async accountState(
    platform: Platform,
    accountId: string,
  ): Promise<{ needsAttention?: string; flaggedAt?: string }> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(platform, accountId), sk: 'ACCOUNT' },
      }),
    );
    return (result.Item ?? {}) as { needsAttention?: string; flaggedAt?: string };
  }
}
