import type { InboundEvent } from '../events.js';
import type { Brand } from './brand.js';
import type { Decision, HideReason, PersonalDataKind } from './decision.js';
import type { Triage } from './triage.js';

/** Kinds that count only when their check digits hold: a mistyped number is not hidden for. */
const CHECKED: ReadonlySet<PersonalDataKind> = new Set(['iban', 'payment_card']);

/**
 * Why the platform will not hide this message, when it is public and cannot be hidden: X lets an
 * account hide replies only in conversations it started; a visitor post on a Facebook page is no
 * comment.
 */
function notHideable(event: InboundEvent): string | undefined {
  if (event.platform === 'x') return event.repliesToOwnPost ? undefined : 'x_not_a_reply_to_own_post';
  return event.channel === 'comment' ? undefined : `${event.platform}_${event.channel}`;
}

/** The message holds what the brand hides comments for: personal data of the kind, or an impersonation. */
function holds(t: Triage, kind: HideReason): boolean {
  if (kind === 'impersonation') return t.signals.impersonation;
  return CHECKED.has(kind) ? t.verifiedPersonalData.includes(kind) : t.personalData.includes(kind);
}

/**
 * The decision with the hiding the brand asks for: a public message holding personal data of the
 * kinds the brand lists (`hideCommentsWith`), or posing as the brand's support, is to be hidden
 * where the platform allows it; where it does not, the reasons say so and a person sees it.
 */
export function withHiding(decision: Decision, event: InboundEvent, brand: Brand, t: Triage): Decision {
  if (event.channel === 'dm') return decision;
  const kinds = brand.hideCommentsWith.filter((kind) => holds(t, kind));
  if (kinds.length === 0) return decision;
  const why = notHideable(event);
  if (why) return { ...decision, reasons: [...decision.reasons, `hide_not_possible:${why}`] };
  return { ...decision, hide: kinds, reasons: [...decision.reasons, `hide:${kinds.join('+')}`] };
}
