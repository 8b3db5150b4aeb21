import type { InboundEvent } from '../events.js';
import type { Brand, BrandAccount, Situation } from './brand.js';
import { brandDmLink, businessHoursOf, crisisSettings } from './brand.js';
import type { Action, Decision, Escalation, Priority, RenderedText } from './decision.js';
import { addBusinessMinutes, isOpen, nextOpening } from './hours.js';
import {
  describeNextOpening,
  describeOpeningHours,
  type Placement,
  renderTemplate,
  TemplateError,
  type TemplateValues,
} from './templates.js';
import { type Triage, triage } from './triage.js';

export type { Brand, BrandAccount, CrisisSettings } from './brand.js';
export { BrandSchema, brandDmLink, crisisSettings, dmLink } from './brand.js';
export type { Triage } from './triage.js';
export { triage } from './triage.js';

/** What the policy needs to know about the conversation an event belongs to. */
export interface ConversationState {
  /** automatic acknowledgements already sent in this conversation */
  automaticReplies: number;
  /** a person (an agent, or someone answering in the platform's own inbox) has already answered */
  humanReplied: boolean;
  /** the conversation is already with a person: a new message updates that case */
  handedOff: boolean;
  /** template ids this account used recently (most recent last): rendering avoids repeating them */
  recentTemplateIds: string[];
}

/** A conversation the policy has not seen before. */
export function freshConversation(): ConversationState {
  return { automaticReplies: 0, humanReplied: false, handedOff: false, recentTemplateIds: [] };
}

/**
 * The crisis counter of the event's topic (event.topicId), as the responder read it before
 * deciding: negative messages on the topic within the brand's crisis window
 * (`crisisSettings(brand).windowMs`), NOT counting this event, and whether the topic was already
 * escalated as a crisis within that window.
 */
export interface BurstState {
  negativeInWindow: number;
  crisisAlreadyEscalated: boolean;
}

export interface PolicyInput {
  event: InboundEvent;
  conversation: ConversationState;
  brand: Brand;
  account: BrandAccount;
  now: Date;
  /** computed from the event when not given */
  triage?: Triage;
  /** absent when the event has no topic or the counter could not be read: no crisis detection */
  burst?: BurstState;
}

function displayName(event: InboundEvent): string {
  const first = event.author.name?.trim().split(/\s+/)[0] ?? '';
  if (/^\p{L}[\p{L}'-]{1,30}$/u.test(first)) return first;
  return '';
}

function escalationOf(t: Triage, crisis: boolean, reasons: string[]): Escalation {
  if (crisis || t.signals.press || (t.signals.influencer && t.concern) || (t.signals.safety && t.concern)) {
    reasons.push('escalation:L3(public reach, safety or crisis)');
    return 'L3';
  }
  // an expert is needed for damage, loss, disputed money, outages and legal threats
  if (t.concern && (t.signals.legalThreat || t.signals.harm || t.intent === 'technical_fault')) {
    reasons.push('escalation:L2(damage, loss, disputed money, fault or legal)');
    return 'L2';
  }
  return 'L1';
}

function priorityOf(t: Triage, escalation: Escalation): Priority {
  if (escalation === 'L3' || t.signals.legalThreat) return 'urgent';
  if (escalation === 'L2' || (t.complex && t.negative)) return 'high';
  if (t.concern || t.complex) return 'normal';
  return 'low';
}

/**
 * The care policy: what to do with one inbound message. Pure: the same input gives the same
 * decision, and every decision lists the rules that fired.
 */
export function decide(input: PolicyInput): Decision {
  const { event, conversation, brand, now } = input;
  const t = input.triage ?? triage(event, brand);
  const reasons = [...t.reasons];

  const base = {
    language: t.language,
    intent: t.intent,
    complex: t.complex,
    personalData: t.personalData,
    negative: t.negative,
  };
  const quiet = (reason: string): Decision => ({
    ...base,
    action: 'silent',
    escalation: 'L1',
    priority: 'low',
    handoff: false,
    reasons: [...reasons, reason],
  });

  if (event.fromAccount || event.sentBy !== 'customer') return quiet('silent:own_message');
  if (event.kind === 'deleted') return quiet('silent:message_deleted');
  if (event.kind === 'account_revoked') return quiet('silent:account_revoked');
  // the thread belongs to another app (handover protocol): it answers, we only record
  if (event.standby) return quiet('silent:standby(another app owns the thread)');
  if (onlyLikes(event)) return quiet('silent:like_sticker');

  const crisis = crisisRole(t, input, reasons);
  const escalation = escalationOf(t, crisis !== undefined, reasons);
  let priority = priorityOf(t, escalation);
  const needsPerson = t.concern || t.complex || t.suggestion || t.unclear || crisis !== undefined;

  const silentKind = !needsPerson && t.intent !== 'praise';
  const dmForPerson = silentKind ? dmNotLeftSilent(event, t) : undefined;
  if (silentKind && !dmForPerson) {
    const why =
      t.intent === 'spam'
        ? 'silent:spam'
        : t.intent === 'abuse'
          ? t.signals.insultAtOthers
            ? 'silent:abuse_aimed_at_others'
            : 'silent:abuse'
          : 'silent:no_customer_concern';
    return { ...quiet(why), escalation, priority };
  }

  const open = isOpen(businessHoursOf(brand), now);
  if (needsPerson || dmForPerson) reasons.push(open ? 'business_hours:open' : 'business_hours:closed');
  const ackAllowed =
    conversation.automaticReplies === 0 && !conversation.humanReplied && !conversation.handedOff;
  if (!ackAllowed) {
    reasons.push(
      conversation.humanReplied
        ? 'no_ack:person_already_answered'
        : conversation.handedOff
          ? 'no_ack:case_with_person'
          : 'no_ack:already_acknowledged',
    );
  }

  if (!needsPerson && !dmForPerson) {
    // praise: a thank-you, once
    if (!ackAllowed) return { ...quiet('silent:praise_already_answered'), escalation, priority };
    try {
      const reply = render(input, t, 'praise');
      return placed(
        { ...base, escalation, priority, handoff: false, reasons, action: 'reply' },
        event,
        reply,
      );
    } catch (error) {
      if (!(error instanceof TemplateError)) throw error;
      return { ...quiet(`template_error:${error.message}`), escalation, priority };
    }
  }

  if (crisis === 'trigger') priority = 'urgent';
  const dueBy = addBusinessMinutes(businessHoursOf(brand), now, brand.responseTimeHours[priority] * 60);
  const handedOff = {
    ...base,
    escalation,
    priority,
    handoff: true,
    reasons,
    dueBy: dueBy.toISOString(),
    ...(crisis ? { crisis } : {}),
  };

  if (!ackAllowed) return { ...handedOff, action: 'handoff' };
  if (dmForPerson) return { ...handedOff, action: 'handoff', reasons: [...reasons, dmForPerson] };
  // not silent without evidence, but no automatic answer to a message the policy cannot read
  if (t.unclear && !t.complex && crisis === undefined) {
    return { ...handedOff, action: 'handoff', reasons: [...reasons, 'handoff:unclear_no_reply'] };
  }

  const dm = event.channel === 'dm';
  const situation = situationFor(t, crisis !== undefined, dm, open);
  try {
    const reply = render(input, t, situation);
    if (t.complex && !dm && crisis === undefined) {
      const opening = render(input, t, 'dm_opening', 'private');
      return {
        ...handedOff,
        action: 'reply_and_dm',
        publicReply: reply,
        privateReply: opening,
      };
    }
    return placed({ ...handedOff, action: 'reply_and_handoff' }, event, reply);
  } catch (error) {
    // lint and start-up validation catch wording problems; should one slip through, the customer
    // still reaches a person instead of the message failing
    if (!(error instanceof TemplateError)) throw error;
    return { ...handedOff, action: 'handoff', reasons: [...reasons, `template_error:${error.message}`] };
  }
}

/** Messenger's like sticker and Instagram's heart, sent on their own: nothing to answer. */
const LIKE_ATTACHMENTS: ReadonlySet<string> = new Set(['like_sticker', 'like_heart']);

function onlyLikes(event: InboundEvent): boolean {
  return (
    event.text.trim() === '' &&
    event.attachments.length > 0 &&
    event.attachments.every((a) => LIKE_ATTACHMENTS.has(a.type))
  );
}

/**
 * A customer's DM is never left unseen, spam aside: what the policy would leave alone in public
 * (a photo without words, a greeting, an insult) goes to a person, without an automatic answer.
 */
function dmNotLeftSilent(event: InboundEvent, t: Triage): string | undefined {
  if (event.channel !== 'dm' || t.intent === 'spam') return undefined;
  if (event.text.trim() === '' && event.attachments.length > 0) return 'handoff:attachment_only';
  return `handoff:dm_not_left_silent(${t.intent})`;
}

function crisisRole(t: Triage, input: PolicyInput, reasons: string[]): Decision['crisis'] {
  const { burst, event, brand } = input;
  if (!burst || !event.topicId || !t.negative) return undefined;
  const { threshold } = crisisSettings(brand);
  const count = burst.negativeInWindow + 1;
  if (burst.crisisAlreadyEscalated) {
    reasons.push(`crisis:member(topic ${event.topicId})`);
    return 'member';
  }
  if (count >= threshold) {
    reasons.push(
      `crisis:trigger(${count} negative in ${brand.crisis.windowMinutes} min on topic ${event.topicId})`,
    );
    return 'trigger';
  }
  return undefined;
}

function situationFor(t: Triage, crisis: boolean, dm: boolean, open: boolean): Situation {
  if (crisis) return dm ? 'crisis_dm' : 'crisis';
  let situation: Situation;
  if (dm) situation = t.intent === 'complaint' ? 'complaint' : 'acknowledge';
  else if (t.complex) situation = t.personalData.length > 0 ? 'personal_data' : 'move_to_dm';
  else situation = t.intent === 'complaint' ? 'complaint' : 'acknowledge';
  return open ? situation : (`${situation}_after_hours` as Situation);
}

/** Public channels get a public reply; in a DM the reply is the private message. */
function placed(decision: Decision & { action: Action }, event: InboundEvent, reply: RenderedText): Decision {
  return event.channel === 'dm' ? { ...decision, privateReply: reply } : { ...decision, publicReply: reply };
}

function render(input: PolicyInput, t: Triage, situation: Situation, placement?: Placement): RenderedText {
  const { event, brand, account, now, conversation } = input;
  const hours = businessHoursOf(brand);
  // the hour texts cost Intl calls: only compute them when the situation's wording uses them
  const wording = (brand.templates[situation]?.[t.language] ?? []).join(' ');
  const values: TemplateValues = {
    name: displayName(event),
    handle: event.author.handle ? `@${event.author.handle.replace(/^@/, '')}` : '',
    brand: brand.name,
    dmLink: brandDmLink(brand, event.platform, account),
    openingHours: wording.includes('{openingHours}') ? describeOpeningHours(hours, t.language) : '',
    nextOpening: wording.includes('{nextOpening}')
      ? describeNextOpening(nextOpening(hours, now), t.language)
      : '',
  };
  return renderTemplate({
    brand,
    situation,
    language: t.language,
    platform: event.platform,
    placement: placement ?? (event.channel === 'dm' ? 'private' : 'public'),
    values,
    recentTemplateIds: conversation.recentTemplateIds,
    seed: event.eventId,
  });
}
