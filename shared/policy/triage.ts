import type { InboundEvent } from '../events.js';
import type { Brand } from './brand.js';
import type { Intent, PersonalDataKind } from './decision.js';
import { detectLanguage } from './language.js';
import * as lexicon from './lexicon.js';
import { type CueMatcher, cueMatcher } from './matcher.js';
import { findPersonalData } from './personal-data.js';

/** What triage read from one message; the decision is built from this. */
export interface Triage {
  language: string;
  /** which evidence decided the language (words, trigram model, brand default) */
  languageMethod: 'words' | 'trigrams' | 'default';
  intent: Intent;
  /** answering needs private data or a person */
  complex: boolean;
  personalData: PersonalDataKind[];
  /** the message reads negative (counts towards a crisis burst) */
  negative: boolean;
  /** the message asks for something or reports a problem of the customer's own */
  concern: boolean;
  signals: {
    legalThreat: boolean;
    press: boolean;
    /** the author's follower count reaches the brand's influencer threshold */
    influencer: boolean;
    safety: boolean;
    /** loss of money, goods or a contract */
    harm: boolean;
    insult: boolean;
    /** the insult is aimed at another person (an @handle, "du") rather than the brand */
    insultAtOthers: boolean;
  };
  /** the rules that fired, in words an agent can read */
  reasons: string[];
}

type Category =
  | 'order_delivery'
  | 'account_billing'
  | 'technical_fault'
  | 'complaint'
  | 'praise'
  | 'spam'
  | 'insult'
  | 'personal'
  | 'problem'
  | 'general_question'
  | 'question_word'
  | 'negative'
  | 'legal'
  | 'press'
  | 'safety'
  | 'harm';

const BASE: Record<Category, readonly string[]> = {
  order_delivery: lexicon.ORDER_DELIVERY,
  account_billing: lexicon.ACCOUNT_BILLING,
  technical_fault: lexicon.TECHNICAL_FAULT,
  complaint: lexicon.COMPLAINT,
  praise: lexicon.PRAISE,
  spam: lexicon.SPAM,
  insult: lexicon.INSULTS,
  personal: lexicon.PERSONAL_REFERENCE,
  problem: lexicon.PROBLEM,
  general_question: lexicon.GENERAL_QUESTION,
  question_word: lexicon.QUESTION_WORDS,
  negative: lexicon.NEGATIVE,
  legal: lexicon.LEGAL,
  press: lexicon.PRESS,
  safety: lexicon.SAFETY,
  harm: lexicon.HARM,
};

type Matchers = Record<Category, CueMatcher>;
const matcherCache = new WeakMap<Brand, Matchers>();

function matchersFor(brand: Brand): Matchers {
  let matchers = matcherCache.get(brand);
  if (!matchers) {
    const extra: Partial<Record<Category, readonly string[]>> = {
      order_delivery: brand.keywords.order_delivery,
      account_billing: brand.keywords.account_billing,
      technical_fault: brand.keywords.technical_fault,
      complaint: brand.keywords.complaint,
      praise: brand.keywords.praise,
      spam: [...(brand.keywords.spam ?? []), ...(brand.keywords.other ?? [])],
      insult: brand.keywords.abuse,
      general_question: brand.keywords.question,
      legal: brand.escalation.legalTerms,
      press: brand.escalation.pressTerms,
    };
    matchers = Object.fromEntries(
      (Object.keys(BASE) as Category[]).map((c) => [c, cueMatcher([...BASE[c], ...(extra[c] ?? [])])]),
    ) as Matchers;
    matcherCache.set(brand, matchers);
  }
  return matchers;
}

const URL = /https?:\/\/\S+|www\.\S+|\b[a-z0-9-]+\.(?:ly|xyz|io|co|me|link|click|top|shop)\/\S*/giu;
const HANDLE = /@[\p{L}\p{N}_.]+/gu;
const MONEY_AMOUNT = /\d[\d.,]*\s?(?:€|\$|k\b|euro|usd)|[€$]\s?\d/iu;
const NEGATIVE_EMOJI = new RegExp(lexicon.NEGATIVE_EMOJI.join('|'), 'u');
const POSITIVE_EMOJI = new RegExp(lexicon.POSITIVE_EMOJI.join('|'), 'u');
/** "du", "you" addressing a person, and no plural "ihr/euch" aimed at the brand */
const SECOND_PERSON_SINGULAR = /(?<![\p{L}])(?:du|dich|dir|dein\p{L}*|you|you're|youre|ur)(?![\p{L}])/iu;
const BRAND_ADDRESS =
  /(?<![\p{L}])(?:ihr|euch|eure?\p{L}*|you guys|your (?:company|service|staff|driver|team)|ur (?:trains|company|service))(?![\p{L}])/iu;
const SHOUTING = /\b[A-ZÄÖÜ]{4,}\b(?:.*\b[A-ZÄÖÜ]{4,}\b){2}/u;

function uniq(words: string[]): string[] {
  return [...new Set(words.map((w) => w.toLowerCase()))];
}

function cue(name: string, words: string[]): string {
  return `${name}(${uniq(words).slice(0, 3).join(', ')})`;
}

/** Reads one message: language, intent, complexity, personal data, tone and escalation signals. */
export function triage(event: Pick<InboundEvent, 'text' | 'author' | 'channel'>, brand: Brand): Triage {
  const reasons: string[] = [];
  const m = matchersFor(brand);
  const raw = event.text;
  const handles = raw.match(HANDLE) ?? [];
  const hasUrl = URL.test(raw);
  URL.lastIndex = 0;
  const text = raw.replace(URL, ' ').replace(HANDLE, ' ');

  const lang = detectLanguage(raw, brand.languages, brand.defaultLanguage);
  reasons.push(`language:${lang.language}(${lang.method})`);

  const personalFindings = findPersonalData(raw, brand);
  const personalData = personalFindings.map((f) => f.kind);
  for (const f of personalFindings) reasons.push(`personal_data:${f.kind}(${f.rule})`);

  const hits = {
    order: m.order_delivery.matches(text),
    billing: m.account_billing.matches(text),
    tech: m.technical_fault.matches(text),
    complaint: m.complaint.matches(text),
    praise: m.praise.matches(text),
    spam: m.spam.matches(text),
    insult: m.insult.matches(text),
    personal: m.personal.matches(text),
    problem: m.problem.matches(text),
    general: m.general_question.matches(text),
    negative: m.negative.matches(text),
    legal: m.legal.matches(text),
    press: m.press.matches(text),
    safety: m.safety.matches(text),
    harm: m.harm.matches(text),
  };
  const questionMark = text.includes('?');
  const question = questionMark || m.question_word.test(text.split(/[.!\n]/)[0] ?? '');
  const negativeEmoji = NEGATIVE_EMOJI.test(raw);
  const positiveEmoji = POSITIVE_EMOJI.test(raw);
  const shouting = SHOUTING.test(raw);

  const signals: Triage['signals'] = {
    legalThreat: hits.legal.length > 0,
    press: hits.press.length > 0,
    influencer: (event.author.followers ?? 0) >= brand.escalation.influencerFollowers,
    safety: hits.safety.length > 0,
    harm: hits.harm.length > 0,
    insult: hits.insult.length > 0,
    insultAtOthers: false,
  };

  // tone: negative words, emoji and shouting against praise
  const negativeScore =
    hits.negative.length + hits.insult.length + (negativeEmoji ? 1 : 0) + (shouting ? 1 : 0);
  const positiveScore = hits.praise.length + (positiveEmoji ? 1 : 0);
  const negative =
    negativeScore > 0 && (negativeScore >= positiveScore || hits.complaint.length > 0 || signals.legalThreat);
  if (negative) reasons.push(cue('negative', [...hits.negative, ...hits.insult]));

  // a case of the customer's own: a domain word together with a problem or a personal reference
  const problem = hits.problem.length > 0 || hits.harm.length > 0;
  const personal = hits.personal.length > 0;
  const generalQuestion = hits.general.length > 0 && !problem;
  const domains: Array<[Intent, string[]]> = [
    ['order_delivery', hits.order],
    ['account_billing', hits.billing],
    ['technical_fault', hits.tech],
  ];
  domains.sort((a, b) => b[1].length - a[1].length);
  const [topDomain, topHits] = domains[0] as [Intent, string[]];
  const ownCase =
    topHits.length > 0 && (problem || (personal && !generalQuestion) || personalData.length > 0 || negative);

  const spamScore = hits.spam.length + (hasUrl ? 1 : 0) + (MONEY_AMOUNT.test(text) ? 1 : 0);
  const addressesBrand = BRAND_ADDRESS.test(text);
  signals.insultAtOthers =
    signals.insult && (handles.length > 0 || SECOND_PERSON_SINGULAR.test(text)) && !addressesBrand;

  let intent: Intent;
  if (spamScore >= 2 && !ownCase && hits.complaint.length === 0) {
    intent = 'spam';
    reasons.push(cue('spam', hits.spam));
  } else if (ownCase) {
    intent = topDomain;
    reasons.push(cue(`intent:${topDomain}`, topHits));
  } else if (signals.insult && hits.complaint.length === 0 && !problem && !question) {
    intent = 'abuse';
    reasons.push(cue(signals.insultAtOthers ? 'abuse:aimed_at_others' : 'abuse:insult', hits.insult));
  } else if (hits.complaint.length > 0 || (negative && (problem || signals.legalThreat))) {
    intent = 'complaint';
    reasons.push(cue('intent:complaint', hits.complaint.length > 0 ? hits.complaint : hits.negative));
  } else if (question || generalQuestion || signals.press) {
    intent = 'question';
    reasons.push(questionMark ? 'intent:question(?)' : cue('intent:question', hits.general));
  } else if (positiveScore > 0 && !negative) {
    intent = 'praise';
    reasons.push(cue('intent:praise', hits.praise));
  } else if (topHits.length > 0 && (problem || personal)) {
    intent = topDomain;
    reasons.push(cue(`intent:${topDomain}`, topHits));
  } else {
    intent = 'other';
    reasons.push('intent:other(no customer concern)');
  }

  if (signals.legalThreat) reasons.push(cue('legal_threat', hits.legal));
  if (signals.press) reasons.push(cue('press', hits.press));
  if (signals.influencer) reasons.push(`influencer(${event.author.followers} followers)`);
  if (signals.safety) reasons.push(cue('safety', hits.safety));
  if (signals.harm) reasons.push(cue('harm', hits.harm));

  const concern = !['spam', 'abuse', 'other', 'praise'].includes(intent);
  const complexReasons: string[] = [];
  if (intent === 'order_delivery' || intent === 'account_billing' || intent === 'technical_fault') {
    complexReasons.push(`complex:${intent}`);
  }
  if (personalData.length > 0 && concern) complexReasons.push('complex:personal_data');
  if (signals.legalThreat && concern) complexReasons.push('complex:legal_threat');
  if (signals.press && concern) complexReasons.push('complex:press');
  if (intent === 'complaint' && (signals.harm || personal))
    complexReasons.push('complex:complaint_about_own_case');
  if (signals.safety && concern) complexReasons.push('complex:safety');
  // personal data posted publicly always needs the move to a private channel
  if (personalData.length > 0 && !concern && intent !== 'spam') complexReasons.push('complex:personal_data');
  reasons.push(...complexReasons);

  return {
    language: lang.language,
    languageMethod: lang.method,
    intent,
    complex: complexReasons.length > 0,
    personalData,
    negative,
    concern,
    signals,
    reasons,
  };
}
