import { Hono } from 'hono';
import type { Config } from '../config.js';
import type { InboundEvent, NormalisedDelivery } from '../events.js';
import type { Log } from '../log.js';
import { answerMetaHandshake } from '../platforms/meta/handshake.js';
import { MetaPayloadError, normaliseMetaDelivery } from '../platforms/meta/normalise.js';
import { verifyMetaSignature } from '../platforms/meta/signature.js';
import { answerCrc } from '../platforms/x/crc.js';
import { normaliseXDelivery, XPayloadError } from '../platforms/x/normalise.js';
import { verifyXSignature, X_SIGNATURE_HEADER } from '../platforms/x/signature.js';

export interface WebhookSettings {
  meta: { appSecret: string; instagramAppSecret?: string; verifyToken: string; appId?: string };
  /** without a consumer secret the X endpoints answer 404: X is not set up for this deployment */
  x: { consumerSecret?: string; appId?: string };
}

/** The webhook's part of the configuration. */
export function webhookSettings(config: Config): WebhookSettings {
  const { meta, x } = config;
  return {
    meta: {
      appSecret: meta.appSecret,
      instagramAppSecret: meta.instagramAppSecret,
      verifyToken: meta.verifyToken,
      appId: meta.appId,
    },
    x: { consumerSecret: x.consumerSecret, appId: x.appId },
  };
}

export interface WebhookDeps {
  settings: WebhookSettings;
  /** durably hands the events on (the inbound FIFO queue); throws when that failed */
  enqueue(events: readonly InboundEvent[]): Promise<void>;
  log: Log;
}

/**
 * The platforms' webhook endpoints. Each POST is verified on its raw bytes, normalised, handed to
 * the inbound queue and answered at once; handshakes are answered without any I/O.
 */
export function createWebhookApp(deps: WebhookDeps): Hono {
  const { settings, log } = deps;
  const metaSecrets = [settings.meta.appSecret, settings.meta.instagramAppSecret].filter((s): s is string =>
    Boolean(s),
  );
  const app = new Hono();

  app.get('/webhooks/meta', (c) => {
    const result = answerMetaHandshake(c.req.query(), settings.meta.verifyToken);
    return c.text(result.body, result.status);
  });

  app.post('/webhooks/meta', async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!verifyMetaSignature(raw, c.req.header('x-hub-signature-256'), metaSecrets)) {
      log.warn('meta webhook: signature missing or wrong', { bytes: raw.byteLength });
      return c.json({ error: 'invalid or missing X-Hub-Signature-256' }, 401);
    }
    let delivery: NormalisedDelivery;
    try {
      delivery = normaliseMetaDelivery(JSON.parse(new TextDecoder().decode(raw)), {
        appId: settings.meta.appId,
      });
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof MetaPayloadError) {
        return c.json({ error: `malformed body: ${error.message}` }, 400);
      }
      throw error;
    }
    return accept(c, 'meta', delivery);
  });

  app.get('/webhooks/x', (c) => {
    const secret = settings.x.consumerSecret;
    if (!secret) return c.json({ error: 'X is not configured (X_CONSUMER_SECRET)' }, 404);
    const crcToken = c.req.query('crc_token');
    if (!crcToken) return c.json({ error: 'crc_token is required' }, 400);
    return c.json(answerCrc(crcToken, secret), 200);
  });

  app.post('/webhooks/x', async (c) => {
    const secret = settings.x.consumerSecret;
    if (!secret) return c.json({ error: 'X is not configured (X_CONSUMER_SECRET)' }, 404);
    const raw = new Uint8Array(await c.req.arrayBuffer());
    if (!verifyXSignature(raw, c.req.header(X_SIGNATURE_HEADER), secret)) {
      log.warn('x webhook: signature missing or wrong', { bytes: raw.byteLength });
      return c.json({ error: `invalid or missing ${X_SIGNATURE_HEADER}` }, 401);
    }
    let delivery: NormalisedDelivery;
    try {
      delivery = normaliseXDelivery(new TextDecoder().decode(raw), { appId: settings.x.appId });
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof XPayloadError) {
        return c.json({ error: `malformed body: ${error.message}` }, 400);
      }
      throw error;
    }
    return accept(c, 'x', delivery);
  });

  async function accept(
    c: { json: (body: unknown, status: 200 | 503) => Response },
    source: string,
    delivery: NormalisedDelivery,
  ) {
    for (const item of delivery.ignored)
      log.info(`${source} webhook: not acted on`, { type: item.type, reason: item.reason });
    if (delivery.events.length > 0) {
      try {
        await deps.enqueue(delivery.events);
      } catch (error) {
        // The platform retries on a 5xx; the queue and the responder deduplicate what got through.
        log.error(`${source} webhook: could not enqueue events`, error as Error);
        return c.json({ error: 'temporarily unable to accept events, retry later' }, 503);
      }
    }
    log.info(`${source} webhook: accepted`, {
      events: delivery.events.length,
      ignored: delivery.ignored.length,
    });
    return c.json({ received: delivery.events.length, ignored: delivery.ignored.length }, 200);
  }

  app.get('/health', (c) => c.json({ ok: true }));
  app.notFound((c) => c.json({ error: 'not found' }, 404));
  app.onError((error, c) => {
    log.error('webhook: unexpected failure', error);
    return c.json({ error: 'internal error, retry later' }, 500);
  });
  return app;
}
