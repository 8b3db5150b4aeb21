import type { Brand } from './brand.js';
import { complexReasons } from './complexity.js';
import { reasonWithCues as cue } from './cues.js';
import type { Intent, PersonalDataKind } from './decision.js';
import { signalReasons } from './escalation.js';
import { type Evidence, readEvidence } from './evidence.js';
import { readFeatures, type TriageEvent } from './features.js';
import { readIntent } from './intent.js';
import type { LanguageGuess } from './language.js';
import { readPrivateCase } from './private-case.js';
import { readsNegative } from './tone.js';

/** What triage read from one message; the decision is built from this. */
export interface Triage {
  language: string;
  /** the brand answers in `language`; when not, a person reads the message and nothing is sent */
  languageServed: boolean;
  /** which evidence decided the language (words, trigram model, brand default) */
  languageMethod: LanguageGuess['method'];
  intent: Intent;
  /** answering needs private data or a person */
  complex: boolean;
  personalData: PersonalDataKind[];
  /** the kinds found with valid check digits (IBAN mod 97, card Luhn) */
  verifiedPersonalData: PersonalDataKind[];
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
    /** someone posing as the brand's support leads its readers off the platform (phishing) */
    impersonation: boolean;
  };
  /** the rules that fired, in words an agent can read */
  reasons: string[];
  /** the pieces of evidence that held ("possessive", "domain=order_delivery"): what the learned reading weighs */
  evidence: string[];
}

/** The evidence that held, by name: its true flags, its true signals and its domain. */
function evidenceHeld(e: Evidence): string[] {
  const flags = Object.entries(e)
    .filter(([, value]) => value === true)
    .map(([name]) => name);
  const signals = Object.entries(e.signals)
    .filter(([, value]) => value === true)
    .map(([name]) => `signal.${name}`);
  return [...flags, ...signals, `domain=${e.domain ?? '-'}`];
}

/**
 * Reads one message in phases: its features (language, personal data, cue words, sentences), the
 * evidence they add up to, its intent, its tone, its escalation signals, its complexity by the
 * rules, and last whether it goes private, by the learned reading of all that and the words.
 */
export function triage(event: TriageEvent, brand: Brand): Triage {
  const rules = triageByRules(event, brand);
  const privateCase = readPrivateCase(event, rules);
  return {
    ...rules,
    complex: privateCase.complex,
    reasons: privateCase.reason ? [...rules.reasons, privateCase.reason] : rules.reasons,
  };
}

/** The reading of the rule phases alone: what the learned reading of a private case is trained on. */
export function triageByRules(event: TriageEvent, brand: Brand): Triage {
  const f = readFeatures(event, brand);
  const e = readEvidence(f, event.channel, brand);
  const { intent, reason, unclear = false } = readIntent(f, e);
  const negative = readsNegative(f, e, intent);
  const suggestion = intent === 'other' && f.hits.suggestion.length > 0;
  // danger to people is a concern whatever else the message reads as (spam aside); so are the press
  // or an outrage going viral, and a legal threat, unless the post only passes on a link, a retweet
  // or a listing, is glad, or speaks to another user
  const shared = f.surface.hasUrl || f.retweet || f.tvListing;
  const displeased = !shared && e.tone.positiveScore <= e.tone.negativeScore;
  const reach = e.signals.press && displeased;
  const legal = e.signals.legalThreat && displeased && !f.surface.startsWithPersonHandle;
  const concern =
    !['spam', 'abuse', 'other', 'praise'].includes(intent) ||
    ((e.signals.safety || reach || legal) && intent !== 'spam');
  const complex = complexReasons(f, e, { intent, negative, concern, channel: event.channel });
  const reasons = [
    `language:${f.language.language}(${f.language.method})`,
    ...f.personalFindings.map((p) => `personal_data:${p.kind}(${p.rule})`),
    reason,
    ...(negative ? [cue('negative', [...f.hits.negative, ...f.hits.insult, ...f.hits.complaint])] : []),
    ...(suggestion ? [cue('suggestion', f.hits.suggestion)] : []),
    ...signalReasons(f, e),
    ...complex,
  ];
  return {
    language: f.language.language,
    languageServed: f.language.served,
    languageMethod: f.language.method,
    intent,
    complex: complex.length > 0,
    personalData: f.personalData,
    verifiedPersonalData: f.personalFindings.filter((p) => p.verified).map((p) => p.kind),
    negative,
    concern,
    suggestion,
    unclear,
    signals: e.signals,
    reasons,
    evidence: evidenceHeld(e),
  };
}
