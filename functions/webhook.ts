import { buildConfig } from '../shared/config.js';
import type { InboundEvent } from '../shared/events.js';
import { stdoutJsonLog } from '../shared/log.js';
import { emitCount } from '../shared/ops/emf.js';
import { OPS_METRICS } from '../shared/ops/metric-names.js';
import { createWebhookApp } from '../shared/webhook/app.js';
import { dataDeletionDeps } from '../shared/webhook/data-deletion.js';
import { createWebhookLambdaHandler } from '../shared/webhook/lambda.js';
import { createDeliveryReceivers, webhookSettings } from '../shared/webhook/receive.js';

const config = buildConfig('webhook');

// The SQS client is loaded on the first delivery, never for handshakes and CRC checks.
let enqueueModule: Promise<typeof import('../shared/webhook/enqueue.js')> | undefined;
async function enqueue(events: readonly InboundEvent[]): Promise<void> {
  enqueueModule ??= import('../shared/webhook/enqueue.js');
  const { enqueueInboundEvents } = await enqueueModule;
  await enqueueInboundEvents(config.inboundQueueUrl, events);
  for (const event of events) emitCount(OPS_METRICS.eventReceived, { platform: event.platform });
}

const deps = {
  settings: webhookSettings(config),
  enqueue,
  log: stdoutJsonLog('webhook'),
  dataDeletion: dataDeletionDeps(config),
};
const receivers = createDeliveryReceivers(deps);
export const app = createWebhookApp(deps, receivers);

// Node initialises Request/Response lazily; paying for it here moves it into Lambda's init phase
// (handshakes and CRC checks go through hono's Request/Response).
new Response(new Request('http://warm.up/', { method: 'POST', body: '{}' }).body);

export const handler = createWebhookLambdaHandler(app, receivers);
