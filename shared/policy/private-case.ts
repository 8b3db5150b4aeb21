import type { TriageEvent } from './features.js';
import { PRIVATE_CASE_MODEL } from './private-case-weights.js';

/**
 * The learned reading of "would a good agent move this to a private channel?". The rule phases
 * read a message's evidence; on their own they moved many grievances, chatter and general
 * questions to DM that agents answer in public. A logistic model, trained on the team's labelled
 * tuning sets (devkit/private-case-training.ts), weighs the rules' findings and evidence together
 * with the message's words. It sees no channel, platform or length: what it learns must come from
 * what the message says. It overrules the rules only when it is sure (`clearBelow`, `addAbove`),
 * and some findings stay firm whatever it says: personal data posted, danger to people, a legal
 * threat, a customer asking for private, a language the brand does not serve, lost property, a
 * concern in a DM, a contact that did not help, a journalist or a large audience, an action the
 * customer wants on their own order or contract or a problem they state with it.
 */

/** What the rule phases read, as the model takes it in. */
export interface RuleReading {
  intent: string;
  complex: boolean;
  negative: boolean;
  concern: boolean;
  unclear: boolean;
  personalData: readonly string[];
  reasons: readonly string[];
  evidence: readonly string[];
}

/** Reasons after which a case is private whatever the learned reading says. */
const FIRM_REASONS: ReadonlySet<string> = new Set([
  'complex:personal_data',
  'complex:safety',
  'complex:legal_threat',
  'complex:asks_for_private',
  'complex:language_not_served',
  'complex:lost_property',
  'complex:own_case_in_dm',
  'complex:unanswered_contact',
  'complex:public_reach',
]);

/**
 * The customer wants something done to their own order or contract ("change the address of my
 * order", "Tarif kündigen"), or states a problem with it ("our delivery still hasn't turned up"):
 * the agent needs the order or the account.
 */
function actsOnOwnCase(rules: RuleReading): boolean {
  const ownThing = rules.evidence.includes('possessive') && rules.evidence.includes('statedCase');
  return (
    (rules.evidence.includes('firstPersonAction') || ownThing) &&
    rules.reasons.some((r) => r === 'complex:order_delivery' || r === 'complex:account_billing')
  );
}

/** Reasons the model does not take: the language found and the hours say nothing about the case, personal data is `pd=`. */
const NOT_A_FEATURE = /^(?:language|business_hours|personal_data):/;
const MARKS = /\p{M}/gu;
const TOKEN = /[a-z0-9]+|[^\sa-z0-9]/g;
const DIGITS = /[0-9]+/g;
const ALL_DIGITS = /^[0-9]+$/;
const WORD = /^[a-z]{2,}$/;

/** Words and signs of the text, folded (lower case, no accents), numbers by their length only. */
function textTokens(text: string): string[] {
  const folded = text.toLowerCase().normalize('NFKD').replace(MARKS, '');
  return (folded.match(TOKEN) ?? []).map((token) => {
    if (ALL_DIGITS.test(token)) return `#${Math.min(token.length, 12)}`;
    return token.replace(DIGITS, '#');
  });
}

/** The named features of one message: the rules' findings and evidence, its words and word pairs. */
export function privateCaseFeatures(event: TriageEvent, rules: RuleReading): string[] {
  return featuresOf(textTokens(event.text), rules);
}

function featuresOf(tokens: readonly string[], rules: RuleReading): string[] {
  const features = [`rules_complex=${rules.complex}`, `intent=${rules.intent}`];
  if (rules.negative) features.push('negative');
  if (rules.concern) features.push('concern');
  if (rules.unclear) features.push('unclear');
  for (const kind of rules.personalData) features.push(`pd=${kind}`);
  for (const held of rules.evidence) features.push(`evidence=${held}`);
  for (const reason of rules.reasons) {
    if (NOT_A_FEATURE.test(reason)) continue;
    const cues = reason.indexOf('(');
    const rule = cues < 0 ? reason : reason.slice(0, cues);
    features.push(`rule=${rule}`);
  }
  tokens.forEach((token, i) => {
    features.push(`w=${token}`);
    if (i > 0) features.push(`b=${tokens[i - 1]}_${token}`);
  });
  return features;
}

/** FNV-1a over the UTF-16 code units: a stable bucket for a feature name. */
export function featureBucket(feature: string, bits: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & ((1 << bits) - 1);
}

/** The distinct buckets of a message's features, each with the weight 1/√n the model was trained with. */
export function featureVector(
  features: readonly string[],
  bits: number,
): { buckets: number[]; value: number } {
  const buckets = [...new Set(features.map((f) => featureBucket(f, bits)))];
  return { buckets, value: buckets.length === 0 ? 0 : 1 / Math.sqrt(buckets.length) };
}

/** The stored model: int8 weights per bucket (base64), their scale, the bias and the two decision lines. */
export interface PrivateCaseModel {
  bits: number;
  scale: number;
  bias: number;
  /** log-odds under which a case the rules found private is answered in public */
  clearBelow: number;
  /** log-odds over which a case the rules found simple goes private */
  addAbove: number;
  weights: string;
}

let decoded: { model: PrivateCaseModel; weights: Int8Array } | undefined;

function weightsOf(model: PrivateCaseModel): Int8Array {
  if (decoded?.model !== model) {
    const bytes = Buffer.from(model.weights, 'base64');
    decoded = { model, weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
  }
  return decoded.weights;
}

/** The model's log-odds that a good agent would move this message to a private channel. */
export function privateCaseLogit(
  features: readonly string[],
  model: PrivateCaseModel = PRIVATE_CASE_MODEL,
): number {
  const weights = weightsOf(model);
  const { buckets, value } = featureVector(features, model.bits);
  let sum = model.bias;
  for (const bucket of buckets) sum += (weights[bucket] as number) * model.scale * value;
  return sum;
}

export interface PrivateCaseReading {
  complex: boolean;
  /** the reason to add when the learned reading changes what the rules alone said */
  reason?: string;
}

/** Whether the case goes private: a firm finding, else the learned reading of rules and words together. */
export function readPrivateCase(
  event: TriageEvent,
  rules: RuleReading,
  model: PrivateCaseModel = PRIVATE_CASE_MODEL,
): PrivateCaseReading {
  if (rules.reasons.some((r) => FIRM_REASONS.has(r)) || actsOnOwnCase(rules)) return { complex: true };
  const tokens = textTokens(event.text);
  // without words ("📦❌ 😤") the model would weigh the rules' findings on its priors alone
  if (!tokens.some((token) => WORD.test(token))) return { complex: rules.complex };
  const logit = privateCaseLogit(featuresOf(tokens, rules), model);
  const complex = rules.complex ? logit >= model.clearBelow : logit > model.addAbove;
  if (complex === rules.complex) return { complex };
  const probability = (1 / (1 + Math.exp(-logit))).toFixed(2);
  return {
    complex,
    reason: complex
      ? `complex:learned_reading(${probability})`
      : `not_complex:learned_reading(${probability})`,
  };
}
