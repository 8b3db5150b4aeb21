import type { Brand } from './brand.js';
import * as lexicon from './lexicon.js';
import { DANGER } from './lexicon-danger.js';
import { FR_IT_MORE } from './lexicon-fr-it.js';
import {
  CROWD_ADDRESS,
  DANGER_EVERYDAY,
  GRATITUDE,
  LOST_PROPERTY,
  LOST_PROPERTY_PLACE,
  OWN_CASE_UNSERVED,
  RESOLVED,
  TRIP,
  TRIP_DISRUPTION,
  TV_LISTING,
} from './lexicon-readings.js';
import { ASKS_PRIVATE, BARE_REACTION, CHATTER, FR_IT, LOSS, NEWS_SHARE } from './lexicon-situations.js';
import { cueIndex, type Tokens } from './matcher.js';

/** The built-in cue lists the triage reads, by the name the phases use. */
const BASE = {
  order_delivery: [...lexicon.ORDER_DELIVERY, ...FR_IT.order_delivery],
  account_billing: [...lexicon.ACCOUNT_BILLING, ...FR_IT.account_billing],
  technical_fault: [...lexicon.TECHNICAL_FAULT, ...FR_IT.technical_fault],
  technical_fault_strong: lexicon.TECHNICAL_FAULT_STRONG,
  tech_noun: lexicon.TECH_NOUNS,
  fault_verb: lexicon.FAULT_VERBS,
  complaint: [...lexicon.COMPLAINT, ...FR_IT.complaint],
  damage_or_conduct: lexicon.DAMAGE_OR_CONDUCT,
  general_grievance: lexicon.GENERAL_GRIEVANCE,
  price_change: lexicon.PRICE_CHANGE,
  rhetorical: lexicon.RHETORICAL,
  praise: [...lexicon.PRAISE, ...FR_IT.praise],
  spam: lexicon.SPAM,
  spam_strong: lexicon.SPAM_STRONG,
  insult: lexicon.INSULTS,
  trolling: lexicon.TROLLING,
  no_concern: [...lexicon.NO_CONCERN, ...CHATTER],
  bare_reaction: BARE_REACTION,
  crowd_or_content: lexicon.CROWD_OR_CONTENT,
  crowd_address: CROWD_ADDRESS,
  laughter: lexicon.LAUGHTER,
  personal: lexicon.PERSONAL_REFERENCE,
  possessive: [...lexicon.POSSESSIVE, ...FR_IT.possessive],
  problem: [...lexicon.PROBLEM, ...FR_IT.problem],
  negation: [...lexicon.NEGATION, ...FR_IT.negation],
  pending: [...lexicon.PENDING, ...FR_IT.pending],
  dispute: lexicon.DISPUTE,
  refund: lexicon.REFUND,
  conduct: lexicon.CONDUCT,
  unanswered: lexicon.UNANSWERED,
  request: lexicon.REQUEST,
  action: lexicon.ACTION,
  german_question_verb: lexicon.GERMAN_QUESTION_VERB,
  how_to: lexicon.HOW_TO,
  question_start: [...lexicon.QUESTION_START, ...FR_IT.question_start],
  who: lexicon.WHO,
  status_question: lexicon.STATUS_QUESTION,
  hypothetical: lexicon.HYPOTHETICAL,
  exclamation_start: lexicon.EXCLAMATION_START,
  greeting: [...lexicon.GREETING, ...FR_IT.greeting],
  statement_start: lexicon.STATEMENT_START,
  german_question_subject: lexicon.GERMAN_QUESTION_SUBJECT,
  negative: lexicon.NEGATIVE,
  legal: lexicon.LEGAL,
  press: lexicon.PRESS,
  safety: [...lexicon.SAFETY, ...DANGER, ...DANGER_EVERYDAY],
  news_share: NEWS_SHARE,
  asks_private: ASKS_PRIVATE,
  own_case_unserved: OWN_CASE_UNSERVED,
  tv_listing: TV_LISTING,
  gratitude: GRATITUDE,
  resolved: RESOLVED,
  trip: TRIP,
  lost_property: LOST_PROPERTY,
  lost_property_place: LOST_PROPERTY_PLACE,
  trip_disruption: TRIP_DISRUPTION,
  harm: [...lexicon.HARM, ...LOSS],
  service: lexicon.SERVICE,
  suggestion: lexicon.SUGGESTION,
  second_person: lexicon.SECOND_PERSON,
  brand_address: lexicon.BRAND_ADDRESS,
} satisfies Record<string, readonly string[]>;
export type Category = keyof typeof BASE;
const FR_IT_MORE_BY_LIST: Partial<Record<Category, readonly string[]>> = FR_IT_MORE;

interface ListMatcher {
  matches(tokens: Tokens): readonly string[];
  test(tokens: Tokens): boolean;
}
/** One matcher per cue list, all reading through the brand's one index. */
export type Matchers = Record<Category, ListMatcher>;
const matcherCache = new WeakMap<Brand, Matchers>();

/** The built-in cue lists with the brand's keywords added. */
export function cueLists(brand: Brand): Record<Category, readonly string[]> {
  const extra: Partial<Record<Category, readonly string[]>> = {
    order_delivery: brand.keywords.order_delivery,
    account_billing: brand.keywords.account_billing,
    technical_fault: brand.keywords.technical_fault,
    complaint: brand.keywords.complaint,
    praise: brand.keywords.praise,
    spam_strong: brand.keywords.spam,
    no_concern: brand.keywords.other,
    insult: brand.keywords.abuse,
    how_to: brand.keywords.question,
    legal: brand.escalation.legalTerms,
    press: brand.escalation.pressTerms,
  };
  const categories = Object.keys(BASE) as Category[];
  return Object.fromEntries(
    categories.map((c) => [c, [...BASE[c], ...(FR_IT_MORE_BY_LIST[c] ?? []), ...(extra[c] ?? [])]]),
  ) as unknown as Record<Category, readonly string[]>;
}

/** The brand's cue lists in one index, built once per brand. */
export function matchersFor(brand: Brand): Matchers {
  let matchers = matcherCache.get(brand);
  if (!matchers) {
    const index = cueIndex(cueLists(brand));
    matchers = Object.fromEntries(
      (Object.keys(BASE) as Category[]).map((c) => [
        c,
        { matches: (t: Tokens) => index.matches(t, c), test: (t: Tokens) => index.test(t, c) },
      ]),
    ) as Matchers;
    matcherCache.set(brand, matchers);
  }
  return matchers;
}

/** One word as tokens, for asking a list about a single word. */
export function oneWord(word: string): Tokens {
  return { words: [word], text: word };
}

/** A reason with the first few cue words that made it fire: `intent:praise(danke, super)`. */
export function reasonWithCues(name: string, words: readonly string[]): string {
  if (words.length === 0) return name;
  const distinct = [...new Set(words.map((w) => w.toLowerCase()))];
  return `${name}(${distinct.slice(0, 3).join(', ')})`;
}

/** A sentence that names a thing the customer can have a case about (an order, a bill, a device...). */
export function namesThing(m: Matchers, t: Tokens): boolean {
  return (
    m.order_delivery.test(t) || m.account_billing.test(t) || m.technical_fault.test(t) || m.tech_noun.test(t)
  );
}
