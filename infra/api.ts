import { agentApi, operations, webhook } from './functions.js';

/** The HTTP API (payload format 2.0) in front of the agent API. */
export const api = new sst.aws.ApiGatewayV2('Api', {
  // Agent tools and helpdesk bridges call this API server to server, and the inbox's pages call
  // their own origin: no other browser origin needs access.
  cors: false,
  accessLog: { retention: operations.logRetention },
  transform: {
    // A runaway script or a leaked key cannot hold the agent API's Lambda concurrency: API Gateway
    // answers 429 above the rate (requests per second, with a burst bucket).
    stage: (args) => {
      args.defaultRouteSettings = {
        throttlingRateLimit: operations.agentApi.rateLimit,
        throttlingBurstLimit: operations.agentApi.burstLimit,
      };
    },
  },
});
api.route('ANY /agent/{proxy+}', agentApi.arn);
api.route('ANY /inbox', agentApi.arn);
api.route('ANY /inbox/{proxy+}', agentApi.arn);

/** Where Meta and X deliver: the webhook's function URL (GET: handshake and CRC; POST: events). */
export const webhookUrls = {
  meta: $interpolate`${webhook.url}webhooks/meta`,
  x: $interpolate`${webhook.url}webhooks/x`,
};
