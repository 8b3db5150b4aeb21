import { handle } from 'hono/aws-lambda';
import { buildConfig } from '../shared/config.js';
import type { InboundEvent } from '../shared/events.js';
import { consoleJsonLog } from '../shared/log.js';
import { createWebhookApp, webhookSettings } from '../shared/webhook/app.js';

const logger = consoleJsonLog('webhook');
const config = buildConfig('webhook');

// The SQS client is loaded on the first delivery, never for handshakes and CRC checks.
async function enqueue(events: readonly InboundEvent[]): Promise<void> {
  const { enqueueInboundEvents } = await import('../shared/webhook/enqueue.js');
  await enqueueInboundEvents(config.inboundQueueUrl, events);
}

export const app = createWebhookApp({
  settings: webhookSettings(config),
  enqueue,
  log: logger,
});

// Node initialises Request/Response lazily; paying for it here moves it into Lambda's init phase.
new Response(new Request('http://warm.up/', { method: 'POST', body: '{}' }).body);

export const handler = handle(app);
