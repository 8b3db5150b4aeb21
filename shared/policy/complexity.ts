import { namesThing } from './cues.js';
import type { Intent } from './decision.js';
import type { Evidence } from './evidence.js';
import type { Features, TriageEvent } from './features.js';
import { fold } from './matcher.js';

/** What the complexity phase needs besides the features and evidence. */
export interface ComplexityInput {
  intent: Intent;
  negative: boolean;
  /** the intent is a concern: not spam, abuse, other or praise */
  concern: boolean;
  channel: TriageEvent['channel'];
}

const CASE_INTENTS: ReadonlySet<Intent> = new Set(['order_delivery', 'account_billing', 'technical_fault']);

/**
 * A train late or cancelled, a connection missed: an apology and the travel information in public,
 * unless money (a refund, a fare), a loss, personal data or an unanswered contact comes with it.
 */
function journeyOnly(e: Evidence, f: Features): boolean {
  return (
    e.tripDisruption &&
    !e.domain &&
    !e.dispute &&
    !e.unanswered &&
    !e.signals.harm &&
    e.damage.length === 0 &&
    f.personalData.length === 0
  );
}

/**
 * Something broken on the train or at the station that every traveller meets ("Toiletten im ganzen
 * Zug defekt", "the lift at platform 4 is broken"): an apology and a report in public, unless
 * something of the customer's own, money or personal data comes with it.
 */
function sharedFacility(e: Evidence, f: Features): boolean {
  return (
    f.cues.trip.test(f.tokens) &&
    !e.possessive &&
    (e.domain === undefined || e.domain === 'technical_fault') &&
    !e.dispute &&
    !e.unanswered &&
    f.personalData.length === 0
  );
}

function complaintAboutOwnCase(e: Evidence, f: Features): boolean {
  if (e.generalGrievance || journeyOnly(e, f) || sharedFacility(e, f)) return false;
  if (e.signals.harm || e.unanswered || f.hits.damage.length > 0) return true;
  return (
    (e.possessive || e.firstPerson) &&
    (e.strongProblem || e.firstPersonIncident || (e.possessive && e.weakProblem))
  );
}

/**
 * "how do I claim compensation?", "wie gebe ich meinen Zählerstand ein?": a public answer with the
 * way to do it, unless something of the customer's own already went wrong.
 */
function howToQuestion(f: Features, e: Evidence, intent: Intent): boolean {
  return (
    intent !== 'complaint' &&
    f.hits.howTo.length > 0 &&
    f.sentences.question &&
    !e.contested &&
    !e.unanswered &&
    !e.statedCase &&
    !e.firstPersonIncident &&
    !(e.possessive && e.strongProblem) &&
    !e.negationStated &&
    !e.pendingStated &&
    f.personalData.length === 0
  );
}

/**
 * A fault needs the customer's line, meter, order or account when it is theirs ("my router", "bei
 * mir", in a DM); one others see too (an outage, a broken ticket machine, the train's Wi-Fi, an app
 * that crashes) gets a public answer or outage notice first.
 */
function ownFault(f: Features, e: Evidence, intent: Intent, channel: ComplexityInput['channel']): boolean {
  return (
    intent !== 'technical_fault' ||
    channel === 'dm' ||
    e.possessive ||
    (e.firstPerson && !sharedFacility(e, f)) ||
    f.personalData.length > 0 ||
    namesOrderOrBill(f)
  );
}

/**
 * a card a ticket or vending machine does not take is how one pays, not the customer's account
 * (a card declined in a shop or a restaurant is the bank customer's own card)
 */
const PAYMENT_MEANS = new Set(['karte', 'card', 'credit card', 'debit card']);
const MACHINE = /automat|\bmachine|distributeur|macchinett|emettitrice/iu;

/** An order or a bill named, not a ticket machine ("Ticketautomat") or the card it does not take. */
function namesOrderOrBill(f: Features): boolean {
  const atMachine = MACHINE.test(f.raw);
  return (
    f.hits.order.some((w) => !MACHINE.test(w)) ||
    f.hits.billing.some((w) => !(atMachine && PAYMENT_MEANS.has(fold(w))))
  );
}

/**
 * Something left or lost on a journey ("I left my kindle on the 10:04", "ma fille a oublié son
 * doudou dans le train", "left my bag in the overhead rack"): finding it needs a description and
 * the customer's contact, so in private.
 */
function lostProperty(f: Features, intent: Intent): boolean {
  if (['spam', 'abuse', 'other', 'praise'].includes(intent)) return false;
  const { cues: m, tokens } = f;
  return m.lost_property.test(tokens) && (m.trip.test(tokens) || m.lost_property_place.test(tokens));
}

/** Reasons from the case itself: an own order, bill or fault; a complaint or question about one. */
function caseReasons(f: Features, e: Evidence, { intent, channel }: ComplexityInput): string[] {
  const reasons: string[] = [];
  const howTo = howToQuestion(f, e, intent);
  if (
    CASE_INTENTS.has(intent) &&
    (e.ownCase || e.possessive || e.firstPerson) &&
    ownFault(f, e, intent, channel) &&
    !howTo
  ) {
    reasons.push(`complex:${intent}`);
  }
  if (intent === 'complaint' && complaintAboutOwnCase(e, f)) reasons.push('complex:complaint_about_own_case');
  // a complaint about a parcel, an order or a bill that went wrong (said, or said with irony):
  // answering needs the order or the account
  if (
    intent === 'complaint' &&
    (e.domain === 'order_delivery' || e.domain === 'account_billing') &&
    (e.statedCase || e.problemCase || f.sarcasm) &&
    !e.generalGrievance
  ) {
    reasons.push('complex:needs_order_or_account');
  }
  // asked about something of their own that arrived damaged or went missing: "my vase arrived in
  // 30 pieces, who do I claim with?"
  if (intent === 'question' && e.possessive && (e.signals.harm || e.damage.length > 0)) {
    reasons.push('complex:needs_order_or_account');
  }
  return reasons;
}

/**
 * Why answering needs private data or a person, as reasons (`complex:...`); none means simple.
 * Unsure whether it is simple, it leans to a person when the customer is unhappy about their own
 * situation.
 */
export function complexReasons(f: Features, e: Evidence, input: ComplexityInput) {
  const { intent, negative, concern, channel } = input;
  const reasons = caseReasons(f, e, input);
  if (f.personalData.length > 0 && intent !== 'spam') reasons.push('complex:personal_data');
  if (lostProperty(f, intent)) reasons.push('complex:lost_property');
  // a legal word in an unhappy message is a legal matter even when nothing else is asked ("das ist Urkundenfälschung!")
  if (e.signals.legalThreat && (concern || (negative && intent === 'other')))
    reasons.push('complex:legal_threat');
  // the customer asks to continue in private: "kann ich euch per DM schreiben?"
  if (f.hits.asksPrivate.length > 0 && !['spam', 'abuse', 'praise', 'other'].includes(intent)) {
    reasons.push('complex:asks_for_private');
  }
  if (concern && (e.signals.press || e.signals.influencer)) reasons.push('complex:public_reach');
  if (e.signals.safety && concern) reasons.push('complex:safety');
  // unhappy about something of their own (their order, bill or contact, said or implied): a
  // general grievance gets a public answer first
  const own =
    e.possessive ||
    e.firstPerson ||
    e.unanswered ||
    e.domain === 'order_delivery' ||
    e.domain === 'account_billing';
  if (
    negative &&
    concern &&
    intent !== 'question' &&
    !e.generalGrievance &&
    own &&
    !howToQuestion(f, e, intent) &&
    !journeyOnly(e, f) &&
    !sharedFacility(e, f)
  ) {
    reasons.push('complex:unhappy_about_own_case');
  }
  // the customer tells what happened to them with the service: "I waited at the counter", "ich hab angerufen"
  const { cues: m } = f;
  if (
    concern &&
    intent !== 'question' &&
    !journeyOnly(e, f) &&
    f.sentences.statements.some((t) => m.personal.test(t) && (namesThing(m, t) || m.service.test(t)))
  ) {
    reasons.push('complex:own_incident');
  }
  // a contact that did not help (mail, hotline, chat, an agent): the case is already open somewhere
  if (e.unanswered && concern) reasons.push('complex:unanswered_contact');
  // a DM is private already: a question about the service in it ("Kann man Pakete nach Norwegen
  // schicken?", "my mother uses a wheelchair: is there step-free access?") is answered, no case
  if (
    channel === 'dm' &&
    concern &&
    (intent !== 'question' || ((e.possessive || e.firstPerson) && !e.generalQuestion))
  ) {
    reasons.push('complex:own_case_in_dm');
  }
  // a person who speaks the language answers; in private only when the case is the customer's own
  if (!f.language.served && (reasons.length > 0 || f.cues.own_case_unserved.test(f.tokens))) {
    reasons.push('complex:language_not_served');
  }
  return [...new Set(reasons)];
}
