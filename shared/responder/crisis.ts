import type { BurstCounter } from '../conversations/bursts.js';
import type { InboundEvent } from '../events.js';
import type { Brand } from '../policy/brand.js';
import type { Decision } from '../policy/decision.js';
import { type BurstState, crisisSettings } from '../policy/index.js';
import { shortHash } from '../short-hash.js';

export interface CrisisLink {
  caseId: string;
  type: 'new' | 'update';
  topicId: string;
  /** conversations of the burst that made this a crisis (on the case that opens it) */
  members: string[];
}

/** What the policy needs to know about the event's topic before deciding (no topic: no crisis detection). */
export async function readBurst(
  bursts: BurstCounter,
  brand: Brand,
  event: InboundEvent,
  now: number,
): Promise<BurstState | undefined> {
  if (!event.topicId) return undefined;
  const { windowMs } = crisisSettings(brand);
  const [members, crisisCase] = await Promise.all([
    bursts.negativeInWindow(brand.id, event.topicId, now, windowMs, event.eventId),
    bursts.currentCrisis(brand.id, event.topicId, now - windowMs),
  ]);
  return { negativeInWindow: members.length, crisisAlreadyEscalated: crisisCase !== undefined };
}

/**
 * After the decision: counts a negative message on its topic, and turns a burst into exactly one
 * crisis case. The message that completes the burst opens it (when two race, the conditional
 * write picks one); later ones join it as updates instead of opening cases of their own.
 */
export async function settleCrisis(
  bursts: BurstCounter,
  brand: Brand,
  event: InboundEvent,
  decision: Decision,
  conversationId: string,
  now: number,
): Promise<CrisisLink | undefined> {
  const topicId = event.topicId;
  if (!topicId) return undefined;
  if (decision.negative) await bursts.recordNegative(brand.id, topicId, now, event.eventId, conversationId);
  if (!decision.crisis) return undefined;
  const { windowMs } = crisisSettings(brand);
  if (decision.crisis === 'trigger') {
    const caseId = `crisis_${shortHash(event.eventId)}`;
    if (await bursts.claimCrisis(brand.id, topicId, now, windowMs, event.eventId, caseId)) {
      const members = await bursts.negativeInWindow(brand.id, topicId, now, windowMs, event.eventId);
      return { caseId, type: 'new', topicId, members: [...new Set(members.map((m) => m.conversationId))] };
    }
  }
  const caseId = await bursts.currentCrisis(brand.id, topicId, now - windowMs);
  return caseId ? { caseId, type: 'update', topicId, members: [] } : undefined;
}
