import { reasonWithCues as cue } from './cues.js';
import type { IntentRule } from './intent.js';

/** The two readings of spam: someone posing as the brand's support, and advertising or scams. */

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
