import type { Conversation, ReplyStatus, StoredReply } from '../conversations/model.js';
import type { IntendedReply, ReplySettlement } from '../conversations/store.js';
import type { InboundEvent, ReplyTarget } from '../events.js';
import type { RenderedText } from '../policy/decision.js';
import { type Delivery, deliverReply } from '../replies/deliver.js';
import { DEFAULT_RETRY_POLICY, retryVerdict } from '../replies/retry-budget.js';
import { RetryLater } from './retry-later.js';
import type { ReplyOutcome, ResponderDeps } from './types.js';

export interface PlannedReply {
  kind: 'public' | 'private';
  rendered: RenderedText;
  target: ReplyTarget;
}

/**
 * Sends one reply the decision names, through the path every reply takes. On the first attempt
 * the event record is the claim: the call is made and its result recorded once. A resumed attempt
 * sends only what failed certainly undone before; a reply that was in flight when an attempt died
 * is in doubt, not resent. Throws `RetryLater` when the reply is to be sent again after a delay;
 * once its retry budget is used up it fails, with the reason, and a person gets the case.
 */
export async function sendReply(
  event: InboundEvent,
  conversation: Conversation,
  planned: PlannedReply,
  context: { resumed: boolean; timeZone: string },
  deps: ResponderDeps,
): Promise<ReplyOutcome> {
  const { kind, rendered, target } = planned;
  const { store } = deps;
  const intended: IntendedReply = {
    conversationId: conversation.conversationId,
    replyId: `${event.eventId}#${kind}`,
    eventId: event.eventId,
    kind,
    inReplyTo: event.messageId,
    text: rendered.text,
    templateId: rendered.templateId,
    channel: kind === 'public' ? event.channel : 'dm',
  };
  const outcome = (status: ReplyStatus, extra: Partial<ReplyOutcome> = {}): ReplyOutcome => ({
    kind,
    status,
    text: rendered.text,
    templateId: rendered.templateId,
    ...extra,
  });
  let claimed: StoredReply | undefined;
  if (context.resumed) {
    const claim = await store.resumeReply(intended);
    if (claim.outcome === 'settled') {
      const { status, platformId, errorClass } = claim.reply;
      return outcome(status, { platformId, errorClass });
    }
    claimed = claim.reply;
  }

  const delivery = await deliverReply(
    {
      platform: event.platform,
      accountId: event.accountId,
      kind,
      target,
      text: rendered.text,
      messageOptions: {
        lastCustomerMessageAt: event.channel === 'dm' ? conversation.lastCustomerMessageAt : undefined,
        now: deps.clock().getTime(),
      },
    },
    {
      client: deps.clients[event.platform],
      clock: deps.clock,
      log: deps.log,
      settle: async (status, details: ReplySettlement = {}) => {
        if (claimed) await store.settleReply(claimed, status, details);
        else await store.recordReply(intended, status, details);
      },
      flagAccount: (platform, accountId, problem) => store.flagAccount(platform, accountId, problem),
      retryVerdict: (error) =>
        retryVerdict(error, {
          platform: event.platform,
          role: event.channel === 'dm' ? 'dm_answer' : 'acknowledgement',
          failures: claimed?.attempts ?? 1,
          firstFailedAt: claimed?.firstFailedAt,
          lastCustomerMessageAt: conversation.lastCustomerMessageAt,
          now: deps.clock(),
          timeZone: context.timeZone,
          policy: deps.retryPolicy ?? DEFAULT_RETRY_POLICY,
        }),
    },
  );

  return reportDelivery(delivery, event, intended, deps);
}

/** What the responder does with a reply's delivery: log, point X replies at the conversation, retry later. */
async function reportDelivery(
  delivery: Delivery,
  event: InboundEvent,
  intended: IntendedReply,
  deps: ResponderDeps,
): Promise<ReplyOutcome> {
  const { kind } = intended;
  const outcome = (status: ReplyStatus, extra: Partial<ReplyOutcome> = {}): ReplyOutcome => ({
    kind,
    status,
    text: intended.text,
    templateId: intended.templateId,
    ...extra,
  });
  switch (delivery.status) {
    case 'dry_run':
      deps.log.info('dry run: no credentials for this account, reply not sent', {
        platform: event.platform,
        accountId: event.accountId,
        kind,
      });
      return outcome('dry_run');
    case 'sent':
      // On X (Account Activity) a customer's answer to our public reply names our reply as its
      // root: the pointer joins it to this conversation. Elsewhere the thread already does.
      if (event.platform === 'x' && kind === 'public') {
        await deps.store.recordReplyPointer(event.platform, intended, delivery.platformId);
      }
      return outcome('sent', { platformId: delivery.platformId });
    case 'retry':
      throw new RetryLater(delivery.retryInMs, delivery.error);
    case 'in_doubt':
      deps.log.warn('reply may have been posted and the platform cannot tell; a person will take the case', {
        platform: event.platform,
        kind,
        reason: delivery.reason,
      });
      return outcome('in_doubt', {
        errorClass: delivery.error.errorClass,
        note: `reply in doubt (${kind}): ${delivery.reason}`,
      });
    case 'failed':
      deps.log.warn('reply refused by the platform; a person will take the case', {
        platform: event.platform,
        kind,
        errorClass: delivery.error.errorClass,
        error: delivery.error.message,
      });
      return outcome('failed', {
        errorClass: delivery.error.errorClass,
        ...(delivery.reason ? { note: delivery.reason } : {}),
      });
  }
}
