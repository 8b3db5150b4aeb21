import type { InboundEvent } from '../events.js';
import type { Brand } from './brand.js';
import { type Matchers, matchersFor } from './cues.js';
import type { PersonalDataKind } from './decision.js';
import { followersInText } from './followers.js';
import { impersonationCues } from './impersonation.js';
import { detectLanguage, type LanguageGuess } from './language.js';
import * as lexicon from './lexicon.js';
import { fold, type Tokens, tokenize } from './matcher.js';
import { findPersonalData, type PersonalDataFinding } from './personal-data.js';
import { withoutAskingThanks } from './polite-request.js';
import { readSentences, type Sentences } from './sentences.js';
import { policyText } from './text-limit.js';

/** What triage reads of an event: its text, its author and where it was written. */
export type TriageEvent = Pick<InboundEvent, 'text' | 'author' | 'channel'> &
  Partial<Pick<InboundEvent, 'platform'>>;

// a bare domain starts where a run of host characters starts: a start inside the run would read it again
const URL =
  /(?:https?:\/\/|www\.)\S+|(?<![a-z0-9-])[a-z0-9-]+\.(?:ly|xyz|io|co|me|link|click|top|shop|win|store|online|site|biz|info|com|net|org)(?![a-z])(?:\/\S*)?/giu;
const HANDLE = /@[\p{L}\p{N}_.]+/gu;
/** a handle that tags someone: not the domain of an e-mail address ("anna.k@web.de") */
const TAG = /(?<![\p{L}\p{N}_.%+-])@[\p{L}\p{N}_.]+/gu;
/** a run of host characters before a dot and two letters: "free-gifts" in "www.free-gifts.com/x" */
const HOST_PART = /(?<![a-z0-9-])[a-z0-9-]+(?=\.[a-z]{2})/giu;
const LURE_WORD =
  /verif|secur|sicher|reward|gewinn|giveaway|claim|prize|bonus|redeliver|pay|promo|sale|outlet|free|gratis|gift|login/iu;
const NEGATIVE_EMOJI = new RegExp(lexicon.NEGATIVE_EMOJI.join('|'), 'u');
const POSITIVE_EMOJI = new RegExp(lexicon.POSITIVE_EMOJI.join('|'), 'u');
const TROLL_EMOJI = new RegExp(lexicon.TROLL_EMOJI.join('|'), 'u');
/** a bomb, a gun or dynamite: a threat unless the words around it praise ("this deal is 💣") */
const THREAT_EMOJI = /💣|🔫|🧨/u;
/** the patterns built from the lexicon's emoji lists, for the ReDoS check */
export const EMOJI_PATTERNS = { NEGATIVE_EMOJI, POSITIVE_EMOJI, TROLL_EMOJI };
/** three or more words in capitals */
const SHOUTED_WORD = /\b[A-ZÄÖÜ]{4,}\b/gu;
/** sarcasm: praise words together with an eye-roll or an explicit "for nothing" */
const SARCASM =
  /🙄|🙃|(?:danke|merci|thanks?|dank)\W{0,3}(?:für|fürs|for)\W{0,2}(?:nichts|nix|nüt|nüüt|nothing|nowt)|vielen dank auch|danke auch|danke och|ah yes|na toll|na super|ganz toll|classic\b|respekt an|well done\.?$|(?:job|done|work|service)\W{1,4}(?:@[\p{L}\p{N}_]+\W{1,4})?not\b|(?:…|\.\.\.)\s?not\b|#not\b|\bk,? (?:thx|thanks)\b|(?:toll|super|klasse|prima|gut) gemacht\s?(?:…|\.\.|🙄|👏)|merci pour rien|grazie (?:di|per) niente/iu;
/** a clock time: "20:15", "21h10", "9pm", "16.30 Uhr" (a listing's broadcast time) */
const CLOCK_TIME = /(?<![\d.:])(?:[01]?\d|2[0-3])(?:[:.h][0-5]\d|\s?(?:uhr|pm|am)\b)/iu;
/** a retweet on X: someone else's post passed on */
const RETWEET = /^\s{0,3}RT @[\p{L}\p{N}_]{1,30}:/u;
/** marks that turn what comes before into irony: after a complaint they are no praise and no insult */
const IRONY_EMOJI = /🙄|🙃|🤡|🥴|😒/u;
/** a tight smile: after a complaint it is passive-aggressive ("Es war ein Fahrradreifen. 🙂") */
const TIGHT_SMILE = /🙂/u;
/** marks that are irony after a complaint and joy after good news: the words around them decide */
const LAUGH_OR_CLAP = /😂|🤣|👏/u;
/** a failure that happened again: with a laugh or a clap it is irony */
const REPEATED =
  /(?<!\p{L})(?:again|still|yet another|once more|wieder|erneut|nochmal|immer noch|noch immer|schon die|zum \p{L}{3,10} mal|encore|à nouveau|de nouveau|ancora|di nuovo|ennesim\p{L})(?!\p{L})/iu;
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
/** an organisation's account: a care, news or country account ("@bahn_hilfe", "@dhl_de", "@srf_news") */
const COMPANY_HANDLE =
  /(?:hilfe|help|helps|support|service|care|kundenservice|official|offiziell|news|info|team|online|shop)$|_(?:de|at|ch|uk|fr|it|es|nl|eu|com|int)$/iu;
/** a Facebook name tag: "@Jana Köhler" */
const NAME_TAG = /^\s{0,3}@\p{Lu}\p{Ll}{1,20} \p{Lu}/u;

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

const ownNameCache = new WeakMap<Brand, string[]>();
/** the brand's names and usernames, lower case, letters and digits only */
function ownNamesFolded(brand: Brand): string[] {
  let names = ownNameCache.get(brand);
  if (!names) {
    const all = [
      brand.name,
      brand.id,
      ...Object.values(brand.accounts).flatMap((a) => a.map((x) => x.username)),
    ];
    names = [...new Set(all.map((n) => n.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')))].filter(
      (n) => n.length >= 5,
    );
    ownNameCache.set(brand, names);
  }
  return names;
}

/** One of the brand's accounts, or a handle that carries its name ("@parcelexpress_de", "@AlpenbahnCH"). */
function isOwnHandle(handle: string, brand: Brand): boolean {
  const folded = handle.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return ownNamesFolded(brand).some((name) => folded.includes(name));
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

/** The cue words found in the whole message, per list the phases ask about. */
function cueHits(m: Matchers, tokens: Tokens) {
  const trolling = m.trolling.matches(tokens);
  // words inside a mocking phrase ("hat alles falsch gemacht") are no problem report
  const mockingWords = new Set(trolling.flatMap((p) => p.split(' ')));
  return {
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
    trolling,
    noConcern: [...m.no_concern.matches(tokens), ...m.crowd_or_content.matches(tokens)],
    personal: m.personal.matches(tokens),
    possessive: m.possessive.matches(tokens),
    problem: m.problem.matches(tokens).filter((w) => !mockingWords.has(w)),
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
    newsShare: m.news_share.matches(tokens),
    asksPrivate: m.asks_private.matches(tokens),
    tvListing: m.tv_listing.matches(tokens),
    gratitude: m.gratitude.matches(tokens),
    resolved: m.resolved.matches(tokens),
  };
}
export type CueHits = ReturnType<typeof cueHits>;

/** Words that are cues in one language and ordinary words in another: German "fast" (almost), Italian "delle" (of the), French "retard" (a delay, also in Swiss German posts), English "justice" ("doesn't do it justice"). */
const FALSE_FRIENDS: Record<string, Partial<Record<keyof CueHits, readonly string[]>>> = {
  de: { praise: ['fast'] },
  it: { damage: ['delle'], problem: ['delle'], harm: ['delle'] },
  fr: { praise: ['super'] },
  en: { legal: ['justice'] },
};
/** an insult in English only: "retard" is a delay in French, Romansh and German rail talk */
const ENGLISH_ONLY_INSULTS: readonly string[] = ['retard', 'retards'];
/** A price rise is the customer's own dispute only when it is about their bill: "my bill went up". */
const PRICE_RISE: ReadonlySet<string> = new Set([
  'went up',
  'gone up',
  'erhoeht',
  'teurer geworden',
  'preiserhoehung',
  'price rise',
]);

function withoutFalseFriends(hits: CueHits, language: string): CueHits {
  const out = { ...hits };
  for (const [list, words] of Object.entries(FALSE_FRIENDS[language] ?? {})) {
    const key = list as keyof CueHits;
    out[key] = out[key].filter((w) => !(words as readonly string[]).includes(fold(w)));
  }
  if (language !== 'en') out.insult = out.insult.filter((w) => !ENGLISH_ONLY_INSULTS.includes(fold(w)));
  if (hits.possessive.length === 0 && hits.personal.length === 0) {
    out.dispute = out.dispute.filter((w) => !PRICE_RISE.has(fold(w)));
    out.harm = out.harm.filter((w) => !PRICE_RISE.has(fold(w)));
  }
  return out;
}

/**
 * Who the handles are: the brand's own (by name), organisations, or people. In a comment on
 * Facebook or Instagram a tag is a person; on X a mention reaches the brand because one of its
 * handles is in the post, so with none of the known ones there, the first handle that is no
 * person's is taken for the brand's (a regional or care account under another name).
 */
function readHandles(raw: string, handles: string[], brand: Brand, event: TriageEvent) {
  const own = handles.filter((h) => isOwnHandle(h, brand));
  const tagsArePeople = event.channel === 'comment' && event.platform !== 'x' && event.platform !== undefined;
  const personHandles = handles.filter(
    (h) => !own.includes(h) && !COMPANY_HANDLE.test(h) && (PERSON_HANDLE.test(h) || tagsArePeople),
  );
  const tagged = handles[0] as string;
  if (
    NAME_TAG.test(raw) &&
    event.platform !== 'x' &&
    !own.includes(tagged) &&
    !personHandles.includes(tagged)
  ) {
    personHandles.unshift(tagged);
  }
  const alias =
    own.length === 0 && event.platform === 'x' ? handles.find((h) => !personHandles.includes(h)) : undefined;
  const addressee = own[0] ?? alias;
  const first = handles[0];
  const opensWith = (h: string | undefined) =>
    h !== undefined && h === first && raw.trimStart().startsWith(h);
  return {
    personHandles,
    /** handles that are not the brand's: where a message could point its readers */
    otherHandles: handles.filter((h) => !own.includes(h) && h !== alias),
    ownHandleNamed: addressee !== undefined,
    startsWithPersonHandle: opensWith(personHandles[0]),
    startsWithOwnHandle: opensWith(addressee),
  };
}

/** The greeting a letter to the brand opens with ("Gentile Alpenbahn,", "Liebes ParcelExpress-Team"). */
const SALUTATION =
  /^(?:liebe[rs]?|hallo|hi|hey|hello|dear|gentile|gentili|spettabile|buongiorno|buonasera|ciao|bonjour|bonsoir|chère|cher|chers|salut|grüezi|servus|moin|guten (?:tag|morgen|abend)|sehr geehrte[rs]?)[\s,]{1,3}/iu;
const AFTER_VOCATIVE = /^-?(?:\s?team)?\s?[,!\n]/iu;

/**
 * The message opens by calling the brand by its name: after a greeting ("Gentile Alpenbahn, ..."),
 * or the name alone followed by a comma ("ParcelExpress, warum ..."): it is written to the brand.
 */
function salutesBrand(raw: string, ownNames: RegExp): boolean {
  const opening = raw.trimStart();
  const greeting = SALUTATION.exec(opening)?.[0] ?? '';
  const rest = opening.slice(greeting.length);
  ownNames.lastIndex = 0;
  const named = ownNames.exec(rest);
  ownNames.lastIndex = 0;
  if (named?.index !== 0) return false;
  return greeting !== '' || AFTER_VOCATIVE.test(rest.slice(named[0].length));
}

/** Links, handles and the brand's own names: read, then taken out of the text the cue words are read in. */
function readSurface(raw: string, brand: Brand, event: TriageEvent) {
  const handles = raw.match(TAG) ?? [];
  const urls = raw.match(URL) ?? [];
  const ownNames = brandNames(brand);
  const namesBrand = ownNames.test(raw);
  ownNames.lastIndex = 0;
  const text = EMOJI_WORDS.reduce(
    (t, [emoji, word]) => t.replace(emoji, word),
    raw.replace(URL, ' ').replace(HANDLE, ' ').replace(ownNames, ' '),
  );
  const { ownHandleNamed, ...who } = readHandles(raw, handles, brand, event);
  return {
    text,
    handles,
    hasUrl: urls.length > 0,
    lureUrl: urls.some(luresWithHost),
    mentionsBrand: namesBrand || ownHandleNamed,
    salutesBrand: namesBrand && salutesBrand(raw, ownNames),
    ...who,
  };
}

/** Only a reaction ("ok", "alles klar", "hmm"): every word of a short text belongs to one. */
function isBareReaction(cues: Matchers, tokens: Tokens): boolean {
  const reactions = cues.bare_reaction.matches(tokens);
  return (
    reactions.length > 0 &&
    tokens.words.length <= 3 &&
    reactions.join(' ').split(' ').length >= tokens.words.length
  );
}

/** What the first phase read from one message; the later phases only combine these. */
export interface Features {
  cues: Matchers;
  /** the message as the policy reads it (at most POLICY_TEXT_LIMIT characters) */
  raw: string;
  /** without links, handles and the brand's names, emoji read as words */
  text: string;
  tokens: Tokens;
  surface: ReturnType<typeof readSurface>;
  language: LanguageGuess;
  personalFindings: PersonalDataFinding[];
  personalData: PersonalDataKind[];
  hits: CueHits;
  sentences: Sentences;
  negativeEmoji: boolean;
  positiveEmoji: boolean;
  trollEmoji: boolean;
  threatEmoji: boolean;
  shouting: boolean;
  frustratedPunctuation: boolean;
  sarcasm: boolean;
  /** a tight smile 🙂: no praise on its own; with a complaint, irony */
  tightSmile: boolean;
  /** a retweet: someone else's post passed on */
  retweet: boolean;
  /** a television or radio listing: a channel and a broadcast time */
  tvListing: boolean;
  /** the message is only a reaction: "ok", "alles klar", "hmm" */
  bareReaction: boolean;
  /** the author's followers, as the platform sent them or as the author claims in the text */
  followers: number;
  /** how the message poses as the brand's support to lead its readers astray (phishing), if it does */
  impersonation: string[];
}

/** Reads one message: its surface, language, personal data, cue words, sentences and marks. */
export function readFeatures(event: TriageEvent, brand: Brand): Features {
  const cues = matchersFor(brand);
  const raw = policyText(event.text);
  const surface = readSurface(raw, brand, event);
  const language = detectLanguage(raw, brand.languages, brand.defaultLanguage);
  const personalFindings = findPersonalData(raw, brand);
  const tokens = tokenize(surface.text);
  const hits = withoutAskingThanks(withoutFalseFriends(cueHits(cues, tokens), language.language), raw);
  // an eye-roll, a clown or a laugh after a complaint or a thank-you is irony
  const complaining =
    hits.problem.length + hits.negative.length + hits.complaint.length + hits.grievance.length;
  const tightSmile = TIGHT_SMILE.test(raw);
  const ironic =
    (IRONY_EMOJI.test(raw) && complaining + hits.praise.length > 0) ||
    (LAUGH_OR_CLAP.test(raw) &&
      complaining > 0 &&
      (complaining > hits.praise.length || REPEATED.test(raw))) ||
    (tightSmile && complaining > 0);
  return {
    cues,
    raw,
    text: surface.text,
    tokens,
    surface,
    language,
    personalFindings,
    personalData: personalFindings.map((f) => f.kind),
    hits,
    sentences: readSentences(cues, surface.text, tokens),
    negativeEmoji: NEGATIVE_EMOJI.test(raw),
    positiveEmoji: POSITIVE_EMOJI.test(raw),
    trollEmoji: TROLL_EMOJI.test(raw),
    threatEmoji: THREAT_EMOJI.test(raw),
    shouting: (raw.match(SHOUTED_WORD)?.length ?? 0) >= 3,
    frustratedPunctuation: /\?!|!\?|\?{2,}/.test(raw),
    sarcasm: SARCASM.test(raw.trim()) || ironic,
    tightSmile,
    retweet: RETWEET.test(raw),
    tvListing: hits.tvListing.length > 0 && CLOCK_TIME.test(raw),
    bareReaction: isBareReaction(cues, tokens),
    followers: Math.max(event.author.followers ?? 0, followersInText(raw)),
    impersonation: impersonationCues(raw, [event.author.name, event.author.handle], brand, brandNames(brand)),
  };
}
