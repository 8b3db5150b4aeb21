import { reasonWithCues as cue, namesThing } from './cues.js';
import type { Intent } from './decision.js';
import type { Evidence } from './evidence.js';
import type { Features } from './features.js';
import { asksIfGenuine, impersonation, spam } from './intent-spam.js';

/** The intent a rule found, with the reason an agent reads. */
export interface IntentReading {
  intent: Intent;
  reason: string;
  /** no evidence of a concern and none of its absence: a person reads it */
  unclear?: boolean;
}

/** a laugh without a complaint around it: chatter */
const LAUGHING_EMOJI = /😂|🤣|😆|😅/u;

export type IntentRule = (f: Features, e: Evidence) => IntentReading | undefined;

/**
 * A clown or a skull after a sentence ("…and then you send three vans down the same street 🤡",
 * "train stood 20 minutes, no announcement 💀") mocks something that happened: a grievance, not
 * trolling. Without an insult word and with a sentence of its own, it is no abuse, unless the
 * sentence is told to another user.
 */
function trollEmojiOnAGrievance(f: Features, e: Evidence): boolean {
  return (
    f.hits.insult.length === 0 &&
    (e.addressesBrand || f.surface.personHandles.length === 0) &&
    f.tokens.words.length >= 6
  );
}

// a clown or a laugh after a complaint is irony, no insult, and rude words around a suggestion
// ("bring back the old page, the new one is useless") carry a concern: neither is abuse; a rude
// word with an eye-roll or a curt "k thx" answers what the brand did ("k thx… useless 🙄"): a complaint
const abuse: IntentRule = (f, e) =>
  ((e.signals.insult && !(f.sarcasm && f.hits.insult.length === 1 && f.hits.trolling.length === 0)) ||
    (f.trollEmoji && !f.sarcasm && !trollEmojiOnAGrievance(f, e))) &&
  f.hits.suggestion.length === 0 &&
  (f.surface.startsWithPersonHandle || !e.concernEvidence)
    ? {
        intent: 'abuse',
        reason: cue(e.signals.insultAtOthers ? 'abuse:aimed_at_others' : 'abuse:insult_without_concern', [
          ...f.hits.insult,
          ...f.hits.trolling,
        ]),
      }
    : undefined;

/**
 * Users talking to each other: a post that opens with another user's handle, or a comment that
 * tags a person and speaks to them ("@Thomas du hast doch eins"), without a case of its own or an
 * address to the brand.
 */
const talkingToAnotherUser: IntentRule = (f, e) => {
  // in a comment a tagged person is the one spoken to, whatever else the words say
  const speaksToTagged = e.channel === 'comment' && f.surface.personHandles.length > 0;
  return (f.surface.startsWithPersonHandle || speaksToTagged) && !e.ownCase && !e.addressesBrand
    ? { intent: 'other', reason: 'intent:other(talking to another user)' }
    : undefined;
};

/**
 * A reaction under a post: a word or two ("same", "trop vrai", "anche io 😭") that neither speaks to
 * the brand nor names anything of it, asks, complains or praises: it answers the post, not a concern.
 * Thanks in words ("Danke!") still get their reply; in a DM or an X mention it goes to a person.
 */
const reactionToThePost: IntentRule = (f, e) =>
  e.channel === 'comment' &&
  f.language.served &&
  f.tokens.words.length <= 2 &&
  !f.sentences.question &&
  !addressed(f) &&
  !f.surface.mentionsBrand &&
  !namesThing(f.cues, f.tokens) &&
  !e.concernEvidence &&
  !e.weakProblem &&
  !f.sarcasm &&
  f.hits.negative.length === 0 &&
  e.tone.positiveScore === 0 &&
  f.personalData.length === 0
    ? { intent: 'other', reason: 'intent:other(reaction to the post)' }
    : undefined;

/**
 * Written to the crowd ("Liebe Grüsse an alle ...", "Rappel à tous les membres", "qualcuno sa
 * se ..."): greetings, calls, tips and questions to other readers, with nothing of the brand's
 * staff, no address to the brand, no problem, no complaint and no personal data, are no concern
 * of the brand's, however friendly.
 */
const toTheCrowd: IntentRule = (f, e) =>
  (f.cues.crowd_address.test(f.tokens) || f.cues.crowd_or_content.test(f.tokens)) &&
  !addressed(f) &&
  !e.ownCase &&
  !e.strongProblem &&
  !e.weakProblem &&
  !(namesThing(f.cues, f.tokens) && f.cues.negation.test(f.tokens)) &&
  !e.unanswered &&
  !e.contested &&
  e.tone.negativeScore === 0 &&
  !f.sarcasm &&
  f.hits.service.length === 0 &&
  f.hits.complaint.length === 0 &&
  f.personalData.length === 0
    ? { intent: 'other', reason: 'intent:other(written to the crowd)' }
    : undefined;

/** Danger to people: a complaint whatever else it reads as, unless it is an own order or bill. */
const danger: IntentRule = (f, e) =>
  e.signals.safety && !(e.ownCase && e.domain !== 'technical_fault') && !e.praiseOnly
    ? { intent: 'complaint', reason: cue('intent:complaint(danger to people)', f.hits.safety) }
    : undefined;

/** The message speaks to the brand: "ihr", "you", "your service", or it opens with the brand's handle or name. */
function addressed(f: Features): boolean {
  return (
    f.surface.startsWithOwnHandle ||
    f.surface.salutesBrand ||
    f.cues.brand_address.test(f.tokens) ||
    secondPerson(f)
  );
}

/** A sentence opening with a French plural imperative ("Mettez…", "Arrêtez de…"), not "assez" or the cheer "allez". */
function frenchImperative(f: Features): boolean {
  const orders = (w = '') => w.length >= 5 && w.endsWith('ez') && w !== 'assez' && w !== 'allez';
  return f.language.language === 'fr' && f.sentences.all.some((s) => orders(s.words[0]));
}

/** "du", "you", "your": but French "du" is an article ("le club du village") */
function secondPerson(f: Features): boolean {
  const words = f.cues.second_person.matches(f.tokens);
  return f.language.language === 'fr' ? words.some((w) => w !== 'du') : words.length > 0;
}

/** Nothing asked, complained of, suggested or reported: a share or a remark, no case. */
function nothingToAnswer(f: Features, e: Evidence): boolean {
  return (
    !e.concernEvidence &&
    !e.ownCase &&
    !f.sentences.question &&
    e.tone.negativeScore === 0 &&
    !f.sarcasm &&
    !f.tightSmile &&
    f.personalData.length === 0 &&
    !e.signals.safety &&
    f.hits.suggestion.length === 0 &&
    f.hits.asksPrivate.length === 0
  );
}

/** one line of at least 20 characters, then a link as its last word */
function headlineThenLink(raw: string): boolean {
  const text = raw.trim();
  const lastSpace = text.lastIndexOf(' ');
  const head = text.slice(0, lastSpace);
  return lastSpace >= 20 && !head.includes('\n') && /^https?:\/\//u.test(text.slice(lastSpace + 1));
}

/** A shared headline, article, listing or video without a question or complaint: no care team answers it. */
const newsShare: IntentRule = (f, e) => {
  const aside = !addressed(f) && f.hits.personal.length === 0 && !f.sentences.questionMark;
  // a headline with a link may name problems ("Streik", "Verspätungen"): it reports, it does not complain
  const headline = f.hits.newsShare.length > 0 && f.surface.hasUrl && aside && !e.signals.safety;
  const bareLink = f.surface.hasUrl && f.tokens.words.length >= 3 && aside;
  // a headline as news sites word it, the link last: "Strecke X–Y gesperrt, Ersatzbusse bis Freitag https://..."
  const headlineShape =
    bareLink &&
    headlineThenLink(f.raw) &&
    !f.raw.includes('!') &&
    !f.negativeEmoji &&
    !f.sarcasm &&
    !e.ownCase &&
    !e.signals.safety &&
    f.personalData.length === 0;
  const announced = f.hits.newsShare.length > 0;
  // a listing ("heute 20:15 im Ersten ...") may ask the crowd who watches: it is no concern either way
  const listing = f.tvListing && !e.ownCase && f.personalData.length === 0 && e.tone.negativeScore === 0;
  // a retweet passes on someone else's post: the retweeter asks nothing of the brand
  const shared =
    headline || headlineShape || listing || f.retweet || ((announced || bareLink) && nothingToAnswer(f, e));
  return shared && (listing || f.retweet || e.tone.positiveScore <= f.hits.newsShare.length)
    ? {
        intent: 'other',
        reason: cue('intent:other(news or content shared)', [...f.hits.newsShare, ...f.hits.tvListing]),
      }
    : undefined;
};

/** The brand named in passing, read from words the post lacks: only in a language the brand serves. */
const passingMention: IntentRule = (f, e) =>
  f.language.served &&
  f.surface.mentionsBrand &&
  !addressed(f) &&
  nothingToAnswer(f, e) &&
  e.tone.positiveScore === 0
    ? { intent: 'other', reason: 'intent:other(brand mentioned in passing)' }
    : undefined;

/**
 * A joke told to the crowd: a laugh ("lol", 😂) in a post that does not speak to the brand, asks
 * nothing and names no real problem ("mein Nachbar nimmt alle Pakete an 😂", "#adulting").
 */
const jokeToTheCrowd: IntentRule = (f, e) =>
  (f.hits.laughter.length > 0 || LAUGHING_EMOJI.test(f.raw)) &&
  !f.sarcasm &&
  !addressed(f) &&
  !f.sentences.question &&
  e.tone.positiveScore === 0 &&
  !e.strongProblem &&
  !e.weakProblem &&
  !e.signals.harm &&
  !e.contested &&
  !e.unanswered &&
  f.personalData.length === 0 &&
  f.hits.complaint.length + f.hits.negative.length === 0
    ? { intent: 'other', reason: cue('intent:other(joke to the crowd)', f.hits.laughter) }
    : undefined;

/** Thanks for something done ("Merci für die Abwicklung nach dem Hagelschaden"): praise, unless ironic or something is still wrong. */
const thanksForSomethingDone: IntentRule = (f, e) =>
  f.hits.gratitude.length > 0 &&
  !f.sarcasm &&
  e.tone.positiveScore >= e.tone.negativeScore &&
  !e.negationStated &&
  !e.pendingStated &&
  !e.contested &&
  !f.sentences.questionMark
    ? { intent: 'praise', reason: cue('intent:praise(thanks)', f.hits.gratitude) }
    : undefined;

/**
 * A remark to the crowd in public that nothing reads as a concern, a question or an address to
 * the brand ("Zugfahren ist entspannt, wenn man keine Termine hat"): no care team answers it.
 * In a DM, or with the brand's name, the first person or a "!" it still goes to a person.
 */
const remarkToTheCrowd: IntentRule = (f, e) =>
  e.channel !== 'dm' &&
  f.language.served &&
  nothingToAnswer(f, e) &&
  !namesThing(f.cues, f.tokens) &&
  !f.cues.negation.test(f.tokens) &&
  !f.cues.pending.test(f.tokens) &&
  f.hits.service.length === 0 &&
  !f.negativeEmoji &&
  // a clown or a skull takes a stance: mockery of something, no neutral remark
  !f.trollEmoji &&
  !addressed(f) &&
  // a request ("svp", "bitte") or an order ("Mettez…") asks something of the brand
  f.hits.request.length === 0 &&
  !frenchImperative(f) &&
  !f.surface.mentionsBrand &&
  f.hits.personal.length === 0 &&
  f.hits.possessive.length === 0 &&
  e.tone.positiveScore === 0 &&
  !f.raw.includes('!') &&
  f.tokens.words.length >= 3
    ? { intent: 'other', reason: 'intent:other(remark to the crowd)' }
    : undefined;

const onlyPraise: IntentRule = (f, e) =>
  e.praiseOnly && !e.ownCase ? { intent: 'praise', reason: cue('intent:praise', f.hits.praise) } : undefined;

const damagedOrder: IntentRule = (f, e) =>
  e.ownCase && f.hits.damage.length > 0 && e.domain === 'order_delivery'
    ? { intent: 'complaint', reason: cue('intent:complaint(damage_or_conduct)', f.hits.damage) }
    : undefined;

const ownCase: IntentRule = (_f, e) =>
  e.ownCase && e.domain ? { intent: e.domain, reason: cue(`intent:${e.domain}`, e.domainHits) } : undefined;

const complaint: IntentRule = ({ hits, sentences, sarcasm }, e) => {
  const { negativeScore, positiveScore } = e.tone;
  const complains =
    hits.complaint.length > 0 ||
    hits.damage.length > 0 ||
    hits.rhetorical.length > 0 ||
    e.generalGrievance ||
    e.tripDisruption ||
    e.signals.harm ||
    (e.signals.press && !sentences.question) ||
    (negativeScore > positiveScore &&
      (e.strongProblem || e.weakProblem || e.signals.legalThreat || sentences.question)) ||
    (sarcasm && negativeScore > 0);
  if (!complains) return undefined;
  return {
    intent: 'complaint',
    reason: cue('intent:complaint', [
      ...hits.complaint,
      ...hits.damage,
      ...hits.rhetorical,
      ...hits.grievance,
      ...hits.priceChange,
      ...hits.negative,
    ]),
  };
};

const question: IntentRule = ({ hits, sentences }, e) => {
  if (!sentences.question || hits.noConcern.length > 0 || e.suggestionOnly) return undefined;
  return {
    intent: 'question',
    reason:
      hits.howTo.length > 0
        ? cue('intent:question', hits.howTo)
        : sentences.questionMark
          ? 'intent:question(question mark)'
          : 'intent:question(opens like a question)',
  };
};

const praise: IntentRule = (f, e) =>
  e.tone.positiveScore > 0 &&
  e.tone.positiveScore >= e.tone.negativeScore &&
  !f.sarcasm &&
  // a smiley under chatter ("schaut mal ...") is no praise for the brand
  (f.hits.praise.length > 0 || f.hits.noConcern.length === 0)
    ? { intent: 'praise', reason: cue('intent:praise', f.hits.praise) }
    : undefined;

// a scene everyone knows ("#relatable") names a parcel and a "nicht" without being a case
const domainProblem: IntentRule = (f, e) =>
  e.domain && (e.strongProblem || e.weakProblem || e.firstPerson) && f.hits.noConcern.length === 0
    ? { intent: e.domain, reason: cue(`intent:${e.domain}`, e.domainHits) }
    : undefined;

// never drop a grievance as "no concern"
const negativeWithoutOtherReading: IntentRule = ({ hits }, e) =>
  e.tone.negativeScore > 0 && (hits.noConcern.length === 0 || e.tone.politeHalf) && !e.suggestionOnly
    ? {
        intent: 'complaint',
        reason: cue('intent:complaint(negative, no other reading)', [...hits.negative, ...hits.complaint]),
      }
    : undefined;

const suggestion: IntentRule = ({ hits }) =>
  hits.suggestion.length > 0
    ? { intent: 'other', reason: cue('intent:other(suggestion)', hits.suggestion) }
    : undefined;

/**
 * silence needs evidence of no concern: chatter, laughter, a tagged person, no words at all (but
 * question marks at the brand's handle, "@brand ???", ask it something: a person reads them)
 */
const noConcern: IntentRule = ({ hits, surface, tokens, raw, sarcasm, bareReaction }) =>
  hits.noConcern.length > 0 ||
  bareReaction ||
  hits.laughter.length > 0 ||
  (LAUGHING_EMOJI.test(raw) && !sarcasm) ||
  surface.personHandles.length > 0 ||
  (tokens.words.length === 0 && !(surface.mentionsBrand && raw.includes('?')))
    ? { intent: 'other', reason: cue('intent:other(no customer concern)', hits.noConcern) }
    : undefined;

/** The intent rules, first match wins: their order is the policy. */
const INTENT_RULES: readonly IntentRule[] = [
  impersonation,
  spam,
  abuse,
  danger,
  talkingToAnotherUser,
  reactionToThePost,
  newsShare,
  toTheCrowd,
  jokeToTheCrowd,
  thanksForSomethingDone,
  onlyPraise,
  damagedOrder,
  ownCase,
  complaint,
  question,
  praise,
  domainProblem,
  negativeWithoutOtherReading,
  suggestion,
  noConcern,
  passingMention,
  remarkToTheCrowd,
];

/** The message's intent; without evidence either way a person reads it. */
export function readIntent(f: Features, e: Evidence): IntentReading {
  const reading = firstReading(f, e);
  // a customer asking whether a scam is the brand's quotes its words: never read as the scam itself
  const leftAlone = reading.intent === 'spam' || reading.intent === 'other' || reading.intent === 'abuse';
  return (leftAlone && asksIfGenuine(f, e)) || reading;
}

/** The first intent rule that matches; without evidence either way a person reads it. */
function firstReading(f: Features, e: Evidence): IntentReading {
  for (const rule of INTENT_RULES) {
    const reading = rule(f, e);
    if (reading) return reading;
  }
  return { intent: 'other', reason: 'intent:other(unclear, a person reads it)', unclear: true };
}
