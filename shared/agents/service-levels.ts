import type { Conversation } from '../conversations/model.js';

/**
 * Service levels of a conversation's current case, from the timestamps the store keeps. The clock
 * of a case starts with the customer message that opened it (`caseOpenedAt`). The automatic
 * acknowledgement is measured on its own: it is not a human first response.
 */
export interface ServiceLevels {
  caseOpenedAt?: string;
  /** customer message -> automatic acknowledgement */
  acknowledgementSeconds?: number;
  /** customer message -> hand-off to people */
  handoffSeconds?: number;
  /** customer message -> first reply a person sent through the system */
  firstHumanResponseSeconds?: number;
  /** customer message -> close */
  closeSeconds?: number;
  dueBy?: string;
  /** answered before the due-by (undefined while nobody answered and it is not due yet) */
  dueByMet?: boolean;
  /** no human response yet and the due-by has passed */
  overdue: boolean;
  /** time left until the due-by while nobody answered (negative: overdue) */
  msToDueBy?: number;
}

const seconds = (from: string | undefined, to: string | undefined) =>
  from && to ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)) : undefined;

export function serviceLevelsOf(conversation: Conversation, now: Date): ServiceLevels {
  const opened = conversation.caseOpenedAt ?? conversation.createdAt;
  const { dueBy, firstHumanResponseAt } = conversation;
  const answered = firstHumanResponseAt !== undefined;
  const msToDueBy = dueBy && !answered ? Date.parse(dueBy) - now.getTime() : undefined;
  return {
    caseOpenedAt: opened,
    acknowledgementSeconds: seconds(conversation.createdAt, conversation.acknowledgedAt),
    handoffSeconds: conversation.caseId ? seconds(opened, conversation.handedOffAt) : undefined,
    firstHumanResponseSeconds: seconds(opened, firstHumanResponseAt),
    closeSeconds: seconds(opened, conversation.closedAt),
    dueBy,
    dueByMet:
      dueBy === undefined
        ? undefined
        : answered
          ? firstHumanResponseAt <= dueBy
          : msToDueBy !== undefined && msToDueBy < 0
            ? false
            : undefined,
    overdue: msToDueBy !== undefined && msToDueBy < 0,
    ...(msToDueBy === undefined ? {} : { msToDueBy }),
  };
}

export type ServiceLevelMetricName =
  | 'FirstHumanResponseTime'
  | 'FirstHumanResponseWithinDueBy'
  | 'FirstHumanResponseAfterDueBy'
  | 'TimeToClose'
  | 'HandoffTime'
  | 'AutomaticAcknowledgementTime';

export interface ServiceLevelMetric {
  name: ServiceLevelMetricName;
  unit: 'Seconds' | 'Count';
  value: number;
  dimensions: { platform: string; escalation: string };
}

/** The step that just happened, and the conversation as it is after it. */
export type ServiceLevelStep = 'first_human_response' | 'closed' | 'handed_off' | 'acknowledged';

export function serviceLevelMetrics(
  step: ServiceLevelStep,
  conversation: Conversation,
  now: Date,
): ServiceLevelMetric[] {
  const levels = serviceLevelsOf(conversation, now);
  const dimensions = { platform: conversation.platform, escalation: conversation.escalation ?? 'L1' };
  const timing = (name: ServiceLevelMetricName, value: number | undefined): ServiceLevelMetric[] =>
    value === undefined ? [] : [{ name, unit: 'Seconds', value, dimensions }];
  switch (step) {
    case 'first_human_response':
      return [
        ...timing('FirstHumanResponseTime', levels.firstHumanResponseSeconds),
        ...(levels.dueByMet === undefined
          ? []
          : [
              {
                name: levels.dueByMet ? 'FirstHumanResponseWithinDueBy' : 'FirstHumanResponseAfterDueBy',
                unit: 'Count',
                value: 1,
                dimensions,
              } satisfies ServiceLevelMetric,
            ]),
      ];
    case 'closed':
      return timing('TimeToClose', levels.closeSeconds);
    case 'handed_off':
      return timing('HandoffTime', levels.handoffSeconds);
    case 'acknowledged':
      return timing('AutomaticAcknowledgementTime', levels.acknowledgementSeconds);
  }
}

/** What the responder did with one event, as far as service levels care. */
export interface AutomaticStep {
  conversationId?: string;
  duplicate: boolean;
  replies: ReadonlyArray<{ status: string }>;
  handoff?: { type: 'new' | 'update' };
}

/**
 * The responder's side of the service levels, for its metrics: the automatic acknowledgement
 * time when this event brought the conversation's first acknowledgement, and the hand-off time
 * when it opened a case. `conversation` is read after the event was applied.
 */
export function automaticServiceLevelMetrics(
  step: AutomaticStep,
  conversation: Conversation | undefined,
  now: Date,
): ServiceLevelMetric[] {
  if (step.duplicate || !conversation) return [];
  const acknowledged = step.replies.some((r) => r.status === 'sent' || r.status === 'dry_run');
  return [
    ...(acknowledged && conversation.automaticReplies === 1
      ? serviceLevelMetrics('acknowledged', conversation, now)
      : []),
    ...(step.handoff?.type === 'new' ? serviceLevelMetrics('handed_off', conversation, now) : []),
  ];
}
