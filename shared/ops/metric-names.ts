/**
 * The metrics the operations alarms and the dashboard read (infra/alarms.ts, infra/dashboard.ts):
 * one namespace for everything the code emits, and the two operations metrics emitted without
 * dimensions, so one alarm sees them from every function.
 */
export const METRICS_NAMESPACE = 'SocialCareResponder';

export const OPS_METRICS = {
  /** an event the webhook put on the inbound queue, by platform */
  eventReceived: 'EventsReceived',
  /** an account was flagged: its token is invalid, expiring, short of permissions, or access was revoked */
  accountFlagged: 'AccountFlagged',
  /** a new case at escalation level L3 (crisis/PR) was handed off */
  crisisCaseOpened: 'CrisisCaseOpened',
  /** conversations people hold or should take (handed off, claimed, answered), by escalation level */
  openCases: 'OpenCases',
} as const;
export type OpsMetricName = (typeof OPS_METRICS)[keyof typeof OPS_METRICS];
