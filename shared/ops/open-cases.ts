import { WITH_A_PERSON_STATUSES } from '../conversations/lifecycle.js';
import type { ConversationStore } from '../conversations/store.js';
import type { Escalation } from '../policy/decision.js';
import { emitGauge } from './emf.js';
import { OPS_METRICS } from './metric-names.js';

/** Open cases by escalation level, read from the status index (a conversation without a level is L1). */
export async function countOpenCases(
  store: Pick<ConversationStore, 'listConversations'>,
): Promise<Record<Escalation, number>> {
  const counts: Record<Escalation, number> = { L1: 0, L2: 0, L3: 0 };
  for (const status of WITH_A_PERSON_STATUSES) {
    let cursor: string | undefined;
    do {
      const page = await store.listConversations({ status, limit: 100, ...(cursor ? { cursor } : {}) });
      for (const conversation of page.items) counts[conversation.escalation ?? 'L1'] += 1;
      cursor = page.cursor;
    } while (cursor);
  }
  return counts;
}

/** Publishes the open cases per level as a gauge for the dashboard. */
export async function publishOpenCases(store: Pick<ConversationStore, 'listConversations'>) {
  const counts = await countOpenCases(store);
  for (const [escalation, count] of Object.entries(counts)) {
    emitGauge(OPS_METRICS.openCases, count, { escalation });
  }
  return counts;
}
