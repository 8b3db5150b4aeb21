import type { InboundEvent } from '../events.js';
import type { Brand, BrandAccount, Situation } from './brand.js';
import { brandDmLink, businessHoursOf } from './brand.js';
import type { Action, Decision, Escalation, Priority, RenderedText } from './decision.js';
import { erasureRequest } from './erasure-request.js';
import { type BurstState, crisisRole, escalationOf, priorityOf } from './escalation.js';
import { fraudVictim } from './fraud-victim.js';
import { withHiding } from './hiding.js';
import { addBusinessMinutes, isOpen, nextOpening } from './hours.js';
import { loadTrigramModel, needsTrigramModel } from './language.js';
import {
  describeNextOpening,
  describeOpeningHours,
  type Placement,
  renderTemplate,
  TemplateError,
  type TemplateValues,
} from './templates.js';
import { policyText } from './text-limit.js';
import { type Triage, triage } from './triage.js';

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

/**
 * Loads what deciding on this event needs besides the code: the trigram model, when the word score
 * is unsure of the text's language. Await it before `decide` wherever the model may not be loaded.
 */
export async function prepareToDecide(event: Pick<InboundEvent, 'text'>, brand: Brand): Promise<void> {
  if (needsTrigramModel(policyText(event.text), brand.languages)) await loadTrigramModel();
}

/** What every decision repeats from the triage. */
function fromTriage(t: Triage) {
  return {
    language: t.language,
    intent: t.intent,
    complex: t.complex,
    personalData: t.personalData,
    negative: t.negative,
  };
}

function silent(t: Triage, reasons: readonly string[], reason: string): Decision {
  return {
    ...fromTriage(t),
    action: 'silent',
    escalation: 'L1',
    priority: 'low',
    handoff: false,
    reasons: [...reasons, reason],
  };
}

/** Events that are never answered, whatever they say. */
function ignoredEvent(event: InboundEvent): string | undefined {
  if (event.fromAccount || event.sentBy !== 'customer') return 'silent:own_message';
  if (event.kind === 'deleted') return 'silent:message_deleted';
  if (event.kind === 'account_revoked') return 'silent:account_revoked';
  // the thread belongs to another app (handover protocol): it answers, we only record
  if (event.standby) return 'silent:standby(another app owns the thread)';
  if (onlyLikes(event)) return 'silent:like_sticker';
  return undefined;
}

function silentReason(t: Triage): string {
  if (t.intent === 'spam') return 'silent:spam';
  if (t.intent === 'abuse') return t.signals.insultAtOthers ? 'silent:abuse_aimed_at_others' : 'silent:abuse';
  return 'silent:no_customer_concern';
}

/** Why no automatic acknowledgement is sent in this conversation any more, if so. */
function acknowledgementRefused(conversation: ConversationState, safetyFirst: boolean): string | undefined {
  const automaticOnly = conversation.automaticReplies === 0 || safetyFirst;
  if (automaticOnly && !conversation.humanReplied && !conversation.handedOff) return undefined;
  if (conversation.humanReplied) return 'no_ack:person_already_answered';
  if (conversation.handedOff) return 'no_ack:case_with_person';
  return 'no_ack:already_acknowledged';
}

/** Where decide() stands once it knows the message needs an answer or a person. */
interface Assessed {
  input: PolicyInput;
  t: Triage;
  reasons: string[];
  escalation: Escalation;
  priority: Priority;
  open: boolean;
  ackAllowed: boolean;
}

/**
 * The care policy: what to do with one inbound message. Pure: the same input gives the same
 * decision, and every decision lists the rules that fired.
 */
export function decide(input: PolicyInput): Decision {
  const { event, brand } = input;
  const t = input.triage ?? triage(event, brand);
  const ignored = ignoredEvent(event);
  if (ignored) return silent(t, [...t.reasons], ignored);
  return withHiding(decideOnMessage(input, t), event, brand, t);
}

/** A customer's message the policy reads: answer, hand off, or leave alone. */
function decideOnMessage(input: PolicyInput, t: Triage): Decision {
  const { event, brand } = input;
  const reasons = [...t.reasons];
  if (t.signals.impersonation) return reportedImpersonation(input, t, reasons);

  if (!t.languageServed) {
    // spam, chatter between users, a shared post: left alone in public in any language
    const unattended =
      !t.concern && !t.complex && !t.unclear && t.intent !== 'praise' && event.channel !== 'dm';
    return unattended ? silent(t, reasons, silentReason(t)) : notServed(input, t, reasons);
  }

  const crisis = crisisRole(t, event, brand, reasons, input.burst);
  const asked = forSpecialist(event.text, reasons);
  const escalation = escalationOf(t, { crisis: crisis !== undefined, ...asked }, reasons);
  const priority = priorityOf(t, escalation, asked);
  const needsPerson =
    t.concern ||
    t.complex ||
    t.suggestion ||
    t.unclear ||
    crisis !== undefined ||
    asked.erasure ||
    asked.fraudVictim;
  // praise is thanked, bare emoji under a post aside
  const emojiOnly = t.intent === 'praise' && emojiReaction(event);
  const silentKind = !needsPerson && (t.intent !== 'praise' || emojiOnly);
  const dmForPerson = silentKind ? dmNotLeftSilent(event, t) : undefined;
  if (silentKind && !dmForPerson) {
    const why = emojiOnly ? 'silent:emoji_reaction' : silentReason(t);
    return { ...silent(t, reasons, why), escalation, priority };
  }

  const open = isOpen(businessHoursOf(brand), input.now);
  if (needsPerson || dmForPerson) reasons.push(open ? 'business_hours:open' : 'business_hours:closed');
  // danger to people is acknowledged even after an earlier automatic reply; a person who already
  // answered or holds the case gets it as an urgent update instead
  const safetyFirst = t.signals.safety && t.concern;
  const refused = acknowledgementRefused(input.conversation, safetyFirst);
  if (refused) reasons.push(refused);
  const assessed = { input, t, reasons, escalation, priority, open, ackAllowed: !refused };
  if (!needsPerson && !dmForPerson) return thanks(assessed);
  return handedOff(
    { ...assessed, priority: crisis === 'trigger' ? 'urgent' : priority },
    crisis,
    dmForPerson,
  );
}

/** What only a specialist may handle, read from the words: a request to erase data, a scam's victim. */
function forSpecialist(text: string, reasons: string[]): { erasure: boolean; fraudVictim: boolean } {
  const erasure = erasureRequest(text);
  const victim = fraudVictim(text);
  if (erasure) reasons.push(erasure);
  if (victim) reasons.push(victim);
  return { erasure: erasure !== undefined, fraudVictim: victim !== undefined };
}

/**
 * Hearts and flames under a post are a reaction to the post, not a message to the brand: care
 * teams like them rather than answer each one. Words, a question mark or an attachment still get
 * their thanks; so does the same emoji in a mention or a DM, which speaks to the brand.
 */
function emojiReaction(event: InboundEvent): boolean {
  return (
    event.channel === 'comment' &&
    event.attachments.length === 0 &&
    !/[\p{L}\p{N}?]/u.test(event.text.replace(/@\S+/gu, ''))
  );
}

/** Praise: a thank-you, once. */
function thanks({ input, t, reasons, escalation, priority, ackAllowed }: Assessed): Decision {
  if (!ackAllowed) return { ...silent(t, reasons, 'silent:praise_already_answered'), escalation, priority };
  try {
    const reply = render(input, t, 'praise');
    return placed(
      { ...fromTriage(t), escalation, priority, handoff: false, reasons, action: 'reply' },
      input.event,
      reply,
    );
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    return { ...silent(t, reasons, `template_error:${error.message}`), escalation, priority };
  }
}

/** A person takes the case, with a deadline; the customer gets an acknowledgement where one is due. */
function handedOff(
  { input, t, reasons, escalation, priority, open, ackAllowed }: Assessed,
  crisis: Decision['crisis'],
  dmForPerson: string | undefined,
): Decision {
  const { event, brand, now } = input;
  const decision = {
    ...fromTriage(t),
    escalation,
    priority,
    handoff: true,
    reasons,
    dueBy: dueBy(brand, now, priority),
    ...(crisis ? { crisis } : {}),
  };

  if (!ackAllowed) return { ...decision, action: 'handoff' };
  if (dmForPerson && !acknowledgedInDm(event, t)) {
    return { ...decision, action: 'handoff', reasons: [...reasons, dmForPerson] };
  }
  // a message the policy cannot read gets neutral words (it was seen, a person answers), no guess
  const received = (dmForPerson !== undefined || t.unclear) && !t.complex && crisis === undefined;
  if (dmForPerson) reasons.push(dmForPerson);
  if (received && !dmForPerson) reasons.push('handoff:unclear_acknowledged');

  const dm = event.channel === 'dm';
  const safety = t.signals.safety && t.concern;
  const situation = safety
    ? 'safety'
    : received
      ? hoursForm('received', open)
      : situationFor(t, crisis !== undefined, dm, open);
  try {
    const reply = render(input, t, situation);
    if (t.complex && !dm && crisis === undefined && !safety) {
      const opening = render(input, t, 'dm_opening', 'private');
      return { ...decision, action: 'reply_and_dm', publicReply: reply, privateReply: opening };
    }
    return placed({ ...decision, action: 'reply_and_handoff' }, event, reply);
  } catch (error) {
    // lint and start-up validation catch wording problems; should one slip through, the customer
    // still reaches a person instead of the message failing
    if (!(error instanceof TemplateError)) throw error;
    return { ...decision, action: 'handoff', reasons: [...reasons, `template_error:${error.message}`] };
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

/**
 * What a DM the policy would leave alone in public gets: neutral words when it carries nothing to
 * read (only a photo, a file, a question mark) or cannot be read; a person alone for an insult or chatter.
 */
function acknowledgedInDm(event: InboundEvent, t: Triage): boolean {
  const wordless = !/\p{L}/u.test(event.text);
  return (wordless && (event.attachments.length > 0 || event.text.includes('?'))) || t.unclear;
}

/**
 * Someone posing as the brand's support: no answer, which would stand beside it in the brand's
 * voice; a person reports the account and warns the customer it was aimed at (and the comment is
 * hidden where the brand asks for it: hiding.ts).
 */
function reportedImpersonation(input: PolicyInput, t: Triage, reasons: string[]): Decision {
  const { brand, now } = input;
  return {
    ...fromTriage(t),
    action: 'handoff',
    escalation: 'L2',
    priority: 'high',
    handoff: true,
    dueBy: dueBy(brand, now, 'high'),
    reasons: [...reasons, 'handoff:impersonates_brand(report it, warn the customer)'],
  };
}

/**
 * A message in a language the brand does not serve: a person reads it (the decision names the
 * language), and nothing is sent in a language the customer did not write in.
 */
function notServed(input: PolicyInput, t: Triage, reasons: string[]): Decision {
  const { brand, now } = input;
  const priority: Priority = t.signals.safety ? 'urgent' : 'normal';
  return {
    ...fromTriage(t),
    action: 'handoff',
    escalation: t.signals.safety ? 'L3' : 'L1',
    priority,
    handoff: true,
    dueBy: dueBy(brand, now, priority),
    reasons: [...reasons, `handoff:language_not_served(${t.language})`],
  };
}

/** When a person should have answered: the brand's response time for the priority, in business hours. */
function dueBy(brand: Brand, now: Date, priority: Priority): string {
  return addBusinessMinutes(
    businessHoursOf(brand),
    now,
    brand.responseTimeHours[priority] * 60,
  ).toISOString();
}

function hoursForm(situation: 'received', open: boolean): Situation {
  return open ? situation : `${situation}_after_hours`;
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
