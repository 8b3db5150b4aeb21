import { oneWord } from './cues.js';
import type { Intent } from './decision.js';
import type { Evidence } from './evidence.js';
import type { Features } from './features.js';
import { tokenize } from './matcher.js';

/** a wait the customer counts: "seit 6 Tagen", "for 3 weeks", "been 2 weeks", "since Tuesday" */
const COUNTED_WAIT =
  /\b(?:seit|since|for|been|über|over|schon)\s+(?:(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|one|einer?m?|mehreren|several)\s+(?:tage?n?|wochen?|monate?n?|stunden?|days?|weeks?|months?|hours?)|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|gestern|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last week|letzter woche)\b|\bday \d+\b|\btag \d+\b/iu;

/** "but" and its kin: what follows it undoes the praise before it ("Schönes Foto, aber bei mir kommt nix an") */
const CONTRAST = /(?:^|[\s,;.…])(?:aber|but|mais|però|jedoch|however|shame about|schade nur)(?=[\s,:])/iu;

/** after "but": first do your job ("aber bringt erstmal die Pakete", "but maybe clear the snow") */
const FIRST_DO =
  /\b(?:erst ?mal|zuerst|vielleicht|maybe|how about|wie wär|instead|stattdessen|plutôt|d'abord|prima di|piuttosto)\b/iu;

/** Praise, then "but", then a grievance or a demand: the praise is the polite half of a complaint. */
function praiseThenGrievance(f: Features): boolean {
  if (f.hits.praise.length === 0) return false;
  const at = f.text.search(CONTRAST);
  if (at <= 0) return false;
  const { cues: m } = f;
  const [head, tail] = [tokenize(f.text.slice(0, at)), tokenize(f.text.slice(at))];
  const grievance =
    FIRST_DO.test(tail.text) ||
    [m.negation, m.pending, m.problem, m.request, m.complaint, m.negative].some((c) => c.test(tail));
  return m.praise.test(head) && grievance;
}

export interface ToneScores {
  negativeScore: number;
  positiveScore: number;
  /** praise, then "but" and a grievance: a complaint however the rest reads ("first", a smiley) */
  politeHalf: boolean;
}

/** Tone: negative words, emoji, sarcasm; shouting and "!!!" only strengthen a negative message. */
export function toneScores(f: Features): ToneScores {
  const { hits, cues: m } = f;
  const negativeWords =
    hits.negative.length +
    hits.insult.length +
    hits.complaint.length +
    hits.damage.length +
    (f.negativeEmoji ? 1 : 0) +
    (f.sarcasm ? 2 : 0);
  // a praise word right after a negation is displeasure: "not thrilled", "nicht zufrieden"
  let negatedPraise = 0;
  if (hits.praise.length > 0)
    f.tokens.words.forEach((w, i) => {
      const next = f.tokens.words.slice(i + 1, i + 3);
      if (m.negation.test(oneWord(w)) && next.some((n) => m.praise.test(oneWord(n)))) negatedPraise++;
    });
  const politeHalf = praiseThenGrievance(f);
  const negativeScore =
    negativeWords +
    negatedPraise +
    (politeHalf ? 1 : 0) +
    (negativeWords > 0 ? (f.shouting ? 1 : 0) + (f.frustratedPunctuation ? 1 : 0) : 0);
  const positiveScore = politeHalf
    ? 0
    : Math.max(0, hits.praise.length - negatedPraise) + (f.positiveEmoji ? 1 : 0);
  return { negativeScore, positiveScore, politeHalf };
}

/** Whether the message reads negative once its intent is known (it counts towards a crisis burst). */
export function readsNegative(f: Features, e: Evidence, intent: Intent): boolean {
  const { negativeScore, positiveScore } = e.tone;
  // displeasure about an own case: a counted wait, shouting or "?!" around a problem
  const caseIntent =
    intent === 'order_delivery' || intent === 'account_billing' || intent === 'technical_fault';
  const impatientCase =
    (caseIntent || intent === 'complaint') &&
    (COUNTED_WAIT.test(f.text) ||
      ((f.shouting || f.frustratedPunctuation || /!{2,}/.test(f.raw)) && (e.strongProblem || e.weakProblem)));
  return (
    impatientCase ||
    intent === 'abuse' ||
    intent === 'complaint' ||
    (negativeScore > 0 && negativeScore >= positiveScore && intent !== 'praise') ||
    (intent !== 'praise' &&
      intent !== 'spam' &&
      (e.signals.harm || e.unanswered || e.signals.legalThreat || f.sarcasm))
  );
}
