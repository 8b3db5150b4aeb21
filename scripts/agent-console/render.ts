import type { CaseView } from '../../shared/agents/service.js';
import { formatDuration } from '../../shared/agents/windows.js';
import type { HandoffMessage } from '../../shared/handoff/schema.js';

/** A case for a person in a terminal: who, how urgent, until when, why, what was said, where to answer. */
export function renderCase(handoff: HandoffMessage, view: CaseView | undefined, now: Date): string {
  const c = view?.conversation;
  const customer = [handoff.customer.name, handoff.customer.handle && `@${handoff.customer.handle}`]
    .filter(Boolean)
    .join(' ');
  const followers =
    handoff.customer.followers === undefined ? '' : `, ${handoff.customer.followers} followers`;
  const dueBy = c?.dueBy ?? handoff.dueBy;
  const due = dueBy ? `${dueBy} (${dueIn(dueBy, now)})` : 'not set';
  const lines = [
    `── ${handoff.type === 'new' ? 'New case' : 'Update'} ${handoff.caseId} ── ${handoff.platform} ${handoff.channel} ── brand ${handoff.brand}`,
    `Customer     ${customer || '(no name)'} (id ${handoff.customer.id}${followers})`,
    `Escalation   ${c?.escalation ?? handoff.escalation}   Priority ${c?.priority ?? handoff.priority}   Language ${handoff.language}`,
    `Due by       ${due}`,
    `Status       ${c ? `${c.status}${c.claimedBy ? ` (claimed by ${c.claimedBy})` : ''}` : 'unknown (conversation not found)'}`,
    `Intent       ${handoff.intent}${handoff.complex ? ', complex' : ''}${handoff.personalData.length ? `; personal data: ${handoff.personalData.join(', ')}` : ''}`,
    `Reasons      ${handoff.reasons.join(', ') || '-'}`,
    `Public link  ${handoff.links.public ?? '-'}`,
    `DM link      ${handoff.links.dm ?? '-'}`,
    `Conversation ${handoff.conversationId}`,
  ];
  if (view) {
    lines.push('Reply windows');
    for (const w of view.windows) {
      lines.push(`  ${w.kind.padEnd(8)} ${w.open ? 'open  ' : 'CLOSED'} ${w.mode}: ${w.note}`);
    }
  }
  lines.push('Transcript');
  const transcript = view
    ? view.messages.map((m) => ({
        at: new Date(m.occurredAt).toISOString(),
        who: m.sentBy === 'human' ? `agent${m.agentId ? ` ${m.agentId}` : ''}` : m.sentBy,
        channel: m.channel,
        text: m.deleted ? '(deleted by the customer)' : m.text,
      }))
    : handoff.transcript.map((t) => ({
        at: t.at,
        who: t.author,
        channel: t.channel,
        text: t.deleted ? '(deleted by the customer)' : t.text,
      }));
  for (const t of transcript) {
    lines.push(`  ${t.at.slice(0, 16).replace('T', ' ')}  ${t.who.padEnd(8)} [${t.channel}] ${t.text}`);
  }
  return lines.join('\n');
}

function dueIn(dueBy: string, now: Date): string {
  const ms = Date.parse(dueBy) - now.getTime();
  return ms >= 0 ? `in ${formatDuration(ms)}` : `OVERDUE by ${formatDuration(-ms)}`;
}
