import { reasonWithCues as cue } from './cues.js';
import type { IntentRule } from './intent.js';

/**
 * The two readings of spam (someone posing as the brand's support, advertising and scams), and
 * what is never spam however much of a scam it quotes: a customer asking whether a message is
 * really the brand's.
 */

/** "Ist das echt?", "is this legit?", "is that you?", "è una truffa?": never "echt euer Ernst" */
const ASKS_IF_GENUINE =
  /(?<!\p{L})(?:is (?:this|that|it) (?:legit|real|genuine|you|from you|actually you|really you|a scam|fake)|are you (?:actually|really)|ist (?:das|die|der|dies) (?:echt|seriös|wirklich von euch|von euch|von ihnen|jemand von euch|ein fake|fake|betrug)(?! (?:euer|dein|ihr|sein) ernst)|seid ihr das|sind sie das|kommt (?:das|die|der) (?:wirklich )?von euch|c'est (?:vous|vrai|une arnaque)|est-ce (?:vous|vrai|une arnaque)|(?:è|e) (?:vero|una truffa)|siete (?:davvero )?voi)(?!\p{L})/iu;

/**
 * A customer asks whether a message they got is really the brand's (an SMS about a customs fee, a
 * DM from "support", a giveaway): a question to answer, and a warning to heed, even when it quotes
 * the scam's every word. Read after the intent rules, where they would leave the message alone.
 */
export const asksIfGenuine: IntentRule = (f) =>
  f.raw.includes('?') && ASKS_IF_GENUINE.test(f.raw)
    ? { intent: 'question', reason: 'intent:question(asks whether a message is really the brand’s)' }
    : undefined;

/** Someone posing as the brand's support (features.ts, impersonation.ts): spam that a person must report. */
export const impersonation: IntentRule = (f) =>
  f.impersonation.length > 0
    ? { intent: 'spam', reason: cue('spam:impersonates_brand', f.impersonation) }
    : undefined;

export const spam: IntentRule = ({ hits, surface }, e) =>
  e.spamScore >= 2 &&
  e.spamWords &&
  e.spamCarrier &&
  !e.realCustomer &&
  !e.grievanceWithoutLink &&
  // a customer's own case with a spam word is no spam, unless it points somewhere or says so twice
  !(e.ownCase && !e.spamPointer && hits.spamStrong.length < 2)
    ? {
        intent: 'spam',
        reason: cue('spam', [...hits.spamStrong, ...hits.spam, ...(surface.lureUrl ? ['lure link'] : [])]),
      }
    : undefined;
