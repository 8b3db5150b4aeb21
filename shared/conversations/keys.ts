import { createHash } from 'node:crypto';
import type { Platform } from '../events.js';
import type { ConversationStatus } from './model.js';
import { TABLE } from './table.js';

/**
 * Every key of the one table, and how long its items live. Items: a conversation (`CONV#id` /
 * `META`) with its messages, replies and audit entries in the same partition; one record per
 * platform event that is not a customer message; one pointer per platform message id (a customer
 * message's pointer is also its event's claim); one item per account; crisis bursts.
 */

const DAY_SECONDS = 86_400;
export interface ItemKey {
  pk: string;
  sk: string;
}

/** Sort keys by time sort as strings: milliseconds padded to a fixed width. */
export const padTime = (ms: number) => String(ms).padStart(15, '0');

const conversationPk = (conversationId: string) => `CONV#${conversationId}`;

/** The sort key prefixes of the items in a conversation's partition. */
export const SK_PREFIX = { message: 'MSG#', reply: 'REPLY#', audit: 'AUDIT#' } as const;

export const keys = {
  conversationPartition: conversationPk,
  conversation: (conversationId: string): ItemKey => ({ pk: conversationPk(conversationId), sk: 'META' }),
  event: (eventId: string): ItemKey => ({ pk: `EVENT#${eventId}`, sk: 'EVENT' }),
  messageSk: (occurredAt: number, messageId: string) =>
    `${SK_PREFIX.message}${padTime(occurredAt)}#${messageId}`,
  messagePointer: (platform: Platform, messageId: string): ItemKey => ({
    pk: `MSGID#${platform}#${messageId}`,
    sk: 'MSGID',
  }),
  replySk: (replyId: string) => `${SK_PREFIX.reply}${replyId}`,
  reply: (conversationId: string, replyId: string): ItemKey => ({
    pk: conversationPk(conversationId),
    sk: keys.replySk(replyId),
  }),
  /** Automated steps are keyed by their event, so a retried step writes the same audit item. */
  automatedAudit: (conversationId: string, eventId: string, action: string): ItemKey => ({
    pk: conversationPk(conversationId),
    sk: `${SK_PREFIX.audit}${eventId}#${action}`,
  }),
  /** People's steps get a random part, so two in the same millisecond are both kept. */
  personAudit: (
    conversationId: string,
    at: string,
    actor: string,
    action: string,
    unique: string,
  ): ItemKey => ({
    pk: conversationPk(conversationId),
    sk: `${SK_PREFIX.audit}${at}#${actor}#${action}#${unique}`,
  }),
  account: (platform: Platform, accountId: string): ItemKey => ({
    pk: `ACCOUNT#${platform}#${accountId}`,
    sk: 'ACCOUNT',
  }),
  burstPartition: (brand: string, topicId: string) => `BURST#${brand}#${topicId}`,
  burstMemberSk: (at: number, eventId: string) => `N#${padTime(at)}#${eventId}`,
  /** the bounds of burst members between two times, for a BETWEEN condition */
  burstWindow: (from: number, to: number) => ({ from: `N#${padTime(from)}`, to: `N#${padTime(to)}#~` }),
  /** the bySubject index's key of a customer's items: how an erasure finds them without a scan */
  subject: (platform: Platform, userId: string) => `${platform}#${userId}`,
  erasure: (erasureId: string): ItemKey => ({ pk: `ERASURE#${erasureId}`, sk: 'ERASURE' }),
  /** the audit lines of an erased conversation, without content, kept with its erasure record */
  erasedAudit: (erasureId: string, index: number): ItemKey => ({
    pk: `ERASURE#${erasureId}`,
    sk: `${SK_PREFIX.audit}${String(index).padStart(6, '0')}`,
  }),
  crisis: (brand: string, topicId: string): ItemKey => ({
    pk: keys.burstPartition(brand, topicId),
    sk: 'CRISIS',
  }),
  /** An agent's inbox sessions share a partition, so signing out everywhere is one query. */
  inboxSessionPartition: (agentId: string) => `INBOX#${agentId}`,
  inboxSession: (agentId: string, sessionId: string): ItemKey => ({
    pk: keys.inboxSessionPartition(agentId),
    sk: `SESSION#${sessionId}`,
  }),
};

/**
 * A customer message's pointer carries their `platform#userId` (the bySubject index), so an
 * erasure finds their messages without a scan. Only the pointer: every customer message has one
 * (it is its event's claim), and the pointer names the message's conversation and sort key, so
 * one index write per message is enough.
 */
export function subjectAttributes(message: { sentBy: string; author: { id: string } }, platform: Platform) {
  return message.sentBy === 'customer' ? { subject: keys.subject(platform, message.author.id) } : {};
}

/** The TTL attribute's value for an item written at `now` and kept `days`. */
export function expiryAfter(now: Date | number, days: number): number {
  const ms = typeof now === 'number' ? now : now.getTime();
  return Math.floor(ms / 1000) + days * DAY_SECONDS;
}

/** TTL deletes eventually: an item past its expiry is read as absent. */
export function liveItem<T extends Record<string, unknown>>(item: T | undefined, now: Date): T | undefined {
  if (!item) return undefined;
  const expiresAt = item[TABLE.ttlAttribute];
  return typeof expiresAt === 'number' && expiresAt * 1000 < now.getTime() ? undefined : item;
}

const STATUS_SHARDS = 4;
export const STATUS_SHARD_COUNT = STATUS_SHARDS;

/** Conversations of one status are spread over a few index partitions so no single one runs hot. */
export function statusShard(conversationId: string): number {
  return createHash('sha256').update(conversationId).digest().readUInt8(0) % STATUS_SHARDS;
}
export const statusIndexKey = (status: ConversationStatus, shard: number) => `STATUS#${status}#${shard}`;

/** The index attributes of a conversation in a status, listed from `at`. */
export function statusIndexAttributes(conversationId: string, status: ConversationStatus, at: string) {
  return { gsi1pk: statusIndexKey(status, statusShard(conversationId)), gsi1sk: at };
}
