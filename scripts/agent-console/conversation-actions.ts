import { randomUUID } from 'node:crypto';
import type { CaseView } from '../../shared/agents/service.js';
import { CONVERSATION_STATUSES, type ConversationStatus } from '../../shared/conversations/lifecycle.js';
import { EscalationSchema, PrioritySchema } from '../../shared/policy/decision.js';
import type { AgentActions } from './actions.js';
import type { Report } from './report.js';

/** The flags of one action on a conversation, as `parseArgs` gives them. */
export interface ConversationActionArgs {
  show?: string;
  list?: boolean;
  status?: string;
  escalation?: string;
  brand?: string;
  platform?: string;
  mine?: boolean;
  limit?: string;
  cursor?: string;
  claim?: string;
  reply?: string;
  text?: string;
  kind?: string;
  'idempotency-key'?: string;
  escalate?: string;
  level?: string;
  priority?: string;
  note?: string;
  release?: string;
  close?: string;
}

interface Context {
  act: AgentActions;
  report: Report;
  /** a usage error: says so and exits */
  fail: (message: string) => never;
}

/**
 * `--list`, `--claim ID`, `--show ID`, `--reply ID`, `--escalate ID`, `--release ID`, `--close ID`:
 * one action, its result reported. True when it was done.
 */
export async function conversationAction(args: ConversationActionArgs, context: Context): Promise<boolean> {
  const { act, report } = context;
  if (args.list) return listConversations(args, context);
  if (args.claim) {
    return report(
      'claim',
      await act.claim(args.claim),
      (c) => `claimed ${c.conversationId} (status ${c.status})`,
    );
  }
  if (args.show) return report('show', await act.get(args.show), describeView);
  if (args.reply) return reply(args.reply, args, context);
  if (args.escalate) return escalate(args.escalate, args, context);
  if (args.release) {
    return report('release', await act.release(args.release, args.note), () => 'released: back on the queue');
  }
  if (args.close) return report('close', await act.close(args.close, args.note), () => 'closed');
  return true;
}

async function listConversations(args: ConversationActionArgs, { act, report, fail }: Context) {
  const status = (args.status ?? 'handed_off') as ConversationStatus;
  if (!CONVERSATION_STATUSES.includes(status)) fail(`--status: one of ${CONVERSATION_STATUSES.join(', ')}`);
  const result = await act.list({
    status,
    escalation: args.escalation,
    brand: args.brand,
    platform: args.platform,
    limit: args.limit ? Number(args.limit) : undefined,
    cursor: args.cursor,
    mine: args.mine === true,
  });
  return report('list', result, (page) =>
    [
      ...page.items.map(
        (c) =>
          `${c.conversationId}  ${c.status}${c.claimedBy ? `(${c.claimedBy})` : ''}  ${c.escalation ?? '-'} ${c.priority ?? '-'}  due ${c.dueBy ?? '-'}  ${c.customer.name ?? c.customer.id}`,
      ),
      page.cursor ? `more: --cursor ${page.cursor}` : '(end)',
    ].join('\n'),
  );
}

async function reply(conversationId: string, args: ConversationActionArgs, { act, report, fail }: Context) {
  const text = args.text;
  if (!text) return fail('--reply needs --text');
  const kind = args.kind;
  if (kind && kind !== 'public' && kind !== 'private') fail('--kind: public or private');
  return report(
    'reply',
    await act.reply(conversationId, {
      text,
      kind: kind as 'public' | 'private' | undefined,
      idempotencyKey: args['idempotency-key'] ?? randomUUID(),
    }),
    (r) =>
      `${r.replayed ? 'already sent' : r.status === 'dry_run' ? 'DRY RUN (no credentials), recorded' : 'sent'}: ${r.kind} reply (${r.mode}), platform id ${r.platformId ?? '-'}`,
  );
}

async function escalate(
  conversationId: string,
  args: ConversationActionArgs,
  { act, report, fail }: Context,
) {
  const level = args.level ? EscalationSchema.safeParse(args.level) : undefined;
  const priority = args.priority ? PrioritySchema.safeParse(args.priority) : undefined;
  if (level && !level.success) fail('--level: L1, L2 or L3');
  if (priority && !priority.success) fail('--priority: low, normal, high or urgent');
  return report(
    'escalate',
    await act.escalate(conversationId, { level: level?.data, priority: priority?.data, note: args.note }),
    (c) => `escalated to ${c.escalation} (priority ${c.priority}, due by ${c.dueBy}); back on the queue`,
  );
}

function describeView(view: CaseView): string {
  const c = view.conversation;
  const levels = view.serviceLevels;
  return [
    `${c.conversationId}: ${c.status}${c.claimedBy ? ` (claimed by ${c.claimedBy})` : ''}, ${c.platform} ${c.channel}, ${c.escalation ?? '-'} ${c.priority ?? '-'}`,
    `due by ${levels.dueBy ?? '-'}${levels.overdue ? ' OVERDUE' : ''}; first human response ${levels.firstHumanResponseSeconds ?? '-'} s; hand-off ${levels.handoffSeconds ?? '-'} s; automatic acknowledgement ${levels.acknowledgementSeconds ?? '-'} s`,
    ...view.windows.map((w) => `window ${w.kind}: ${w.open ? 'open' : 'CLOSED'} ${w.mode}: ${w.note}`),
    ...view.messages.map(
      (m) =>
        `  ${new Date(m.occurredAt).toISOString()} ${m.sentBy}${m.agentId ? ` ${m.agentId}` : ''} [${m.channel}] ${m.text}${(m.attachments ?? []).map((a) => ` <${a.type}${a.url ? ` ${a.url}` : ''}>`).join('')}`,
    ),
    'audit:',
    ...view.audit.map(
      (a) =>
        `  ${a.at} ${a.actor} ${a.action}${a.reasons?.length ? ` [${a.reasons.join(', ')}]` : ''}${a.detail ? `: ${a.detail}` : ''}`,
    ),
  ].join('\n');
}
