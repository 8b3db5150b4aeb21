import type { InboundEvent } from '../events.js';
import type { Brand } from './brand.js';
import type { Intent, PersonalDataKind } from './decision.js';
import { detectLanguage } from './language.js';
import * as lexicon from './lexicon.js';
import { cueIndex, type Tokens, tokenize } from './matcher.js';
import { findPersonalData } from './personal-data.js';
import { policyText } from './text-limit.js';

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
  /** no evidence of a concern and none of its absence: not silent, a person reads it */
  unclear: boolean;
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

const BASE = {
  order_delivery: lexicon.ORDER_DELIVERY,
  account_billing: lexicon.ACCOUNT_BILLING,
  technical_fault: lexicon.TECHNICAL_FAULT,
  technical_fault_strong: lexicon.TECHNICAL_FAULT_STRONG,
  tech_noun: lexicon.TECH_NOUNS,
  fault_verb: lexicon.FAULT_VERBS,
  complaint: lexicon.COMPLAINT,
  damage_or_conduct: lexicon.DAMAGE_OR_CONDUCT,
  general_grievance: lexicon.GENERAL_GRIEVANCE,
  price_change: lexicon.PRICE_CHANGE,
  rhetorical: lexicon.RHETORICAL,
  praise: lexicon.PRAISE,
  spam: lexicon.SPAM,
  spam_strong: lexicon.SPAM_STRONG,
  insult: lexicon.INSULTS,
  trolling: lexicon.TROLLING,
  no_concern: lexicon.NO_CONCERN,
  crowd_or_content: lexicon.CROWD_OR_CONTENT,
  laughter: lexicon.LAUGHTER,
  personal: lexicon.PERSONAL_REFERENCE,
  possessive: lexicon.POSSESSIVE,
  problem: lexicon.PROBLEM,
  negation: lexicon.NEGATION,
  pending: lexicon.PENDING,
  dispute: lexicon.DISPUTE,
  refund: lexicon.REFUND,
  conduct: lexicon.CONDUCT,
  unanswered: lexicon.UNANSWERED,
  request: lexicon.REQUEST,
  action: lexicon.ACTION,
  german_question_verb: lexicon.GERMAN_QUESTION_VERB,
  how_to: lexicon.HOW_TO,
  question_start: lexicon.QUESTION_START,
  who: lexicon.WHO,
  status_question: lexicon.STATUS_QUESTION,
  hypothetical: lexicon.HYPOTHETICAL,
  exclamation_start: lexicon.EXCLAMATION_START,
  greeting: lexicon.GREETING,
  statement_start: lexicon.STATEMENT_START,
  german_question_subject: lexicon.GERMAN_QUESTION_SUBJECT,
  negative: lexicon.NEGATIVE,
  legal: lexicon.LEGAL,
  press: lexicon.PRESS,
  safety: lexicon.SAFETY,
  harm: lexicon.HARM,
  service: lexicon.SERVICE,
  suggestion: lexicon.SUGGESTION,
  second_person: lexicon.SECOND_PERSON,
  brand_address: lexicon.BRAND_ADDRESS,
} satisfies Record<string, readonly string[]>;
type Category = keyof typeof BASE;

interface ListMatcher {
  matches(tokens: Tokens): readonly string[];
  test(tokens: Tokens): boolean;
}
type Matchers = Record<Category, ListMatcher>;
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
    categories.map((c) => [c, [...BASE[c], ...(extra[c] ?? [])]]),
  ) as unknown as Record<Category, readonly string[]>;
}

/** The brand's cue lists in one index, built once per brand. */
function matchersFor(brand: Brand): Matchers {
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

// a bare domain starts where a run of host characters starts: a start inside the run would read it again
const URL =
  /(?:https?:\/\/|www\.)\S+|(?<![a-z0-9-])[a-z0-9-]+\.(?:ly|xyz|io|co|me|link|click|top|shop|win|store|online|site|biz|info|com|net|org)(?![a-z])(?:\/\S*)?/giu;
const HANDLE = /@[\p{L}\p{N}_.]+/gu;
/** spam points somewhere even without a link: the bio, a profile, a private message, a messenger */
const SPAM_POINTER =
  /link in (?:my |meiner |der )?bio|(?:check|schau)[^.!?]{0,20}(?:profil|profile|page|seite)|inbox me|\bdm (?:me|us|him|her)\b|telegram|whatsapp/iu;
/** a wait the customer counts: "seit 6 Tagen", "for 3 weeks", "been 2 weeks", "since Tuesday" */
const COUNTED_WAIT =
  /\b(?:seit|since|for|been|über|over|schon)\s+(?:(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|one|einer?m?|mehreren|several)\s+(?:tage?n?|wochen?|monate?n?|stunden?|days?|weeks?|months?|hours?)|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|gestern|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last week|letzter woche)\b|\bday \d+\b|\btag \d+\b/iu;
// numbers start where a run of digits (and separators) starts, so no run is read twice
const MONEY_AMOUNT =
  /(?<![\d.,])[.,]*\d[\d.,]*\s?(?:€|\$|£|euro|eur|usd|chf|fr\.)|[€$£]\s?\d|(?<!\d)\d+\s?%/iu;
/** a run of host characters before a dot and two letters: "free-gifts" in "www.free-gifts.com/x" */
const HOST_PART = /(?<![a-z0-9-])[a-z0-9-]+(?=\.[a-z]{2})/giu;
const LURE_WORD =
  /verif|secur|sicher|reward|gewinn|giveaway|claim|prize|bonus|redeliver|pay|promo|sale|outlet|free|gratis|gift|login/iu;
/** a follower count written in the text: "180k followers", "62k Follower", "85.000 Abonnenten" */
const FOLLOWER_COUNT =
  /(?<!\d)(\d+(?:[.,]\d+)?)\s?(k|tsd\.?|tausend|m|mio\.?)?\s*(?:followers?|follower|abonnenten|subscribers|fans)\b/iu;
const NEGATIVE_EMOJI = new RegExp(lexicon.NEGATIVE_EMOJI.join('|'), 'u');
const POSITIVE_EMOJI = new RegExp(lexicon.POSITIVE_EMOJI.join('|'), 'u');
const TROLL_EMOJI = new RegExp(lexicon.TROLL_EMOJI.join('|'), 'u');
/** the patterns built from the lexicon's emoji lists, for the ReDoS check */
export const EMOJI_PATTERNS = { NEGATIVE_EMOJI, POSITIVE_EMOJI, TROLL_EMOJI };
/** three or more words in capitals */
const SHOUTED_WORD = /\b[A-ZÄÖÜ]{4,}\b/gu;
/** sarcasm: praise words together with an eye-roll or an explicit "for nothing" */
const SARCASM =
  /🙄|🙃|danke für nichts|vielen dank auch|thanks for nothing|ah yes|na toll|na super|ganz toll|classic\b|respekt an|well done\.?$/iu;
/** emoji that stand for a word: "📦❌" is "parcel not", "⏳" waiting */
const EMOJI_WORDS: Array<[RegExp, string]> = [
  [/📦|🚚|📬|📭|📮/gu, ' parcel '],
  [/💳|🧾/gu, ' bill '],
  [/📶|📵/gu, ' signal '],
  [/❌|🚫|⛔/gu, ' not '],
  [/⏳|⌛/gu, ' waiting '],
];
/** a tagged person rather than a company: handles with digits, underscores or dots */
const PERSON_HANDLE = /^@(?=[\p{L}\p{N}_.]*$)[^_.0-9]*[_.0-9]/u;

function uniq(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.toLowerCase()))];
}

function cue(name: string, words: readonly string[]): string {
  return words.length > 0 ? `${name}(${uniq(words).slice(0, 3).join(', ')})` : name;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const brandNameCache = new WeakMap<Brand, RegExp>();
/**
 * The brand's own names (its name, id and account usernames, also inside compounds such as
 * "ParcelExpress-Fahrer"): removed before the cue words are read, so "ParcelExpress" is no
 * parcel and "NetzPlus" no network.
 */
export function brandNames(brand: Brand): RegExp {
  let re = brandNameCache.get(brand);
  if (!re) {
    const names = [
      brand.name,
      brand.id,
      ...Object.values(brand.accounts)
        .flat()
        .map((a) => a.username),
    ]
      .map((n) => n.trim())
      .filter((n) => n.length >= 3)
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp);
    re = new RegExp(`(?:${[...new Set(names)].join('|')})`, 'giu');
    brandNameCache.set(brand, re);
  }
  return re;
}

const ownHandleCache = new WeakMap<Brand, Set<string>>();
/** the brand's own accounts as "@handle", lower case */
function ownHandles(brand: Brand): Set<string> {
  let handles = ownHandleCache.get(brand);
  if (!handles) {
    handles = new Set(
      Object.values(brand.accounts)
        .flat()
        .map((a) => `@${a.username.toLowerCase()}`),
    );
    ownHandleCache.set(brand, handles);
  }
  return handles;
}

function followersInText(text: string): number {
  const match = FOLLOWER_COUNT.exec(text);
  if (!match) return 0;
  const n = Number((match[1] as string).replace(',', '.'));
  const unit = (match[2] ?? '').toLowerCase();
  if (unit.startsWith('k') || unit.startsWith('t')) return n * 1000;
  if (unit.startsWith('m')) return n * 1_000_000;
  // "85.000 Follower": a dot as thousands separator
  return /^\d{1,3}[.,]\d{3}$/.test(match[1] as string)
    ? Number((match[1] as string).replace(/[.,]/g, ''))
    : n;
}

/**
 * A host in a link that lures with a prize, a payment or a security check (phishing and giveaway
 * scams): a lure word in the part before a dot and a top-level domain, where that part starts the
 * link or follows a blank, a slash or a dot; inside a longer part, after one of its hyphens
 * ("user@free-gifts.com" lures, "user@freegifts.com" does not).
 */
function luresWithHost(url: string): boolean {
  for (const match of url.matchAll(HOST_PART)) {
    const before = url[(match.index ?? 0) - 1];
    const part =
      before === undefined || /[\s/.]/u.test(before)
        ? match[0]
        : match[0].slice(match[0].indexOf('-') + 1 || match[0].length);
    if (LURE_WORD.test(part)) return true;
  }
  return false;
}

/**
 * Whether one sentence asks something: a question mark, or a question word or a fronted verb at
 * its start (after a greeting), also without a question mark ("Do trains run on Sundays",
 * "Zahlt die Versicherung auch ..."). Exclamations ("Was für ein ...", "What a ...") do not ask.
 */
function asks(m: Matchers, sentence: string, { words }: Tokens): 'mark' | 'start' | false {
  if (sentence.includes('?')) return 'mark';
  let i = 0;
  while (i < words.length) {
    const rest = { words: words.slice(i, i + 5), text: words.slice(i, i + 5).join(' ') };
    const greeting = m.greeting.matches(rest)[0];
    if (!greeting || !rest.text.startsWith(greeting)) break;
    i += greeting.split(' ').length;
  }
  const first = words[i];
  const second = words[i + 1];
  if (!first) return false;
  const opening = { words: words.slice(i, i + 2), text: words.slice(i, i + 2).join(' ') };
  if (m.exclamation_start.test(opening)) return false;
  const one = (w: string) => ({ words: [w], text: w });
  // "Wer bei euch arbeitet, hat ..." is a statement; "Who do I talk to" asks
  if (m.who.test(one(first))) return second && m.question_start.test(one(second)) ? 'start' : false;
  if (m.question_start.test(one(first))) return 'start';
  const subjectFollows = second !== undefined && m.german_question_subject.test(one(second));
  if (m.german_question_verb.test(one(first))) return subjectFollows ? 'start' : false;
  // German verb-first question: "Zahlt die ...", "Liefert ihr ...", "Fährt der ..."
  if (
    second &&
    /^\p{L}{3,}(?:t|en)$/u.test(first) &&
    !m.statement_start.test(one(first)) &&
    !m.german_question_subject.test(one(first)) &&
    !m.possessive.test(one(first)) &&
    m.german_question_subject.test(one(second))
  ) {
    return 'start';
  }
  return false;
}

/** Reads one message: language, intent, complexity, personal data, tone and escalation signals. */
export function triage(event: Pick<InboundEvent, 'text' | 'author' | 'channel'>, brand: Brand): Triage {
  const reasons: string[] = [];
  const m = matchersFor(brand);
  const raw = policyText(event.text);
  const handles = raw.match(HANDLE) ?? [];
  const urls = raw.match(URL) ?? [];
  const hasUrl = urls.length > 0;
  const lureUrl = urls.some(luresWithHost);
  const ownNames = brandNames(brand);
  const mentionsBrand = ownNames.test(raw);
  ownNames.lastIndex = 0;
  const text = EMOJI_WORDS.reduce(
    (t, [emoji, word]) => t.replace(emoji, word),
    raw.replace(URL, ' ').replace(HANDLE, ' ').replace(ownNames, ' '),
  );

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
    priceChange: m.price_change.matches(tokens),
    rhetorical: m.rhetorical.matches(tokens),
    praise: m.praise.matches(tokens),
    spam: m.spam.matches(tokens),
    spamStrong: m.spam_strong.matches(tokens),
    insult: m.insult.matches(tokens),
    trolling: m.trolling.matches(tokens),
    noConcern: [...m.no_concern.matches(tokens), ...m.crowd_or_content.matches(tokens)],
    personal: m.personal.matches(tokens),
    possessive: m.possessive.matches(tokens),
    problem: m.problem.matches(tokens),
    laughter: m.laughter.matches(tokens),
    dispute: m.dispute.matches(tokens),
    refund: m.refund.matches(tokens),
    conduct: m.conduct.matches(tokens),
    unanswered: m.unanswered.matches(tokens),
    request: m.request.matches(tokens),
    action: m.action.matches(tokens),
    howTo: m.how_to.matches(tokens),
    negative: m.negative.matches(tokens),
    legal: m.legal.matches(tokens),
    press: m.press.matches(tokens),
    safety: m.safety.matches(tokens),
    harm: m.harm.matches(tokens),
    service: m.service.matches(tokens),
    suggestion: m.suggestion.matches(tokens),
  };

  // sentences: what the customer states (a case) is read apart from what they ask (maybe general)
  const sentences = text
    .split(/(?<=[.!?\n:;])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  // one sentence (most posts): its words are the message's words
  const sentenceTokens = sentences.length === 1 ? [tokens] : sentences.map((s) => tokenize(s));
  // the index reads each sentence once for all cue lists
  const has = (t: Tokens, c: Category): boolean => m[c].test(t);
  const asked = sentences.map((s, i) => asks(m, s, sentenceTokens[i] as Tokens));
  const questionMark = asked.includes('mark');
  const question = asked.some(Boolean);
  // what the customer states; a mocking sentence ("Nobody likes you.") states no case
  const statements = sentenceTokens.filter((t, i) => !asked[i] && !has(t, 'trolling'));
  const questions = sentenceTokens.filter((_, i) => asked[i]);
  // "where is my parcel" asks about the customer's own thing; "what happens if I'm out" is general
  const statusQuestion = questions.some(
    (q) => has(q, 'status_question') && has(q, 'possessive') && !has(q, 'hypothetical'),
  );
  const inStatements = (c: Category) => statements.some((t) => has(t, c));

  const negativeEmoji = NEGATIVE_EMOJI.test(raw);
  const positiveEmoji = POSITIVE_EMOJI.test(raw);
  const trollEmoji = TROLL_EMOJI.test(raw);
  const shouting = (raw.match(SHOUTED_WORD)?.length ?? 0) >= 3;
  const frustratedPunctuation = /\?!|!\?|\?{2,}/.test(raw);
  const sarcasm = SARCASM.test(raw.trim());
  const ownAccounts = ownHandles(brand);
  const personHandles = handles.filter((h) => !ownAccounts.has(h.toLowerCase()) && PERSON_HANDLE.test(h));
  const startsWithPersonHandle =
    personHandles.length > 0 && raw.trimStart().startsWith(personHandles[0] as string);

  const followers = Math.max(event.author.followers ?? 0, followersInText(raw));
  const signals: Triage['signals'] = {
    legalThreat: hits.legal.length > 0,
    press: hits.press.length > 0,
    influencer: followers >= brand.escalation.influencerFollowers,
    safety: hits.safety.length > 0,
    harm: false,
    insult: hits.insult.length > 0 || hits.trolling.length > 0,
    insultAtOthers: false,
  };

  // words inside a mocking phrase ("hat alles falsch gemacht") are no problem report
  const mockingWords = new Set(hits.trolling.flatMap((p) => p.split(' ')));
  hits.problem = hits.problem.filter((w) => !mockingWords.has(w));
  // problems: strong words, and weak ones (a negation, "still/seit") that count in statements
  const strongProblem = hits.problem.length > 0 || hits.techStrong.length > 0 || hits.damage.length > 0;
  const negationStated = inStatements('negation');
  const pendingStated = inStatements('pending');
  const weakProblem = negationStated || pendingStated;
  const possessive = hits.possessive.length > 0;
  const isDomain = (t: Tokens) =>
    has(t, 'order_delivery') || has(t, 'account_billing') || has(t, 'technical_fault') || has(t, 'tech_noun');
  const isProblem = (t: Tokens) => has(t, 'problem') || has(t, 'damage_or_conduct') || has(t, 'harm');
  // a statement that names the thing and what is wrong with it: "still no parcel", "Paket seit 10 Tagen nicht da"
  const statedCase = statements.some(
    (t) =>
      isDomain(t) &&
      (isProblem(t) || has(t, 'negation') || has(t, 'pending')) &&
      !has(t, 'hypothetical') &&
      !has(t, 'trolling'),
  );
  // a problem with a thing, also asked ("Is my parcel lost?"), unless hypothetical ("what if ...")
  const problemCase = sentenceTokens.some(
    (t) => isDomain(t) && isProblem(t) && !has(t, 'hypothetical') && !has(t, 'how_to') && !has(t, 'trolling'),
  );
  // the customer tells of something that happened to them: "ich war den ganzen Tag zuhause"
  const firstPersonIncident = statements.some((t) => has(t, 'personal') && isProblem(t));
  const firstPersonAction = statements.some((t) => has(t, 'personal') && has(t, 'action'));
  const firstPerson = hits.personal.length > 0;
  const moneyAmount = MONEY_AMOUNT.test(text);
  // disputed money: stated, or asked about the customer's own ("how long does a refund take" is general)
  const dispute =
    hits.dispute.length + hits.refund.length > 0 &&
    (inStatements('dispute') || inStatements('refund') || possessive || firstPerson);
  // contested: charged wrongly or without consent; a refund that is overdue or was promised
  const contested =
    (hits.dispute.length > 0 && dispute) ||
    (hits.refund.length > 0 && dispute && (pendingStated || negationStated));
  const unanswered = hits.unanswered.length > 0 && (weakProblem || strongProblem);
  // a fault: fault words, or a thing that can break with a fault verb, a negation or "since"
  const techNounStated = inStatements('tech_noun');
  const fault =
    hits.techStrong.length > 0 ||
    (techNounStated && (inStatements('fault_verb') || weakProblem || hits.problem.length > 0));
  const generalGrievance =
    (hits.grievance.length > 0 || hits.priceChange.length > 0) &&
    personalData.length === 0 &&
    !firstPersonIncident;

  // tone: negative words, emoji, sarcasm; shouting and "!!!" only strengthen a negative message
  const negativeWords =
    hits.negative.length +
    hits.insult.length +
    hits.complaint.length +
    hits.damage.length +
    (negativeEmoji ? 1 : 0) +
    (sarcasm ? 2 : 0);
  // a praise word right after a negation is displeasure: "not thrilled", "nicht zufrieden"
  let negatedPraise = 0;
  if (hits.praise.length > 0)
    tokens.words.forEach((w, i) => {
      const next = tokens.words.slice(i + 1, i + 3);
      if (
        m.negation.test({ words: [w], text: w }) &&
        next.some((n) => m.praise.test({ words: [n], text: n }))
      )
        negatedPraise++;
    });
  const negativeScore =
    negativeWords +
    negatedPraise +
    (negativeWords > 0 ? (shouting ? 1 : 0) + (frustratedPunctuation ? 1 : 0) : 0);
  const positiveScore = Math.max(0, hits.praise.length - negatedPraise) + (positiveEmoji ? 1 : 0);

  // the domain a case is about: fault beats money beats orders
  const billingEvidence = hits.billing.length > 0 || dispute;
  const domain: Intent | undefined = fault
    ? 'technical_fault'
    : (billingEvidence && (dispute || hits.billing.length > hits.order.length)) ||
        (hits.billing.length > 0 && personalData.includes('iban'))
      ? 'account_billing'
      : hits.order.length > 0
        ? 'order_delivery'
        : billingEvidence
          ? 'account_billing'
          : hits.tech.length > 0 && (strongProblem || weakProblem)
            ? 'technical_fault'
            : statusQuestion
              ? 'order_delivery'
              : undefined;
  const domainHits = [
    ...hits.techStrong,
    ...hits.billing,
    ...hits.dispute,
    ...hits.refund,
    ...hits.order,
    ...hits.tech,
  ];

  // harm: damage, loss, money in dispute (the expert level, L2)
  // conduct and poor quality ("rude", "arrived cold") are complaints, not damage
  const conductWords = new Set(hits.conduct.flatMap((p) => p.split(' ')));
  const damage = hits.damage.filter((w) => !w.split(' ').every((x) => conductWords.has(x)));
  signals.harm = hits.harm.length > 0 || damage.length > 0 || contested;

  const praiseOnly =
    positiveScore > 0 &&
    positiveScore > negativeScore &&
    !sarcasm &&
    !questionMark &&
    personalData.length === 0 &&
    !signals.harm &&
    !fault &&
    // one praise word after a stated problem is sarcasm ("Paket beim falschen Nachbarn, toll")
    !(
      (hits.problem.length > 0 || (statedCase && negationStated)) &&
      domain !== undefined &&
      positiveScore < 2
    );

  const suggestionOnly =
    hits.suggestion.length > 0 && !strongProblem && personalData.length === 0 && !dispute;

  // a case of the customer's own: a domain, and something stated that makes it theirs
  const ownEvidence =
    personalData.length > 0 ||
    dispute ||
    unanswered ||
    statusQuestion ||
    fault ||
    statedCase ||
    problemCase ||
    firstPersonAction ||
    (possessive &&
      (strongProblem || weakProblem || signals.harm || hits.request.length > 0 || hits.action.length > 0)) ||
    (firstPerson && (strongProblem || pendingStated)) ||
    (event.channel === 'dm' && firstPerson && (strongProblem || weakProblem || hits.request.length > 0));
  const ownCase =
    domain !== undefined &&
    !praiseOnly &&
    !suggestionOnly &&
    !(startsWithPersonHandle && !strongProblem && personalData.length === 0) &&
    !(generalGrievance && !possessive && !dispute) &&
    ownEvidence;

  // a concern for the brand even without a domain: a problem, money, an unanswered contact,
  // damage, a legal threat or going public, staff conduct, a complaint word
  const concernEvidence =
    ownCase ||
    strongProblem ||
    unanswered ||
    dispute ||
    signals.harm ||
    signals.legalThreat ||
    signals.press ||
    signals.safety ||
    hits.complaint.length > 0 ||
    hits.rhetorical.length > 0 ||
    generalGrievance ||
    personalData.length > 0 ||
    // the brand's staff or service spoken of badly: "eure Fahrer werden mies bezahlt"
    ((hits.service.length > 0 || domain !== undefined) && hits.negative.length + hits.complaint.length > 0) ||
    (domain !== undefined && (weakProblem || question || hits.request.length > 0));

  const spamScore =
    hits.spam.length +
    2 * hits.spamStrong.length +
    (hasUrl ? 1 : 0) +
    (lureUrl ? 2 : 0) +
    (moneyAmount ? 1 : 0) +
    (handles.length > 0 && !ownCase ? 0.5 : 0);
  const addressesBrand = m.brand_address.test(tokens) || mentionsBrand;
  signals.insultAtOthers =
    signals.insult && (startsWithPersonHandle || (m.second_person.test(tokens) && !addressesBrand));
  const trolling = signals.insult || trollEmoji;
  const spamWords = hits.spamStrong.length > 0 || hits.spam.length >= 2 || lureUrl;
  // spam carries something: a link, a handle, an amount, or several spam cues at once; a
  // grievance about the brand without a link is a customer writing ("Eure Werbung ist eine Frechheit")
  const spamPointer = hasUrl || SPAM_POINTER.test(raw);
  const spamCarrier =
    spamPointer || handles.length > 0 || moneyAmount || new Set([...hits.spam, ...hits.spamStrong]).size >= 2;
  const grievanceWithoutLink = !hasUrl && hits.complaint.length + hits.negative.length > 0;
  // real personal data or a legal threat means a customer wrote it, not a bot
  const realCustomer = (personalData.length > 0 && !hasUrl) || signals.legalThreat;

  let intent: Intent;
  let unclear = false;
  if (
    spamScore >= 2 &&
    spamWords &&
    spamCarrier &&
    !realCustomer &&
    !grievanceWithoutLink &&
    !(ownCase && !spamPointer)
  ) {
    intent = 'spam';
    reasons.push(cue('spam', [...hits.spamStrong, ...hits.spam, ...(lureUrl ? ['lure link'] : [])]));
  } else if (trolling && (startsWithPersonHandle || !concernEvidence)) {
    intent = 'abuse';
    reasons.push(
      cue(signals.insultAtOthers ? 'abuse:aimed_at_others' : 'abuse:insult_without_concern', [
        ...hits.insult,
        ...hits.trolling,
      ]),
    );
  } else if (startsWithPersonHandle && !ownCase && !addressesBrand) {
    intent = 'other';
    reasons.push('intent:other(talking to another user)');
  } else if (praiseOnly && !ownCase) {
    intent = 'praise';
    reasons.push(cue('intent:praise', hits.praise));
  } else if (ownCase && hits.damage.length > 0 && domain === 'order_delivery') {
    intent = 'complaint';
    reasons.push(cue('intent:complaint(damage_or_conduct)', hits.damage));
  } else if (ownCase && domain) {
    intent = domain;
    reasons.push(cue(`intent:${domain}`, domainHits));
  } else if (
    hits.complaint.length > 0 ||
    hits.damage.length > 0 ||
    hits.rhetorical.length > 0 ||
    generalGrievance ||
    signals.harm ||
    (signals.press && !question) ||
    (negativeScore > positiveScore && (strongProblem || weakProblem || signals.legalThreat || question)) ||
    (sarcasm && negativeScore > 0)
  ) {
    intent = 'complaint';
    reasons.push(
      cue('intent:complaint', [
        ...hits.complaint,
        ...hits.damage,
        ...hits.rhetorical,
        ...hits.grievance,
        ...hits.priceChange,
        ...hits.negative,
      ]),
    );
  } else if (question && hits.noConcern.length === 0 && !suggestionOnly) {
    intent = 'question';
    reasons.push(
      hits.howTo.length > 0
        ? cue('intent:question', hits.howTo)
        : questionMark
          ? 'intent:question(question mark)'
          : 'intent:question(opens like a question)',
    );
  } else if (positiveScore > 0 && positiveScore >= negativeScore && !sarcasm) {
    intent = 'praise';
    reasons.push(cue('intent:praise', hits.praise));
  } else if (domain && (strongProblem || weakProblem || firstPerson)) {
    intent = domain;
    reasons.push(cue(`intent:${domain}`, domainHits));
  } else if (negativeScore > 0 && hits.noConcern.length === 0 && !suggestionOnly) {
    // never drop a grievance as "no concern"
    intent = 'complaint';
    reasons.push(cue('intent:complaint(negative, no other reading)', [...hits.negative, ...hits.complaint]));
  } else if (hits.suggestion.length > 0) {
    intent = 'other';
    reasons.push(cue('intent:other(suggestion)', hits.suggestion));
  } else if (
    hits.noConcern.length > 0 ||
    hits.laughter.length > 0 ||
    personHandles.length > 0 ||
    tokens.words.length === 0
  ) {
    intent = 'other';
    reasons.push(cue('intent:other(no customer concern)', hits.noConcern));
  } else {
    // silence needs evidence: without it a person reads the message
    intent = 'other';
    unclear = true;
    reasons.push('intent:other(unclear, a person reads it)');
  }

  // displeasure about an own case: a counted wait, shouting or "?!" around a problem
  const caseIntent =
    intent === 'order_delivery' || intent === 'account_billing' || intent === 'technical_fault';
  const impatientCase =
    (caseIntent || intent === 'complaint') &&
    (COUNTED_WAIT.test(text) ||
      ((shouting || frustratedPunctuation || /!{2,}/.test(raw)) && (strongProblem || weakProblem)));
  const negative =
    impatientCase ||
    intent === 'abuse' ||
    intent === 'complaint' ||
    (negativeScore > 0 && negativeScore >= positiveScore && intent !== 'praise') ||
    (intent !== 'praise' &&
      intent !== 'spam' &&
      (signals.harm || unanswered || signals.legalThreat || sarcasm));
  if (negative) reasons.push(cue('negative', [...hits.negative, ...hits.insult, ...hits.complaint]));
  const suggestion = intent === 'other' && hits.suggestion.length > 0;
  if (suggestion) reasons.push(cue('suggestion', hits.suggestion));

  if (signals.legalThreat) reasons.push(cue('legal_threat', hits.legal));
  if (signals.press) reasons.push(cue('press', hits.press));
  if (signals.influencer) reasons.push(`influencer(${followers} followers)`);
  if (signals.safety) reasons.push(cue('safety', hits.safety));
  if (signals.harm) reasons.push(cue('harm', [...hits.harm, ...damage, ...hits.dispute, ...hits.refund]));

  const concern = !['spam', 'abuse', 'other', 'praise'].includes(intent);
  const complexReasons: string[] = [];
  if (
    ownCase &&
    (intent === 'order_delivery' || intent === 'account_billing' || intent === 'technical_fault')
  ) {
    complexReasons.push(`complex:${intent}`);
  } else if (intent === 'technical_fault') complexReasons.push('complex:technical_fault');
  else if ((intent === 'order_delivery' || intent === 'account_billing') && (possessive || firstPerson)) {
    complexReasons.push(`complex:${intent}`);
  }
  if (personalData.length > 0 && intent !== 'spam') complexReasons.push('complex:personal_data');
  if (signals.legalThreat && concern) complexReasons.push('complex:legal_threat');
  if (concern && (signals.press || signals.influencer)) complexReasons.push('complex:public_reach');
  if (intent === 'complaint' && !generalGrievance && (signals.harm || unanswered || hits.damage.length > 0)) {
    complexReasons.push('complex:complaint_about_own_case');
  } else if (
    intent === 'complaint' &&
    (possessive || firstPerson) &&
    (strongProblem || firstPersonIncident || (possessive && weakProblem)) &&
    !generalGrievance
  ) {
    complexReasons.push('complex:complaint_about_own_case');
  }
  if (signals.safety && concern) complexReasons.push('complex:safety');
  // unsure whether it is simple: lean to a person when the customer is unhappy about their own situation
  if (negative && concern && intent !== 'question' && !generalGrievance) {
    complexReasons.push('complex:unhappy_about_own_case');
  }
  // the customer tells what happened to them with the service: "I waited at the counter", "ich hab angerufen"
  if (
    concern &&
    intent !== 'question' &&
    statements.some((t) => has(t, 'personal') && (isDomain(t) || has(t, 'service')))
  ) {
    complexReasons.push('complex:own_incident');
  }
  // a contact that did not help (mail, hotline, chat, an agent): the case is already open somewhere
  if (unanswered && concern) complexReasons.push('complex:unanswered_contact');
  if (event.channel === 'dm' && concern && (intent !== 'question' || possessive || firstPerson)) {
    complexReasons.push('complex:own_case_in_dm');
  }
  reasons.push(...[...new Set(complexReasons)]);

  return {
    language: lang.language,
    languageMethod: lang.method,
    intent,
    complex: complexReasons.length > 0,
    personalData,
    negative,
    concern,
    suggestion,
    unclear,
    signals,
    reasons,
  };
}
