import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  paginateQuery,
  type QueryCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { expiryAfter, keys, SK_PREFIX } from '../conversations/keys.js';
import type { Conversation } from '../conversations/model.js';
import { TABLE } from '../conversations/table.js';
import type { TableAccess } from '../conversations/table-access.js';
import type { Platform } from '../events.js';

/**
 * The table's side of erasing one customer (GDPR Art. 17). Their items are found through the
 * bySubject index (`platform#userId` on each of their messages and message pointers), never by
 * a scan. Conversations where they are the customer go entirely (their audit lines stay, without
 * content, with the erasure record); in other conversations only their messages, the replies to
 * them and the content of audit entries about them go. Their message ids keep a tombstone for the
 * redelivery window, so a late copy of one of their events is not stored or answered again.
 */
export interface Subject {
  platform: Platform;
  userId: string;
}

export interface ErasureCounts {
  conversations: number;
  messages: number;
  replies: number;
  pointers: number;
  eventRecords: number;
  auditEntries: number;
  burstReferences: number;
}

export interface ErasureOutcome {
  counts: ErasureCounts;
  caseIds: string[];
  conversationIds: string[];
}

type Item = Record<string, unknown> & { pk: string; sk: string };

/** the part after `PREFIX#…#`: the platform message id of a pointer or a message's sort key */
const lastPart = (key: string, skip: number) => key.split('#').slice(skip).join('#');

export class SubjectEraser {
  private readonly counts: ErasureCounts = {
    conversations: 0,
    messages: 0,
    replies: 0,
    pointers: 0,
    eventRecords: 0,
    auditEntries: 0,
    burstReferences: 0,
  };
  private readonly eventIds = new Set<string>();
  private readonly erasedConversations = new Set<string>();
  private readonly caseIds = new Set<string>();
  private readonly topics = new Map<string, { brand: string; topicId: string }>();
  private readonly tombstoned = new Set<string>();
  private auditLines = 0;

  constructor(
    private readonly table: TableAccess,
    private readonly subject: Subject,
    private readonly erasureId: string,
  ) {}

  async run(): Promise<ErasureOutcome> {
    const found = await this.findSubjectItems();
    const conversationIds = new Set(found.map((item) => item.conversationId as string).filter(Boolean));
    const messageIds = new Set<string>();
    for (const item of found) {
      if (typeof item.eventId === 'string') this.eventIds.add(item.eventId);
      messageIds.add(item.pk.startsWith('MSGID#') ? lastPart(item.pk, 2) : lastPart(item.sk, 2));
    }
    for (const conversationId of conversationIds) {
      const conversation = await this.conversation(conversationId);
      const topicId = conversation?.topicId;
      if (conversation && topicId) {
        this.topics.set(`${conversation.brand}#${topicId}`, { brand: conversation.brand, topicId });
      }
      if (conversation && this.isTheirs(conversation)) await this.eraseConversation(conversation);
      else await this.eraseTheirPart(conversationId, messageIds);
    }
    for (const messageId of messageIds) await this.tombstone(messageId);
    for (const eventId of this.eventIds) await this.deleteEventRecord(eventId);
    for (const topic of this.topics.values()) await this.eraseBurstReferences(topic.brand, topic.topicId);
    return {
      counts: this.counts,
      caseIds: [...this.caseIds],
      conversationIds: [...conversationIds],
    };
  }

  private isTheirs(conversation: Conversation) {
    return (
      conversation.platform === this.subject.platform && conversation.customer.id === this.subject.userId
    );
  }

  private findSubjectItems(): Promise<Item[]> {
    return this.queryAll({
      IndexName: TABLE.indexes.bySubject.name,
      KeyConditionExpression: '#subject = :subject',
      ExpressionAttributeNames: { '#subject': TABLE.indexes.bySubject.partitionKey },
      ExpressionAttributeValues: { ':subject': keys.subject(this.subject.platform, this.subject.userId) },
    });
  }

  /** Every item a query finds, over all its pages. */
  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    const pages = paginateQuery({ client: this.table.db }, { TableName: this.table.tableName, ...input });
    for await (const page of pages) items.push(...((page.Items ?? []) as Item[]));
    return items;
  }

  private async conversation(conversationId: string): Promise<Conversation | undefined> {
    const result = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.conversation(conversationId),
        ConsistentRead: true,
      }),
    );
    return result.Item as Conversation | undefined;
  }

  private partition(conversationId: string): Promise<Item[]> {
    return this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.conversationPartition(conversationId) },
      ConsistentRead: true,
    });
  }

  /** Every item of a conversation where they are the customer; its audit lines stay without content. */
  private async eraseConversation(conversation: Conversation): Promise<void> {
    this.erasedConversations.add(conversation.conversationId);
    if (conversation.caseId) this.caseIds.add(conversation.caseId);
    for (const item of await this.partition(conversation.conversationId)) {
      if (typeof item.eventId === 'string') this.eventIds.add(item.eventId);
      if (item.sk.startsWith(SK_PREFIX.audit)) await this.keepAuditLine(item);
      else if (item.sk.startsWith(SK_PREFIX.message)) {
        this.counts.messages++;
        // a decision kept on its message is an audit entry of the bot's (see conversations/audit.ts)
        const decided = item.decided as { at?: unknown; action?: unknown } | undefined;
        if (decided)
          await this.keepAuditLine({ ...item, actor: 'bot', at: decided.at, action: decided.action });
        // everyone's message in it: a redelivery must not recreate the conversation
        await this.tombstone(lastPart(item.sk, 2), item.sentBy === 'customer' ? undefined : item.sentBy);
      } else if (item.sk.startsWith(SK_PREFIX.reply)) {
        this.counts.replies++;
        if (typeof item.platformId === 'string') await this.tombstone(item.platformId, 'bot');
      }
      await this.delete(item);
    }
    this.counts.conversations++;
  }

  /** An audit entry of an erased conversation: who did what and when, nothing about whom. */
  private async keepAuditLine(item: Item): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...keys.erasedAudit(this.erasureId, this.auditLines++),
          at: item.at,
          actor: item.actor,
          action: item.action,
          expiresAt: item.expiresAt,
        },
      }),
    );
    this.counts.auditEntries++;
  }

  /** Their messages in someone else's conversation, the replies to them, and audit content about them. */
  private async eraseTheirPart(conversationId: string, messageIds: Set<string>): Promise<void> {
    for (const item of await this.partition(conversationId)) {
      const { sk } = item;
      if (sk.startsWith(SK_PREFIX.message) && messageIds.has(lastPart(sk, 2))) {
        this.counts.messages++;
        await this.delete(item);
      } else if (sk.startsWith(SK_PREFIX.reply) && messageIds.has(item.inReplyTo as string)) {
        this.counts.replies++;
        if (typeof item.platformId === 'string') await this.tombstone(item.platformId, 'bot');
        await this.delete(item);
      } else if (sk.startsWith(SK_PREFIX.audit) && this.quotesThem(item, messageIds)) {
        this.counts.auditEntries++;
        await this.table.db.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: { pk: item.pk, sk },
            UpdateExpression: 'REMOVE detail, reasons',
          }),
        );
      }
    }
  }

  private quotesThem(item: Item, messageIds: Set<string>): boolean {
    if (typeof item.eventId === 'string' && this.eventIds.has(item.eventId)) return true;
    const detail = typeof item.detail === 'string' ? item.detail : '';
    return [...messageIds].some((id) => detail.includes(id));
  }

  /**
   * Replaces a message pointer with a tombstone for the redelivery window: the responder stores
   * and answers nothing under it again, and an echo of our reply stays known as ours (`sentBy`).
   */
  private async tombstone(messageId: string, sentBy?: unknown): Promise<void> {
    if (this.tombstoned.has(messageId)) return;
    this.tombstoned.add(messageId);
    const now = this.table.clock();
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...keys.messagePointer(this.subject.platform, messageId),
          tombstone: true,
          erased: true,
          ...(typeof sentBy === 'string' ? { sentBy } : {}),
          expiresAt: expiryAfter(now, this.table.retention.eventDays),
        },
      }),
    );
    this.counts.pointers++;
  }

  private async deleteEventRecord(eventId: string): Promise<void> {
    const result = await this.table.db.send(
      new DeleteCommand({
        TableName: this.table.tableName,
        Key: keys.event(eventId),
        ReturnValues: 'ALL_OLD',
      }),
    );
    if (result.Attributes) this.counts.eventRecords++;
  }

  /** Their negative messages in a topic's burst, and their event as a crisis's trigger. */
  private async eraseBurstReferences(brand: string, topicId: string): Promise<void> {
    const members = await this.queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.burstPartition(brand, topicId) },
      ConsistentRead: true,
    });
    for (const item of members) {
      const theirs =
        this.eventIds.has(item.eventId as string) ||
        this.erasedConversations.has(item.conversationId as string);
      if (!theirs) continue;
      this.counts.burstReferences++;
      if (item.sk === keys.crisis(brand, topicId).sk) {
        // the crisis stays claimed (one case per burst); only the reference to their event goes
        await this.table.db.send(
          new UpdateCommand({
            TableName: this.table.tableName,
            Key: { pk: item.pk, sk: item.sk },
            UpdateExpression: 'SET eventId = :erased',
            ExpressionAttributeValues: { ':erased': `erased:${this.erasureId}` },
          }),
        );
      } else await this.delete(item);
    }
  }

  private async delete(item: Item): Promise<void> {
    await this.table.db.send(
      new DeleteCommand({ TableName: this.table.tableName, Key: { pk: item.pk, sk: item.sk } }),
    );
  }
}
