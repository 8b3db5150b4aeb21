import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { answerMetaHandshake } from '../platforms/meta/handshake.js';
import { answerCrc, CRC_TOKEN_MAX_LENGTH, crcTokenFromUrl } from '../platforms/x/crc.js';
import {
  createDeliveryReceivers,
  type DeliveryPlatform,
  type DeliveryReceiver,
  SIGNATURE_HEADERS,
  UNEXPECTED_FAILURE,
  type WebhookDeps,
  X_NOT_CONFIGURED,
} from './receive.js';

export { type WebhookDeps, type WebhookSettings, webhookSettings } from './receive.js';

/**
 * The platforms' webhook endpoints. Each POST is verified on its raw bytes, normalised, handed to
 * the inbound queue and answered at once (see receive.ts); handshakes are answered without any I/O.
 * `receivers` are the ones the Lambda handler also calls directly; by default the app makes its own.
 */
const MALFORMED_CRC_TOKEN = {
  error: `crc_token must be 1 to ${CRC_TOKEN_MAX_LENGTH} characters of letters, digits and + / = _ -`,
};

export function createWebhookApp(
  deps: WebhookDeps,
  receivers: Record<DeliveryPlatform, DeliveryReceiver> = createDeliveryReceivers(deps),
): Hono {
  const { settings, log } = deps;
  const app = new Hono();

  app.get('/webhooks/meta', (c) => {
    const result = answerMetaHandshake(c.req.query(), settings.meta.verifyToken);
    return c.text(result.body, result.status);
  });

  app.get('/webhooks/x', (c) => {
    const secret = settings.x.consumerSecret;
    if (!secret) return c.json(X_NOT_CONFIGURED.body, X_NOT_CONFIGURED.status);
    const crcToken = crcTokenFromUrl(c.req.url);
    if (!crcToken) return c.json({ error: 'crc_token is required' }, 400);
    const answer = answerCrc(crcToken, secret);
    return answer ? c.json(answer, 200) : c.json(MALFORMED_CRC_TOKEN, 400);
  });

  for (const platform of ['meta', 'x'] as const) {
    app.post(`/webhooks/${platform}`, async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const answer = await receivers[platform](raw, c.req.header(SIGNATURE_HEADERS[platform]));
      return c.json(answer.body, answer.status);
    });
  }

  const { dataDeletion } = deps;
  if (dataDeletion) {
    // Meta's data deletion callback: the same 400 for every bad request (no oracle on the secret).
    const invalid = { error: 'invalid signed_request' };
    app.post(
      '/webhooks/meta/data-deletion',
      // a signed request is a few hundred bytes: a larger body is not read
      bodyLimit({ maxSize: 8192, onError: (c) => c.json(invalid, 400) }),
      async (c) => {
        const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
        const { verifySignedRequest } = await import('../privacy/meta-data-deletion.js');
        const userId = verifySignedRequest(form.signed_request, dataDeletion.appSecret);
        if (!userId) return c.json(invalid, 400);
        const { erasureId } = await dataDeletion.request(userId);
        const url = `${new URL(c.req.url).origin}/webhooks/meta/data-deletion/${erasureId}`;
        return c.json({ url, confirmation_code: erasureId });
      },
    );
    app.get('/webhooks/meta/data-deletion/:code', async (c) => {
      const code = c.req.param('code').slice(0, 100);
      const { statusPage } = await import('../privacy/meta-data-deletion.js');
      const record = await dataDeletion.status(code);
      c.header('Content-Security-Policy', "default-src 'none'");
      return c.html(statusPage(code, record), record ? 200 : 404);
    });
  }

  app.get('/health', (c) => c.json({ ok: true }));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((error, c) => {
    log.error('webhook: unexpected failure', error);
    return c.json(UNEXPECTED_FAILURE.body, UNEXPECTED_FAILURE.status);
  });
  return app;
}
