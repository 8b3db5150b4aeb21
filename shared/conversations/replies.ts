import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Channel } from '../events.js';
import { conditionalWrite } from './conditional-write.js';
import { expiryAfter, keys, SK_PREFIX } from './keys.js';
import type { ReplyStatus, StoredReply } from './model.js';
import type { TableAccess } from './table-access.js';
import { updateExpression } from './update-expression.js';

/** An automatic reply as its event's decision names it. */
export type IntendedReply = Pick<
  StoredReply,
  'conversationId' | 'replyId' | 'eventId' | 'kind' | 'inReplyTo' | 'text' | 'templateId' | 'channel'
>;

/** A reply about to be claimed: an automatic one, or an agent's. */
export type ClaimedReplyInput = Pick<
  StoredReply,
  'conversationId' | 'replyId' | 'eventId' | 'kind' | 'inReplyTo' | 'text' | 'templateId'
> & { agentId?: string; channel?: Channel };

/** What a platform call left to record on its reply. */
export type ReplySettlement = Partial<
  Pick<StoredReply, 'platformId' | 'errorClass' | 'error' | 'firstFailedAt'>
>;

export type ReplyClaim =
  | { outcome: 'claimed'; reply: StoredReply }
  | { outcome: 'settled'; reply: StoredReply };

const DIED_DURING_CALL =
  'an earlier attempt stopped during the platform call; not sent again to avoid a double post';
const DIED_BEFORE_RECORD =
  'an earlier attempt stopped before it recorded the platform call; not sent again to avoid a double post';

/** One item per intended reply: written so that a retried or concurrent attempt never posts twice. */
export class Replies {
  constructor(private readonly table: TableAccess) {}

  private now() {
    return this.table.clock().toISOString();
  }

  private async get(conversationId: string, replyId: string): Promise<StoredReply | undefined> {
    const result = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.reply(conversationId, replyId),
        ConsistentRead: true,
      }),
    );
    return result.Item as StoredReply | undefined;
  }

  async list(conversationId: string): Promise<StoredReply[]> {
    const result = await this.table.db.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: {
          ':pk': keys.conversationPartition(conversationId),
          ':r': SK_PREFIX.reply,
        },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []) as StoredReply[];
  }

  /**
   * Claims the right to send a reply: an agent's reply, or an automatic one sent again after a
   * retryable failure. Only one attempt ever holds it: the reply is written as `sending` before
   * the platform call and settled after, so a retried or concurrent attempt never posts twice. A
   * reply left `sending` by an attempt that died is `in_doubt` and not sent again.
   */
  async claim(reply: ClaimedReplyInput): Promise<ReplyClaim> {
    const now = this.now();
    const { conversationId, replyId, eventId, kind, inReplyTo, text, templateId, agentId, channel } = reply;
    const update = updateExpression(
      {
        set: {
          conversationId,
          replyId,
          eventId,
          kind,
          inReplyTo,
          text,
          templateId,
          status: 'sending',
          updatedAt: now,
          expiresAt: expiryAfter(this.table.clock(), this.table.retention.conversationDays),
          ...(agentId ? { agentId } : {}),
          ...(channel ? { channel } : {}),
        },
        setIfAbsent: { createdAt: now },
        increment: { attempts: 1 },
      },
      { expression: 'attribute_not_exists(pk) OR #status = :retry', values: { ':retry': 'retry' } },
    );
    const claimed = await conditionalWrite(() =>
      this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.reply(reply.conversationId, reply.replyId),
          ...update,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    if (claimed) return { outcome: 'claimed', reply: claimed.Attributes as StoredReply };
    const existing = (await this.get(reply.conversationId, reply.replyId)) as StoredReply;
    if (existing.status !== 'sending') return { outcome: 'settled', reply: existing };
    return { outcome: 'settled', reply: await this.markInDoubt(existing) };
  }

  /** A reply left `sending` by an attempt that died; an attempt that finished meanwhile has the last word. */
  private async markInDoubt(existing: StoredReply): Promise<StoredReply> {
    const marked = await conditionalWrite(() =>
      this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: keys.reply(existing.conversationId, existing.replyId),
          ...updateExpression(
            { set: { status: 'in_doubt', error: DIED_DURING_CALL, updatedAt: this.now() } },
            { expression: '#status = :sending', values: { ':sending': 'sending' } },
          ),
        }),
      ),
    );
    if (marked) return { ...existing, status: 'in_doubt', error: DIED_DURING_CALL };
    return (await this.get(existing.conversationId, existing.replyId)) as StoredReply;
  }

  async settle(
    reply: Pick<StoredReply, 'conversationId' | 'replyId'>,
    status: Exclude<ReplyStatus, 'sending'>,
    details: ReplySettlement = {},
  ): Promise<void> {
    const recorded = Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined));
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: keys.reply(reply.conversationId, reply.replyId),
        ...updateExpression({ set: { status, updatedAt: this.now(), ...recorded } }),
      }),
    );
  }

  /**
   * Records an automatic reply after its platform call (or instead of it: a dry run). No claim
   * is written before the call: the event's record, opened with the decision before any call,
   * is the claim, and `resume` treats a decided reply without an item as in doubt.
   */
  async record(
    reply: IntendedReply,
    status: Exclude<ReplyStatus, 'sending' | 'cancelled'>,
    details: ReplySettlement = {},
  ): Promise<StoredReply> {
    const now = this.now();
    const item: StoredReply = {
      ...reply,
      status,
      attempts: 1,
      createdAt: now,
      updatedAt: now,
      ...Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)),
    };
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...keys.reply(reply.conversationId, reply.replyId),
          ...item,
          expiresAt: expiryAfter(this.table.clock(), this.table.retention.conversationDays),
        },
      }),
    );
    return item;
  }

  /**
   * A reply decided by an earlier attempt of the same event. One that failed in a retryable way
   * is claimed again (`claimed`: send it now); one the earlier attempt settled is returned as it
   * is; one without an item was being sent when that attempt died, so it is in doubt and is never
   * sent again automatically.
   */
  async resume(reply: IntendedReply): Promise<ReplyClaim> {
    const existing = await this.get(reply.conversationId, reply.replyId);
    // Only a reply left to retry (or one still `sending`, which becomes in doubt) needs the claim's
    // conditional write; a settled one is returned as read, without a refused write.
    if (existing && existing.status !== 'retry' && existing.status !== 'sending') {
      return { outcome: 'settled', reply: existing };
    }
    if (existing) return this.claim(reply);
    const now = this.now();
    const inDoubt: StoredReply = {
      ...reply,
      status: 'in_doubt',
      attempts: 1,
      error: DIED_BEFORE_RECORD,
      createdAt: now,
      updatedAt: now,
    };
    const written = await conditionalWrite(() =>
      this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...keys.reply(reply.conversationId, reply.replyId),
            ...inDoubt,
            expiresAt: expiryAfter(this.table.clock(), this.table.retention.conversationDays),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    // Refused: the earlier attempt was still running and has just recorded its call.
    return written ? { outcome: 'settled', reply: inDoubt } : this.claim(reply);
  }

  /** Cancels replies to a message that were not sent yet (the customer deleted it first). */
  async cancelPending(conversationId: string, inReplyTo: string): Promise<number> {
    const pending = (await this.list(conversationId)).filter(
      (r) => r.inReplyTo === inReplyTo && r.status === 'retry',
    );
    for (const reply of pending) {
      await conditionalWrite(() =>
        this.table.db.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: keys.reply(conversationId, reply.replyId),
            ...updateExpression(
              { set: { status: 'cancelled', updatedAt: this.now() } },
              { expression: '#status = :retry', values: { ':retry': 'retry' } },
            ),
          }),
        ),
      );
    }
    return pending.length;
  }
}
