import type { InboundEvent } from '../events.js';
import type { Brand } from './brand.js';
import type { Intent, PersonalDataKind } from './decision.js';
import { detectLanguage } from './language.js';
import * as lexicon from './lexicon.js';
import { type CueMatcher, cueMatcher, type Tokens, tokenize } from './matcher.js';
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
  /** an idea for the brand: no case, but a person reads it (never silent) */
  suggestion: boolean;
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
  | 'technical_fault_strong'
  | 'complaint'
  | 'damage_or_conduct'
  | 'general_grievance'
  | 'rhetorical'
  | 'praise'
  | 'spam'
  | 'spam_strong'
  | 'insult'
  | 'trolling'
  | 'no_concern'
  | 'personal'
  | 'problem'
  | 'how_to'
  | 'question_word'
  | 'negative'
  | 'legal'
  | 'press'
  | 'safety'
  | 'harm'
  | 'service'
  | 'suggestion'
  | 'second_person'
  | 'brand_address';

const BASE: Record<Category, readonly string[]> = {
  order_delivery: lexicon.ORDER_DELIVERY,
  account_billing: lexicon.ACCOUNT_BILLING,
  technical_fault: lexicon.TECHNICAL_FAULT,
  technical_fault_strong: lexicon.TECHNICAL_FAULT_STRONG,
  complaint: lexicon.COMPLAINT,
  damage_or_conduct: lexicon.DAMAGE_OR_CONDUCT,
  general_grievance: lexicon.GENERAL_GRIEVANCE,
  rhetorical: lexicon.RHETORICAL,
  praise: lexicon.PRAISE,
  spam: lexicon.SPAM,
  spam_strong: lexicon.SPAM_STRONG,
  insult: lexicon.INSULTS,
  trolling: lexicon.TROLLING,
  no_concern: lexicon.NO_CONCERN,
  personal: lexicon.PERSONAL_REFERENCE,
  problem: lexicon.PROBLEM,
  how_to: lexicon.HOW_TO,
  question_word: lexicon.QUESTION_WORDS,
  negative: lexicon.NEGATIVE,
  legal: lexicon.LEGAL,
  press: lexicon.PRESS,
  safety: lexicon.SAFETY,
  harm: lexicon.HARM,
  service: lexicon.SERVICE,
  suggestion: lexicon.SUGGESTION,
  second_person: lexicon.SECOND_PERSON,
  brand_address: lexicon.BRAND_ADDRESS,
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
      spam_strong: brand.keywords.spam,
      no_concern: brand.keywords.other,
      insult: brand.keywords.abuse,
      how_to: brand.keywords.question,
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

const URL =
  /(?:https?:\/\/|www\.)\S+|[a-z0-9-]+\.(?:ly|xyz|io|co|me|link|click|top|shop|win|store|online|site|biz|info|com|net|org)(?![a-z])(?:\/\S*)?/giu;
const HANDLE = /@[\p{L}\p{N}_.]+/gu;
const MONEY_AMOUNT = /\d[\d.,]*\s?(?:€|\$|£|euro|usd)|[€$£]\s?\d|\d+\s?%/iu;
const NEGATIVE_EMOJI = new RegExp(lexicon.NEGATIVE_EMOJI.join('|'), 'u');
const POSITIVE_EMOJI = new RegExp(lexicon.POSITIVE_EMOJI.join('|'), 'u');
const TROLL_EMOJI = new RegExp(lexicon.TROLL_EMOJI.join('|'), 'u');
/** three or more words in capitals */
const SHOUTED_WORD = /\b[A-ZÄÖÜ]{4,}\b/gu;
/** sarcasm: praise words together with an eye-roll or an explicit "for nothing" */
const SARCASM =
  /🙄|🙃|danke für nichts|vielen dank auch|thanks for nothing|ah yes|na toll|ganz toll|classic\b|respekt an/iu;
/** a tagged person rather than a company: handles with digits, underscores or dots */
const PERSON_HANDLE = /^@[\p{L}\p{N}]*[_.\d][\p{L}\p{N}_.]*$/u;

function hasDomainWord(m: Matchers, tokens: Tokens): boolean {
  return m.order_delivery.test(tokens) || m.account_billing.test(tokens) || m.technical_fault.test(tokens);
}

function uniq(words: string[]): string[] {
  return [...new Set(words.map((w) => w.toLowerCase()))];
}

function cue(name: string, words: string[]): string {
  return words.length > 0 ? `${name}(${uniq(words).slice(0, 3).join(', ')})` : name;
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

  const tokens = tokenize(text);
  const hits = {
    order: m.order_delivery.matches(tokens),
    billing: m.account_billing.matches(tokens),
    tech: m.technical_fault.matches(tokens),
    techStrong: m.technical_fault_strong.matches(tokens),
    complaint: m.complaint.matches(tokens),
    damage: m.damage_or_conduct.matches(tokens),
    grievance: m.general_grievance.matches(tokens),
    rhetorical: m.rhetorical.matches(tokens),
    praise: m.praise.matches(tokens),
    spam: m.spam.matches(tokens),
    spamStrong: m.spam_strong.matches(tokens),
    insult: m.insult.matches(tokens),
    trolling: m.trolling.matches(tokens),
    noConcern: m.no_concern.matches(tokens),
    personal: m.personal.matches(tokens),
    problem: m.problem.matches(tokens),
    howTo: m.how_to.matches(tokens),
    negative: m.negative.matches(tokens),
    legal: m.legal.matches(tokens),
    press: m.press.matches(tokens),
    safety: m.safety.matches(tokens),
    harm: m.harm.matches(tokens),
    service: m.service.matches(tokens),
    suggestion: m.suggestion.matches(tokens),
  };
  const questionMark = text.includes('?');
  const firstSentence = text.trim().split(/[.!\n]/)[0] ?? '';
  const question = questionMark || m.question_word.test(tokenize(firstSentence.trim().split(/\s+/)[0] ?? ''));
  const negativeEmoji = NEGATIVE_EMOJI.test(raw);
  const positiveEmoji = POSITIVE_EMOJI.test(raw);
  const trollEmoji = TROLL_EMOJI.test(raw);
  const shouting = (raw.match(SHOUTED_WORD)?.length ?? 0) >= 3;
  const frustratedPunctuation = /\?!|!\?|\?{3,}/.test(raw);
  const sarcasm = SARCASM.test(raw);
  const ownAccounts = new Set(
    Object.values(brand.accounts)
      .flat()
      .map((a) => `@${a.username.toLowerCase()}`),
  );
  const personHandles = handles.filter((h) => !ownAccounts.has(h.toLowerCase()) && PERSON_HANDLE.test(h));
  const startsWithPersonHandle =
    personHandles.length > 0 && raw.trimStart().startsWith(personHandles[0] as string);

  const signals: Triage['signals'] = {
    legalThreat: hits.legal.length > 0,
    press: hits.press.length > 0,
    influencer: (event.author.followers ?? 0) >= brand.escalation.influencerFollowers,
    safety: hits.safety.length > 0,
    harm: hits.harm.length > 0 || hits.damage.length > 0,
    insult: hits.insult.length > 0 || hits.trolling.length > 0,
    insultAtOthers: false,
  };

  // tone: negative words, emoji, sarcasm and shouting against praise
  const negativeScore =
    hits.negative.length +
    hits.insult.length +
    hits.complaint.length +
    hits.damage.length +
    (negativeEmoji ? 1 : 0) +
    (shouting ? 1 : 0) +
    (frustratedPunctuation ? 1 : 0) +
    (sarcasm ? 2 : 0);
  const positiveScore = hits.praise.length + (positiveEmoji ? 1 : 0);
  const negativeTone =
    negativeScore > 0 && (negativeScore >= positiveScore || sarcasm || signals.legalThreat);

  // strong problem words: negations alone ("kann ich ... wenn ich kein Konto hab?") do not make a case
  const strongProblem =
    hits.techStrong.length > 0 ||
    hits.problem.some(
      (w) => !/^(?:nicht|nich|net|kein\p{L}*|no|not|\p{L}*n't|nie|never|nix|nichts)$/iu.test(w),
    );
  const problem = hits.problem.length > 0 || signals.harm;
  const personal = hits.personal.length > 0;
  // "how do I..." is a general question unless the customer also tells of a case of their own
  // (a statement with "I/my" and a domain word: "I moved house and need to close my account.")
  const ownStory = text.split(/(?<=[.!?\n])/).some((sentence) => {
    if (sentence.trim().endsWith('?')) return false;
    const words = tokenize(sentence);
    return m.personal.test(words) && hasDomainWord(m, words);
  });
  const howTo = hits.howTo.length > 0 && !strongProblem && personalData.length === 0 && !ownStory;

  // the domain a case is about: fault words beat money words beat order words
  const domain: Intent | undefined =
    hits.techStrong.length > 0
      ? 'technical_fault'
      : hits.billing.length > hits.order.length || (hits.billing.length > 0 && personalData.includes('iban'))
        ? 'account_billing'
        : hits.order.length > 0
          ? 'order_delivery'
          : hits.billing.length > 0
            ? 'account_billing'
            : hits.tech.length > 0 && (strongProblem || problem || negativeTone)
              ? 'technical_fault'
              : undefined;
  const domainHits = [...hits.techStrong, ...hits.billing, ...hits.order, ...hits.tech];
  const praiseWins =
    positiveScore > 0 &&
    positiveScore > negativeScore &&
    !sarcasm &&
    !questionMark &&
    (!(strongProblem || (problem && domain !== undefined)) || positiveScore >= 2);
  const generalGrievance = hits.grievance.length > 0 && !personalData.length;
  const ownCase =
    domain !== undefined &&
    !howTo &&
    !praiseWins &&
    !(startsWithPersonHandle && !strongProblem && personalData.length === 0) &&
    (personalData.length > 0 || ((problem || negativeTone || personal) && !generalGrievance));

  const spamScore =
    hits.spam.length +
    2 * hits.spamStrong.length +
    (hasUrl ? 1 : 0) +
    (MONEY_AMOUNT.test(text) ? 1 : 0) +
    (handles.length > 0 && !ownCase ? 0.5 : 0);
  const addressesBrand = m.brand_address.test(tokens);
  signals.insultAtOthers =
    signals.insult && (startsWithPersonHandle || (m.second_person.test(tokens) && !addressesBrand));
  const trolling = signals.insult || trollEmoji;

  let intent: Intent;
  const spamWords = hits.spamStrong.length > 0 || hits.spam.length >= 2;
  if (spamScore >= 2 && spamWords && !ownCase && !signals.legalThreat && hits.damage.length === 0) {
    intent = 'spam';
    reasons.push(cue('spam', [...hits.spamStrong, ...hits.spam]));
  } else if (
    trolling &&
    !ownCase &&
    (startsWithPersonHandle ||
      (!questionMark && hits.damage.length === 0 && !hits.rhetorical.length && !strongProblem))
  ) {
    intent = 'abuse';
    reasons.push(
      cue(signals.insultAtOthers ? 'abuse:aimed_at_others' : 'abuse:insult', [
        ...hits.insult,
        ...hits.trolling,
      ]),
    );
  } else if (startsWithPersonHandle && !ownCase && !addressesBrand) {
    intent = 'other';
    reasons.push('intent:other(talking to another user)');
  } else if (praiseWins && !ownCase) {
    intent = 'praise';
    reasons.push(cue('intent:praise', hits.praise));
  } else if (
    ownCase &&
    hits.damage.length > 0 &&
    domain !== 'technical_fault' &&
    domain !== 'account_billing'
  ) {
    intent = 'complaint';
    reasons.push(cue('intent:complaint(damage_or_conduct)', hits.damage));
  } else if (ownCase && domain) {
    intent = domain;
    reasons.push(cue(`intent:${domain}`, domainHits));
  } else if (
    hits.complaint.length > 0 ||
    hits.damage.length > 0 ||
    hits.rhetorical.length > 0 ||
    (negativeTone && (problem || signals.legalThreat || questionMark)) ||
    (sarcasm && negativeTone) ||
    (signals.press && !questionMark)
  ) {
    intent = 'complaint';
    reasons.push(
      cue('intent:complaint', [...hits.complaint, ...hits.damage, ...hits.rhetorical, ...hits.negative]),
    );
  } else if (
    (question || howTo || signals.press) &&
    hits.noConcern.length === 0 &&
    (addressesBrand || domain || howTo || signals.press || questionMark)
  ) {
    intent = 'question';
    reasons.push(howTo ? cue('intent:question', hits.howTo) : 'intent:question(?)');
  } else if (positiveScore > 0 && !negativeTone) {
    intent = 'praise';
    reasons.push(cue('intent:praise', hits.praise));
  } else if (domain && (problem || personal)) {
    intent = domain;
    reasons.push(cue(`intent:${domain}`, domainHits));
  } else if ((negativeTone || strongProblem) && (addressesBrand || domain || hits.service.length > 0)) {
    // never drop a grievance about the service as "no concern"
    intent = 'complaint';
    reasons.push(cue('intent:complaint(negative about the service)', hits.negative));
  } else {
    intent = 'other';
    reasons.push(
      hits.suggestion.length > 0 ? 'intent:other(suggestion)' : 'intent:other(no customer concern)',
    );
  }

  const negative = negativeTone || intent === 'abuse' || intent === 'complaint';
  if (negative) reasons.push(cue('negative', [...hits.negative, ...hits.insult, ...hits.complaint]));
  const suggestion = intent === 'other' && hits.suggestion.length > 0;
  if (suggestion) reasons.push(cue('suggestion', hits.suggestion));

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
  if (personalData.length > 0 && intent !== 'spam') complexReasons.push('complex:personal_data');
  if (signals.legalThreat && concern) complexReasons.push('complex:legal_threat');
  if (signals.press || (signals.influencer && concern)) complexReasons.push('complex:public_reach');
  if (intent === 'complaint' && (signals.harm || (personal && strongProblem && !generalGrievance))) {
    complexReasons.push('complex:complaint_about_own_case');
  }
  if (signals.safety && concern) complexReasons.push('complex:safety');
  reasons.push(...complexReasons);

  return {
    language: lang.language,
    languageMethod: lang.method,
    intent,
    complex: complexReasons.length > 0,
    personalData,
    negative,
    concern,
    suggestion,
    signals,
    reasons,
  };
}
