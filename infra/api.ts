import { agentApi, webhook } from './functions.js';

/** One HTTP API (payload format 2.0) in front of the webhook and the agent API. */
export const api = new sst.aws.ApiGatewayV2('Api', {
  // Platforms and agent tools call this API server to server; no browser origin needs access.
  cors: false,
});

export const WEBHOOK_PATHS = { meta: '/webhooks/meta', x: '/webhooks/x' } as const;

for (const path of Object.values(WEBHOOK_PATHS)) {
  // GET: Meta's hub.challenge handshake and X's CRC check; POST: the events.
  api.route(`GET ${path}`, webhook.arn);
  api.route(`POST ${path}`, webhook.arn);
}
api.route('ANY /agent/{proxy+}', agentApi.arn);
