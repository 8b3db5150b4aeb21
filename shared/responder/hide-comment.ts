import type { InboundEvent } from '../events.js';
import { PlatformError } from '../platforms/client.js';
import type { Decision } from '../policy/decision.js';
import type { MessageContext } from './message-context.js';
import type { HideOutcome, ResponderDeps } from './types.js';

/** The audit actions of the hiding step; they share a prefix, so a resumed attempt finds either. */
const HIDE_ACTION_PREFIX = 'comment_hid';
const HIDE_ACTION: Record<HideOutcome['status'], string> = {
  hidden: 'comment_hidden',
  dry_run: 'comment_hidden_dry_run',
  failed: 'comment_hide_failed',
};

/**
 * Hides the customer's public comment when the decision says so, before the replies go out, and
 * records the step in the audit trail (keyed by the event, written once). Hiding is idempotent on
 * the platforms, but a resumed attempt does not call again once the audit trail has the outcome.
 * A server error or a lost answer is tried once more at once; a refusal is not retried: the
 * replies and the hand-off go on, and a person hides it by hand.
 */
export async function hideComment(
  context: MessageContext,
  taken: { decision: Decision; resumed: boolean },
  deps: ResponderDeps,
): Promise<HideOutcome | undefined> {
  const kinds = taken.decision.hide;
  if (!kinds?.length) return undefined;
  const { event, conversationId } = context;
  if (taken.resumed) {
    const [earlier] = await deps.store.auditOfEvent(conversationId, event.eventId, HIDE_ACTION_PREFIX);
    if (earlier) return outcomeOf(earlier.action, earlier.detail);
  }
  const outcome = await callPlatform(event, deps);
  await deps.store.audit(conversationId, {
    actor: 'bot',
    action: HIDE_ACTION[outcome.status],
    eventId: event.eventId,
    reasons: kinds.map((kind) => `hide:${kind}`),
    ...(outcome.status === 'failed' ? { detail: `${outcome.errorClass}: ${outcome.note}` } : {}),
  });
  return outcome;
}

/** A blip the platform may have acted on or not: hiding is idempotent, so one more call is safe. */
const QUICK_RETRY_DELAY_MS = 200;

async function callPlatform(event: InboundEvent, deps: ResponderDeps): Promise<HideOutcome> {
  const client = deps.clients[event.platform];
  if (!client.canSend(event.accountId)) return { status: 'dry_run' };
  const hide = async (): Promise<PlatformError | undefined> => {
    try {
      await client.hideComment(event.accountId, event.messageId);
      return undefined;
    } catch (error) {
      return error instanceof PlatformError
        ? error
        : new PlatformError('server_error', `the call failed: ${(error as Error).message}`);
    }
  };
  let refusal = await hide();
  if (refusal?.errorClass === 'server_error') {
    await new Promise((resolve) => setTimeout(resolve, QUICK_RETRY_DELAY_MS));
    refusal = await hide();
  }
  if (!refusal) return { status: 'hidden' };
  deps.log.warn('the platform did not hide the comment; a person will take the case', {
    platform: event.platform,
    errorClass: refusal.errorClass,
    error: refusal.message,
  });
  return { status: 'failed', errorClass: refusal.errorClass, note: refusal.message };
}

function outcomeOf(action: string, detail: string | undefined): HideOutcome {
  if (action === HIDE_ACTION.hidden) return { status: 'hidden' };
  if (action === HIDE_ACTION.dry_run) return { status: 'dry_run' };
  const [errorClass = 'unknown', ...rest] = (detail ?? '').split(': ');
  return { status: 'failed', errorClass, note: rest.join(': ') };
}

/** The hand-off reasons of the hiding step: a code and, for a failure, the same in plain words. */
export function hideReasons(event: InboundEvent, hidden: HideOutcome | undefined): string[] {
  if (!hidden) return [];
  if (hidden.status === 'failed') {
    return [
      `hide_failed:${event.platform}:${hidden.errorClass ?? ''}`,
      `comment not hidden: ${event.platform} refused (${hidden.note ?? 'no reason given'}); hide it by hand`,
    ];
  }
  return [hidden.status === 'hidden' ? `comment_hidden:${event.platform}` : 'comment_hidden:dry_run'];
}
