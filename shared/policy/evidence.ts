import type { Brand } from './brand.js';
import { type Category, type Matchers, namesThing } from './cues.js';
import type { Intent } from './decision.js';
import { thanksAfterEmergency } from './emergency-over.js';
import type { Features, TriageEvent } from './features.js';
import { askedInGeneral } from './general-question.js';
import { fold, type Tokens } from './matcher.js';
import { type ToneScores, toneScores } from './tone.js';
import type { Triage } from './triage.js';
import { waitedThrough } from './waited.js';

/** spam points somewhere even without a link: the bio, a profile, a private message, a messenger */
const SPAM_POINTER =
  /link in (?:my |meiner |der )?bio|(?:check|schau)[^.!?]{0,20}(?:profil|profile|page|seite)|inbox me|\bdm (?:me|us|him|her|back|for)\b|\b(?:reply|antworten sie|responda|répondez)\W{0,3}(?:yes|ja|sim|oui)\b|telegram|whatsapp|message me|schreibt mir|per pn\b|eine pn\b|scrivetemi|scrivere in privato|écrivez-moi|escr[ií]beme|(?:en )?message privé|in privato/iu;
// numbers start where a run of digits (and separators) starts, so no run is read twice
const MONEY_AMOUNT =
  /(?<![\d.,])[.,]*\d[\d.,]*\s?(?:€|\$|£|euro|eur|usd|chf|fr\.)|[€$£]\s?\d|(?<!\d)\d+\s?%/iu;

/** danger words that praise uses as metaphors: "ihr seid heute on fire", "das Team brennt" */
const FIRE_METAPHORS: ReadonlySet<string> = new Set([
  'on fire',
  'fire',
  'brennt',
  'feu',
  'fuoco',
  'flammen',
  'flames',
  'smoking',
]);

function namesProblem(m: Matchers, t: Tokens): boolean {
  return m.problem.test(t) || m.damage_or_conduct.test(t) || m.harm.test(t);
}

/** a train named by its kind and number: "IC 712", "ICE", "IR", "RE 7", "TGV", "S3" */
const TRAIN = /(?<![\p{L}\p{N}])(?:ICE|IC|IR|RE|RB|EC|RJX?|TGV|S\d{1,2})(?:\s?\d{1,5})?(?![\p{L}\p{N}])/u;

/** A train late, cancelled or a connection missed: said of a journey in one sentence, or of a named train. */
function journeyDisrupted(f: Features): boolean {
  const { cues: m } = f;
  return (
    f.sentences.all.some((t) => m.trip_disruption.test(t) && m.trip.test(t)) ||
    (TRAIN.test(f.raw) && m.trip_disruption.test(f.tokens))
  );
}

/** Problems, money and contacts: what the customer states went wrong. */
function readProblems(f: Features) {
  const { hits, sentences: s, cues: m } = f;
  const has = (t: Tokens, c: Category): boolean => m[c].test(t);
  // problems: strong words, and weak ones (a negation, "still/seit") that count in statements
  const strongProblem = hits.problem.length > 0 || hits.techStrong.length > 0 || hits.damage.length > 0;
  const negationStated = s.inStatements('negation');
  const pendingStated = s.inStatements('pending');
  const weakProblem = negationStated || pendingStated;
  const possessive = hits.possessive.length > 0;
  // a statement that names the thing and what is wrong with it: "still no parcel", "Paket seit 10 Tagen nicht da"
  const statedCase = s.statements.some(
    (t) =>
      namesThing(m, t) &&
      (namesProblem(m, t) || has(t, 'negation') || has(t, 'pending')) &&
      !has(t, 'hypothetical') &&
      !has(t, 'trolling'),
  );
  // a problem with a thing, also asked ("Is my parcel lost?"), unless hypothetical ("what if ...")
  const problemCase = s.all.some(
    (t) =>
      namesThing(m, t) &&
      namesProblem(m, t) &&
      !has(t, 'hypothetical') &&
      !has(t, 'how_to') &&
      !has(t, 'trolling'),
  );
  // the customer tells of something that happened to them: "ich war den ganzen Tag zuhause"
  const firstPersonIncident = s.statements.some((t) => has(t, 'personal') && namesProblem(m, t));
  const firstPersonAction = s.statements.some((t) => has(t, 'personal') && has(t, 'action'));
  const firstPerson = hits.personal.length > 0;
  // disputed money: stated, or asked about the customer's own ("how long does a refund take" is general)
  const dispute =
    hits.dispute.length + hits.refund.length > 0 &&
    (s.inStatements('dispute') || s.inStatements('refund') || possessive || firstPerson);
  // contested: charged wrongly or without consent; a refund that is overdue or was promised
  const contested =
    (hits.dispute.length > 0 && dispute) ||
    (hits.refund.length > 0 && dispute && (pendingStated || negationStated));
  // a fault: fault words, or a thing that can break with a fault verb, a negation or "since"
  const tripDisruption = journeyDisrupted(f);
  // a train late or cancelled is no fault of a device, unless one is named (the train's Wi-Fi, a ticket machine)
  const journeyNotDevice = tripDisruption && !f.cues.tech_noun.test(f.tokens);
  const fault =
    !journeyNotDevice &&
    (hits.techStrong.length > 0 ||
      (s.inStatements('tech_noun') &&
        (s.inStatements('fault_verb') || weakProblem || hits.problem.length > 0)));
  return {
    tripDisruption,
    journeyNotDevice,
    strongProblem,
    negationStated,
    pendingStated,
    weakProblem,
    possessive,
    statedCase,
    problemCase,
    firstPersonIncident,
    firstPersonAction,
    firstPerson,
    moneyAmount: MONEY_AMOUNT.test(f.text),
    dispute,
    contested,
    unanswered: hits.unanswered.length > 0 && (weakProblem || strongProblem),
    waited: waitedThrough(f.raw),
    fault,
    generalGrievance:
      (hits.grievance.length > 0 || hits.priceChange.length > 0) &&
      f.personalData.length === 0 &&
      !firstPersonIncident,
  };
}
export type Problems = ReturnType<typeof readProblems>;

/** The domain a case is about: fault beats money beats orders. */
function domainOf(f: Features, p: Problems): Intent | undefined {
  const { hits } = f;
  const billingEvidence = hits.billing.length > 0 || p.dispute;
  if (p.fault) return 'technical_fault';
  if (
    (billingEvidence && (p.dispute || hits.billing.length > hits.order.length)) ||
    (hits.billing.length > 0 && f.personalData.includes('iban'))
  )
    return 'account_billing';
  if (hits.order.length > 0) return 'order_delivery';
  if (billingEvidence) return 'account_billing';
  if (hits.tech.length > 0 && (p.strongProblem || p.weakProblem) && !p.journeyNotDevice)
    return 'technical_fault';
  if (f.sentences.statusQuestion) return 'order_delivery';
  return undefined;
}

/** Whether the message is only praise, or only a suggestion: no case of the customer's own then. */
function praiseOrSuggestionOnly(f: Features, p: Problems, tone: ToneScores, harm: boolean, domain?: Intent) {
  const { hits } = f;
  const praiseOnly =
    tone.positiveScore > 0 &&
    // a smiley under "schaut mal, der neue Werbespot" is chatter, not praise for the brand
    (hits.praise.length > 0 || hits.noConcern.length === 0) &&
    tone.positiveScore > tone.negativeScore &&
    !f.sarcasm &&
    !f.sentences.questionMark &&
    f.personalData.length === 0 &&
    !harm &&
    !p.fault &&
    // a clap beside a failure, a wait or a "not" mocks it ("Ersatzbus voll, 15 stehen gelassen. Complimenti 👏")
    !(/👏/u.test(f.raw) && (p.strongProblem || p.negationStated || p.pendingStated)) &&
    // one praise word after a stated problem is sarcasm ("Paket beim falschen Nachbarn, toll"), and
    // after a failure named outright ("Zug gestrichen, Anschluss weg. Bravo.") whatever its domain
    !(
      (((hits.problem.length > 0 || (p.statedCase && p.negationStated)) && domain !== undefined) ||
        p.strongProblem) &&
      tone.positiveScore < 2
    );
  const suggestionOnly =
    hits.suggestion.length > 0 && !p.strongProblem && f.personalData.length === 0 && !p.dispute;
  return { praiseOnly, suggestionOnly };
}

/** irony that turns thanks into a complaint; a closing "well done" after a fix is sincere */
const UNDOING_IRONY =
  /🙄|🙃|🤡|🥴|😒|for nothing|für nichts|für nix|für nüt|pour rien|per niente|\bthanks? a lot\b|danke auch|(?:job|done|work)\W{1,4}not\b|\bk,? thx/iu;

/**
 * Thanks for something put right ("support fixed my router issue in 10 min, well done", "Refund came
 * through in 24h. Thanks"): the problem named is over, so it is praise, no case, no harm, no danger.
 */
function resolvedStory(f: Features, p: Problems): boolean {
  const { hits } = f;
  return (
    hits.resolved.length > 0 &&
    (hits.praise.length > 0 || hits.gratitude.length > 0) &&
    !UNDOING_IRONY.test(f.raw) &&
    !f.sentences.questionMark &&
    !p.pendingStated &&
    !p.unanswered &&
    f.personalData.length === 0
  );
}

/**
 * A case of the customer's own: a domain, and something stated that makes it theirs; not when the
 * message is only praise, a suggestion or a question about the service.
 */
function isOwnCase(
  f: Features,
  p: Problems,
  channel: TriageEvent['channel'],
  harm: boolean,
  only: { praiseOnly: boolean; suggestionOnly: boolean; generalQuestion: boolean },
  domain?: Intent,
): boolean {
  const { hits } = f;
  const ownEvidence =
    f.personalData.length > 0 ||
    p.dispute ||
    p.unanswered ||
    f.sentences.statusQuestion ||
    p.fault ||
    p.statedCase ||
    p.problemCase ||
    p.firstPersonAction ||
    (p.possessive &&
      (p.strongProblem || p.weakProblem || harm || hits.request.length > 0 || hits.action.length > 0)) ||
    (p.firstPerson && (p.strongProblem || p.pendingStated)) ||
    (channel === 'dm' && p.firstPerson && (p.strongProblem || p.weakProblem || hits.request.length > 0));
  return (
    domain !== undefined &&
    !only.praiseOnly &&
    !only.suggestionOnly &&
    !only.generalQuestion &&
    !(f.surface.startsWithPersonHandle && !p.strongProblem && f.personalData.length === 0) &&
    !(p.generalGrievance && !p.possessive && !p.dispute) &&
    ownEvidence
  );
}

/**
 * A concern for the brand even without a domain: a problem, money, an unanswered contact,
 * damage, a legal threat or going public, staff conduct, a complaint word.
 */
function hasConcernEvidence(
  f: Features,
  p: Problems,
  signals: Triage['signals'],
  ownCase: boolean,
  domain?: Intent,
) {
  const { hits } = f;
  return (
    ownCase ||
    p.strongProblem ||
    p.unanswered ||
    p.waited ||
    p.dispute ||
    signals.harm ||
    signals.legalThreat ||
    signals.press ||
    signals.safety ||
    hits.complaint.length > 0 ||
    hits.rhetorical.length > 0 ||
    p.generalGrievance ||
    f.personalData.length > 0 ||
    // the brand's staff or service spoken of badly: "eure Fahrer werden mies bezahlt"
    ((hits.service.length > 0 || domain !== undefined) && hits.negative.length + hits.complaint.length > 0) ||
    (domain !== undefined && (p.weakProblem || f.sentences.question || hits.request.length > 0))
  );
}

/** Spam needs spam words and a carrier; a customer's own case or real personal data is no bot. */
function spamEvidence(f: Features, p: Problems, signals: Triage['signals'], ownCase: boolean) {
  const { hits, surface } = f;
  // spam carries something: a link, a handle, an amount, or several spam cues at once; a
  // grievance about the brand without a link is a customer writing ("Eure Werbung ist eine Frechheit")
  const spamPointer = surface.hasUrl || SPAM_POINTER.test(f.raw);
  return {
    spamScore:
      hits.spam.length +
      2 * hits.spamStrong.length +
      (surface.hasUrl ? 1 : 0) +
      (surface.lureUrl ? 2 : 0) +
      (p.moneyAmount ? 1 : 0) +
      (surface.otherHandles.length > 0 && !ownCase ? 0.5 : 0),
    spamWords: hits.spamStrong.length > 0 || hits.spam.length >= 2 || surface.lureUrl,
    spamPointer,
    spamCarrier:
      spamPointer ||
      surface.otherHandles.length > 0 ||
      p.moneyAmount ||
      new Set([...hits.spam, ...hits.spamStrong]).size >= 2,
    grievanceWithoutLink: !surface.hasUrl && hits.complaint.length + hits.negative.length > 0,
    // real personal data or a legal threat means a customer wrote it, not a bot
    // (a phone number next to "WhatsApp" or "DM me" is the advertiser's)
    realCustomer: (f.personalData.length > 0 && !spamPointer) || signals.legalThreat,
  };
}

/** newspapers, channels and blogs by name: "Does your cable TV include BBC channels?" asks no press question */
const PRESS_OUTLETS = new Set([
  'bbc',
  'zeitung',
  'newspaper',
  'tagesspiegel',
  'bild-zeitung',
  'fernsehen',
  'blog',
  'tv station',
]);
/** calls to pass a post on: "Teilt das bitte: <headline>" shares news, "RT if ... 🙄" goes public */
const SHARE_CALLS = new Set([
  'teilt das',
  'teilt es',
  'bitte weiterteilen',
  'alle teilen',
  'share this',
  'share it',
  'spread the word',
  'rt if',
  'retweet',
]);

/**
 * Press and going public: a journalist, a press office, "an die Presse", a boycott; an outlet named
 * alone only in an unhappy message without a question ("Das geht an die Zeitung!"), not in a
 * question about a channel or a mention of an article; a call to share only around a grievance.
 */
function pressSignal(f: Features): boolean {
  const { hits } = f;
  const outlets = hits.press.filter((w) => PRESS_OUTLETS.has(fold(w)));
  const shareCalls = hits.press.filter((w) => SHARE_CALLS.has(fold(w)));
  if (hits.press.length > outlets.length + shareCalls.length) return true;
  const unhappy =
    hits.negative.length +
      hits.complaint.length +
      hits.problem.length +
      hits.legal.length +
      hits.harm.length +
      hits.damage.length +
      hits.dispute.length >
      0 ||
    f.sarcasm ||
    f.negativeEmoji ||
    f.cues.negation.test(f.tokens);
  if (shareCalls.length > 0 && unhappy) return true;
  return outlets.length > 0 && (unhappy || f.raw.includes('!')) && !f.sentences.questionMark;
}

/** Escalation signals; harm is damage, loss or money in dispute (the expert level, L2). */
function readSignals(f: Features, brand: Brand, harm: boolean, addressesBrand: boolean): Triage['signals'] {
  const { hits, cues: m } = f;
  const insult = hits.insult.length > 0 || hits.trolling.length > 0;
  return {
    legalThreat: hits.legal.length > 0,
    press: pressSignal(f),
    influencer: f.followers >= brand.escalation.influencerFollowers,
    safety: hits.safety.length > 0 || (f.threatEmoji && hits.praise.length === 0 && !f.positiveEmoji),
    harm,
    insult,
    insultAtOthers:
      insult && (f.surface.startsWithPersonHandle || (m.second_person.test(f.tokens) && !addressesBrand)),
    impersonation: f.impersonation.length > 0,
  };
}

/** What the features add up to: problems, the domain, an own case, a concern, spam, tone and signals. */
export function readEvidence(f: Features, channel: TriageEvent['channel'], brand: Brand) {
  const { hits } = f;
  const problems = readProblems(f);
  const tone = toneScores(f);
  const domain = domainOf(f, problems);
  // conduct and poor quality ("rude", "arrived cold") are complaints, not damage
  const conductWords = new Set(hits.conduct.flatMap((w) => w.split(' ')));
  const damage = hits.damage.filter((w) => !w.split(' ').every((x) => conductWords.has(x)));
  const harm = hits.harm.length > 0 || damage.length > 0 || problems.contested;
  const addressesBrand = f.cues.brand_address.test(f.tokens) || f.surface.mentionsBrand;
  const readAll = readSignals(f, brand, harm, addressesBrand);
  const resolvedWithThanks = resolvedStory(f, problems);
  const read = resolvedWithThanks ? { ...readAll, harm: false } : readAll;
  const found = praiseOrSuggestionOnly(f, problems, tone, read.harm, domain);
  // "you lot are on fire today 🔥" is praise, no danger; smoke or a smell with a praise word is still
  // danger, and no praise ("es stinkt mega", "fährt immer zu schnell, fast ein Kind überfahren")
  const metaphor = hits.safety.every((w) => FIRE_METAPHORS.has(fold(w)));
  const only = { ...found, praiseOnly: (found.praiseOnly && metaphor) || resolvedWithThanks };
  // a retweet passes on someone else's post, a thank-you an emergency that is over: nobody is in danger
  const over = read.safety && thanksAfterEmergency(f, UNDOING_IRONY.test(f.raw));
  const signals = only.praiseOnly || f.retweet || over ? { ...read, safety: false } : read;
  const generalQuestion = askedInGeneral(f, problems, signals.harm);
  const ownCase = isOwnCase(f, problems, channel, signals.harm, { ...only, generalQuestion }, domain);
  return {
    channel,
    ...problems,
    ...only,
    tone,
    domain,
    domainHits: [
      ...hits.techStrong,
      ...hits.billing,
      ...hits.dispute,
      ...hits.refund,
      ...hits.order,
      ...hits.tech,
    ],
    damage,
    signals,
    ownCase,
    generalQuestion,
    concernEvidence: hasConcernEvidence(f, problems, signals, ownCase, domain),
    addressesBrand,
    ...spamEvidence(f, problems, signals, ownCase),
  };
}
export type Evidence = ReturnType<typeof readEvidence>;
