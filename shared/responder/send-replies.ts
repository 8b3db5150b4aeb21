import type { InboundEvent, ReplyTarget } from '../events.js';
import type { Decision } from '../policy/decision.js';
import type { MessageContext } from './message-context.js';
import { soonestRetry } from './retry-later.js';
import { type PlannedReply, sendReply } from './send-reply.js';
import type { ReplyOutcome, ResponderDeps } from './types.js';

/**
 * Sends the replies the decision names, at once when there are two, and remembers the templates
 * used. Throws the soonest retry when a reply is to be sent again later: the event is retried
 * as a whole, and the replies already settled are not sent again.
 */
export async function sendReplies(
  context: MessageContext,
  taken: { decision: Decision; resumed: boolean },
  deps: ResponderDeps,
): Promise<ReplyOutcome[]> {
  const { event, conversation, brand } = context;
  const attempts = await Promise.allSettled(
    plannedReplies(event, taken.decision).map((planned) =>
      sendReply(event, conversation, planned, { resumed: taken.resumed, timeZone: brand.timezone }, deps),
    ),
  );
  const unfinished = attempts.flatMap((a) => (a.status === 'rejected' ? [a.reason as unknown] : []));
  if (unfinished.length > 0) throw soonestRetry(unfinished);
  const replies = attempts.map((a) => (a as PromiseFulfilledResult<ReplyOutcome>).value);
  await deps.store.rememberTemplates(
    event.platform,
    event.accountId,
    context.recentTemplateIds,
    delivered(replies).map((r) => r.templateId),
  );
  return replies;
}

function plannedReplies(event: InboundEvent, decision: Decision): PlannedReply[] {
  const planned: PlannedReply[] = [];
  if (decision.publicReply)
    planned.push({ kind: 'public', rendered: decision.publicReply, target: event.replyTarget });
  if (decision.privateReply)
    planned.push({ kind: 'private', rendered: decision.privateReply, target: privateTarget(event) });
  return planned;
}

/** DMs are answered in the thread; a public message gets a private reply that opens one. */
function privateTarget(event: InboundEvent): ReplyTarget {
  if (event.channel === 'dm') return { recipientId: event.replyTarget.recipientId };
  return { privateReplyTo: event.replyTarget.privateReplyTo, recipientId: event.replyTarget.recipientId };
}

/** Replies the customer got (or would have, in a dry run). */
export const delivered = (replies: ReplyOutcome[]) =>
  replies.filter((r) => r.status === 'sent' || r.status === 'dry_run');

/** Replies a person must see to: refused, given up, or in doubt. */
export const unsettled = (replies: ReplyOutcome[]) =>
  replies.filter((r) => r.status === 'failed' || r.status === 'in_doubt');

/** The rule-like reason of a reply a person must see to, and its plain-words note when there is one. */
export function replyFailureReasons(reply: ReplyOutcome): string[] {
  return [
    `reply_${reply.status}:${reply.kind}:${reply.errorClass ?? ''}`,
    ...(reply.note ? [reply.note] : []),
  ];
}
