import { WITH_A_PERSON } from '../conversations/lifecycle.js';
import { isDecisionAudit } from '../conversations/store.js';
import type { InboundEvent } from '../events.js';
import { buildCaseUpdate } from '../handoff/publisher.js';
import { shortHash } from '../short-hash.js';
import { storedMessage } from './message-context.js';
import type { EventOutcome, ResponderDeps } from './types.js';

/** Account changes, deletions and edits: each opens its event record and marks it done at the end. */
export async function handleChange(event: InboundEvent, deps: ResponderDeps): Promise<EventOutcome> {
  const { store } = deps;
  const { record } = await store.openEvent(event.eventId);
  if (record.status === 'done') {
    return { eventId: event.eventId, duplicate: true, replies: [] };
  }
  let conversationId: string | undefined;
  if (event.kind === 'account_revoked') {
    await store.flagAccount(event.platform, event.accountId, 'access revoked: re-authorise the account');
    deps.log.warn('account revoked our access', { platform: event.platform, accountId: event.accountId });
  } else if (event.kind === 'deleted') {
    conversationId = await recordDeletion(event, deps);
  } else if (event.kind === 'edited') {
    conversationId = await store.recordEdit(event.platform, event.messageId, event.text, event.occurredAt);
  }
  await store.completeEvent(event.eventId);
  return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
}

async function recordDeletion(event: InboundEvent, deps: ResponderDeps): Promise<string | undefined> {
  const { store } = deps;
  const conversationId = await store.markMessageDeleted(event.platform, event.messageId);
  if (conversationId) {
    const cancelled = await store.cancelPendingReplies(conversationId, event.messageId);
    await store.audit(conversationId, {
      actor: 'customer',
      action: 'message_deleted',
      eventId: event.eventId,
      detail: `message ${event.messageId} deleted; ${cancelled} pending repl${cancelled === 1 ? 'y' : 'ies'} cancelled`,
    });
    await tellPeopleHoldingTheCase(event, conversationId, deps);
  }
  return conversationId;
}

/**
 * People holding the case get an update whose transcript shows the message as deleted. The id
 * comes from the deletion event, so a retry publishes the same message and the queue drops it.
 */
async function tellPeopleHoldingTheCase(event: InboundEvent, conversationId: string, deps: ResponderDeps) {
  const { store } = deps;
  const conversation = await store.getConversation(conversationId);
  if (!conversation?.caseId || !WITH_A_PERSON.has(conversation.status)) return;
  const [transcript, audit] = await Promise.all([
    store.listMessages(conversationId),
    store.listAudit(conversationId),
  ]);
  await deps.publishHandoff(
    buildCaseUpdate({
      handoffId: `ho_${shortHash(event.eventId)}`,
      caseId: conversation.caseId,
      type: 'update',
      conversation,
      transcript,
      policyReasons: audit.filter(isDecisionAudit).at(-1)?.reasons ?? [],
      reasons: [`customer_deleted_message:${event.messageId}`],
      now: deps.clock(),
    }),
  );
}

/**
 * Our own activity is part of the conversation but never answered. The echo of a reply this
 * system posted is already recorded; anything else from our account was written by a person
 * (in the Page Inbox, on the page, in the X app), so the bot stops acknowledging there. Every
 * step is idempotent, so no event record is needed: an echo of our own reply writes nothing.
 */
export async function recordOwnMessage(
  event: InboundEvent,
  conversationId: string,
  deps: ResponderDeps,
): Promise<EventOutcome> {
  const { store } = deps;
  // Agents' replies through the agent API have a message pointer; the bot's replies are found
  // among the conversation's replies by their platform id.
  const ours =
    (await store.senderOfMessage(event.platform, event.messageId)) !== undefined ||
    (await store.listReplies(conversationId)).some((r) => r.platformId === event.messageId);
  if (!ours) {
    await store.recordMessage(storedMessage(event, conversationId, 'out', event.sentBy), event.platform);
    if (event.sentBy === 'human') {
      await store.markHumanReplied(conversationId);
      await store.audit(conversationId, {
        actor: 'platform_inbox',
        action: 'human_replied',
        eventId: event.eventId,
      });
    }
  }
  return { eventId: event.eventId, duplicate: false, conversationId, replies: [] };
}
