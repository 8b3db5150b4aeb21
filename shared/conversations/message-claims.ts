import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Platform } from '../events.js';
import type { Decision } from '../policy/decision.js';
import { conditionalWrite } from './conditional-write.js';
import { packedRecord, type StoredDecision, unpackDecision } from './decision-codec.js';
import type { EventRecords } from './events.js';
import { expiryAfter, keys, liveItem, subjectAttributes } from './keys.js';
import type { EventRecord, StoredMessage } from './model.js';
import type { TableAccess } from './table-access.js';

/**
 * Where a customer message's event is claimed: on the message's pointer (its platform id), which
 * the event needs anyway, so the claim costs no write of its own; or, when the pointer is not
 * free for it, on the event's own record.
 */
export type ClaimSite = 'pointer' | 'event';

export type FoundClaim =
  /** a tombstone holds the pointer: the message was deleted before it arrived */
  | { deleted: true }
  /** `record`: what an earlier or concurrent attempt opened, with its conversation and decision */
  | { deleted: false; site: ClaimSite; record: EventRecord | undefined };

export type OpenedClaim =
  | { deleted: true }
  /** `opened: false`: another attempt opened the claim first; its record (and decision) stands */
  | { deleted: false; opened: boolean; record: EventRecord };

/** The customer message a claim is for: the pointer's target, who wrote it, and the event. */
export type ClaimedMessage = Pick<
  StoredMessage,
  'conversationId' | 'messageId' | 'eventId' | 'occurredAt' | 'sentBy' | 'author'
>;

interface PointerItem extends Partial<Omit<EventRecord, 'decision'>>, StoredDecision {
  tombstone?: boolean;
}

/**
 * The claim of a customer message's event. The pointer is written once, after the decision, with
 * the decision on it: of two attempts, the first conditional put holds and the other acts on its
 * decision, exactly as with a separate event record. A pointer that another event holds (an X
 * post that mentions two of our accounts: one message id, two events) or that was written before
 * claims moved onto pointers (it has no `eventId`) is left as it is, and the event's own record
 * is the claim, as it was before.
 */
export class MessageClaims {
  constructor(
    private readonly table: TableAccess,
    private readonly events: EventRecords,
  ) {}

  private async pointer(platform: Platform, messageId: string): Promise<PointerItem | undefined> {
    const result = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: keys.messagePointer(platform, messageId),
        ConsistentRead: true,
      }),
    );
    return liveItem(result.Item, this.table.clock()) as PointerItem | undefined;
  }

  /** The claim of the event carrying `message`, as far as an attempt opened it. */
  async find(
    platform: Platform,
    message: Pick<ClaimedMessage, 'eventId' | 'messageId'>,
  ): Promise<FoundClaim> {
    return this.siteOf(await this.pointer(platform, message.messageId), message.eventId);
  }

  private async siteOf(pointer: PointerItem | undefined, eventId: string): Promise<FoundClaim> {
    if (!pointer) return { deleted: false, site: 'pointer', record: undefined };
    if (pointer.tombstone) return { deleted: true };
    if (pointer.eventId === eventId) return { deleted: false, site: 'pointer', record: claimRecord(pointer) };
    return { deleted: false, site: 'event', record: await this.events.get(eventId) };
  }

  /**
   * Opens the claim with the decision, where `find` said. Refused on the pointer, it reads what
   * holds it: a tombstone (deleted meanwhile), a concurrent attempt of the same event (its record
   * stands), or another event (the claim moves to this event's record).
   */
  async open(
    site: ClaimSite,
    platform: Platform,
    message: ClaimedMessage,
    decision: Decision,
  ): Promise<OpenedClaim> {
    const { eventId, conversationId } = message;
    if (site === 'event') {
      return { deleted: false, ...(await this.events.open(eventId, { conversationId, decision })) };
    }
    const now = this.table.clock();
    const record: EventRecord = {
      eventId,
      status: 'processing',
      receivedAt: now.toISOString(),
      conversationId,
      decision,
    };
    const written = await conditionalWrite(() =>
      this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...keys.messagePointer(platform, message.messageId),
            messageSk: keys.messageSk(message.occurredAt, message.messageId),
            sentBy: message.sentBy,
            ...subjectAttributes(message, platform),
            ...packedRecord(record),
            expiresAt: expiryAfter(now, this.table.retention.conversationDays),
          },
          // An expired pointer that TTL has not removed yet counts as absent, as reads see it.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
        }),
      ),
    );
    if (written) return { deleted: false, opened: true, record };
    const found = await this.siteOf(await this.pointer(platform, message.messageId), eventId);
    if (found.deleted) return found;
    if (found.site === 'event') return this.open('event', platform, message, decision);
    if (found.record) return { deleted: false, opened: false, record: found.record };
    // Refused, yet nothing holds it now (TTL removed an expired pointer meanwhile): the retry decides.
    throw new Error(`the claim of ${eventId} was refused and nothing holds it; retry the event`);
  }
}

/** The event record a claim on a pointer amounts to. */
function claimRecord(pointer: PointerItem): EventRecord {
  const { eventId, status, conversationId, receivedAt } = pointer;
  const decision = unpackDecision(pointer);
  return {
    eventId: eventId as string,
    status: status ?? 'processing',
    receivedAt: receivedAt as string,
    ...(conversationId ? { conversationId } : {}),
    ...(decision ? { decision } : {}),
  };
}
