import type { Access } from '../../agents/access.js';
import type { AgentService } from '../../agents/service.js';
import type { ConversationView } from '../../agents/views.js';
import type { ConversationStatus } from '../../conversations/model.js';

/** The statuses of a case a person has: waiting on the queue, held, answered and held still. */
const OPEN_STATUSES: readonly ConversationStatus[] = ['handed_off', 'claimed', 'answered'];
/** enough for a team's open work; a longer queue shows the most urgent first anyway */
const PER_STATUS = 100;

const LEVEL_ORDER: Record<string, number> = { L3: 0, L2: 1, L1: 2 };
const PRIORITY_ORDER: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

export const QUEUE_FILTERS = [
  'brand',
  'platform',
  'channel',
  'level',
  'language',
  'mine',
  'overdue',
] as const;
export type QueueFilters = Partial<Record<(typeof QUEUE_FILTERS)[number], string>>;

export interface QueueItem extends ConversationView {
  overdue: boolean;
  crisis: boolean;
}

export interface Queue {
  items: QueueItem[];
  /** open cases per escalation level, before filters */
  countsByLevel: Record<'L1' | 'L2' | 'L3', number>;
  /** the values the filters offer, from the open cases */
  options: { brand: string[]; platform: string[]; channel: string[]; language: string[] };
}

/** Most urgent first: escalation level, then priority, then the earliest due-by. */
export function compareUrgency(a: ConversationView, b: ConversationView): number {
  return (
    (LEVEL_ORDER[a.escalation ?? ''] ?? 3) - (LEVEL_ORDER[b.escalation ?? ''] ?? 3) ||
    (PRIORITY_ORDER[a.priority ?? ''] ?? 4) - (PRIORITY_ORDER[b.priority ?? ''] ?? 4) ||
    (a.dueBy ?? '\uffff').localeCompare(b.dueBy ?? '\uffff')
  );
}

const unanswered = (c: ConversationView) => c.status !== 'answered';

/** The open cases through the agent service (the same reads as GET /agent/conversations). */
export async function loadQueue(
  service: AgentService,
  access: Access,
  filters: QueueFilters,
  now: Date,
): Promise<Queue> {
  const pages = await Promise.all(
    OPEN_STATUSES.map((status) => service.list({ status, limit: PER_STATUS, order: 'oldest' }, access)),
  );
  const all: QueueItem[] = pages
    .flatMap((page) => (page.ok ? page.value.items : []))
    .map((c) => ({
      ...c,
      overdue: unanswered(c) && c.dueBy !== undefined && Date.parse(c.dueBy) < now.getTime(),
      crisis: c.escalation === 'L3',
    }));
  const countsByLevel = { L1: 0, L2: 0, L3: 0 };
  for (const c of all) if (c.escalation) countsByLevel[c.escalation] += 1;
  const distinct = (values: Array<string | undefined>) =>
    [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
  const items = all
    .filter(
      (c) =>
        (!filters.brand || c.brand === filters.brand) &&
        (!filters.platform || c.platform === filters.platform) &&
        (!filters.channel || c.channel === filters.channel) &&
        (!filters.level || c.escalation === filters.level) &&
        (!filters.language || c.language === filters.language) &&
        (filters.mine !== 'on' || c.claimedBy === access.agentId) &&
        (filters.overdue !== 'on' || c.overdue),
    )
    .sort(compareUrgency);
  return {
    items,
    countsByLevel,
    options: {
      brand: distinct(all.map((c) => c.brand)),
      platform: distinct(all.map((c) => c.platform)),
      channel: distinct(all.map((c) => c.channel)),
      language: distinct(all.map((c) => c.language)),
    },
  };
}
