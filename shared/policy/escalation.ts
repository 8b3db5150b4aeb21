import type { InboundEvent } from '../events.js';
import type { Brand } from './brand.js';
import { crisisSettings } from './brand.js';
import { reasonWithCues as cue } from './cues.js';
import type { Decision, Escalation, Priority } from './decision.js';
import type { Evidence } from './evidence.js';
import type { Features } from './features.js';
import type { Triage } from './triage.js';

/** The escalation signals that fired, as reasons with their cue words. */
export function signalReasons(f: Features, e: Evidence): string[] {
  const { hits } = f;
  const reasons: string[] = [];
  if (e.signals.legalThreat) reasons.push(cue('legal_threat', hits.legal));
  if (e.signals.press) reasons.push(cue('press', hits.press));
  if (e.signals.influencer) reasons.push(`influencer(${f.followers} followers)`);
  if (e.signals.safety) reasons.push(cue('safety', hits.safety));
  if (e.signals.harm) reasons.push(cue('harm', [...hits.harm, ...e.damage, ...hits.dispute, ...hits.refund]));
  return reasons;
}

/**
 * The crisis counter of the event's topic (event.topicId), as the responder read it before
 * deciding: negative messages on the topic within the brand's crisis window
 * (`crisisSettings(brand).windowMs`), NOT counting this event, and whether the topic was already
 * escalated as a crisis within that window.
 */
export interface BurstState {
  negativeInWindow: number;
  crisisAlreadyEscalated: boolean;
}

/** The message's part in a crisis burst on its topic: the one that completes it, or one after it. */
export function crisisRole(
  t: Triage,
  event: InboundEvent,
  brand: Brand,
  reasons: string[],
  burst?: BurstState,
): Decision['crisis'] {
  if (!burst || !event.topicId || !t.negative) return undefined;
  const { threshold } = crisisSettings(brand);
  const count = burst.negativeInWindow + 1;
  if (burst.crisisAlreadyEscalated) {
    reasons.push(`crisis:member(topic ${event.topicId})`);
    return 'member';
  }
  if (count >= threshold) {
    reasons.push(
      `crisis:trigger(${count} negative in ${brand.crisis.windowMinutes} min on topic ${event.topicId})`,
    );
    return 'trigger';
  }
  return undefined;
}

export function escalationOf(
  t: Triage,
  found: { crisis: boolean; erasure: boolean; fraudVictim: boolean },
  reasons: string[],
): Escalation {
  // a newspaper or a channel named in a share or a thank-you is no press enquiry
  const reach = (t.signals.press || t.signals.influencer) && t.concern;
  if (found.crisis || reach || (t.signals.safety && t.concern)) {
    reasons.push('escalation:L3(public reach, safety or crisis)');
    return 'L3';
  }
  if (found.fraudVictim) {
    reasons.push('escalation:L2(scam victim: details given away or account taken over)');
    return 'L2';
  }
  // an expert is needed for damage, loss, disputed money, outages and legal threats
  if (t.concern && (t.signals.legalThreat || t.signals.harm || t.intent === 'technical_fault')) {
    reasons.push('escalation:L2(damage, loss, disputed money, fault or legal)');
    return 'L2';
  }
  // a request to erase the customer's data is for whoever may erase (a supervisor, docs/agents.md)
  if (found.erasure) {
    reasons.push('escalation:L2(data protection request)');
    return 'L2';
  }
  // a card number in the open can be used by anyone who read it: the card may need blocking
  if (t.personalData.includes('payment_card')) {
    reasons.push('escalation:L2(payment card posted)');
    return 'L2';
  }
  return 'L1';
}

/** How soon a person must answer; a scam's victim at once, as the card may need blocking today. */
export function priorityOf(t: Triage, escalation: Escalation, found: { fraudVictim: boolean }): Priority {
  if (escalation === 'L3' || t.signals.legalThreat || found.fraudVictim) return 'urgent';
  if (escalation === 'L2' || (t.complex && t.negative)) return 'high';
  if (t.concern || t.complex) return 'normal';
  return 'low';
}
