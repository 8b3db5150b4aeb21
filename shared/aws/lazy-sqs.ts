/**
 * The SQS module, loaded on first use: the responder needs the queue only to hand a case to people
 * or to delay a retry, so a cold start that acknowledges does not parse the SQS client (it is a
 * chunk of its own in the split build, infra/functions.ts).
 */
let sqsModule: Promise<typeof import('./sqs.js')> | undefined;

export function loadSqs(): Promise<typeof import('./sqs.js')> {
  sqsModule ??= import('./sqs.js');
  return sqsModule;
}
