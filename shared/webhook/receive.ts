import { QUEUE_MAX_MESSAGE_BYTES, queueBodyBytes, serialiseQueueBody } from '../aws/queue-body.js';
import type { Config } from '../config.js';
import type { InboundEvent, NormalisedDelivery } from '../events.js';
import type { Log } from '../log.js';
import { MetaPayloadError, normaliseMetaDelivery } from '../platforms/meta/normalise.js';
import { verifyMetaSignature } from '../platforms/meta/signature.js';
import { normaliseXDelivery, XPayloadError } from '../platforms/x/normalise.js';
import { verifyXSignature, X_SIGNATURE_HEADER } from '../platforms/x/signature.js';
import type { DataDeletionDeps } from './data-deletion.js';

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
  /** Meta's data deletion callback (POST /webhooks/meta/data-deletion); absent: 404 */
  dataDeletion?: DataDeletionDeps;
}

/** What a delivery endpoint answers: an HTTP status and a JSON body. */
export interface WebhookAnswer {
  status: 200 | 400 | 401 | 404 | 500 | 503;
  body: Record<string, unknown>;
}

/** The header each platform signs its deliveries with (lower-case, as Lambda and hono hand it over). */
export const SIGNATURE_HEADERS = { meta: 'x-hub-signature-256', x: X_SIGNATURE_HEADER } as const;

export type DeliveryPlatform = keyof typeof SIGNATURE_HEADERS;

/**
 * Receives one POSTed delivery: verifies the signature on the exact raw bytes, normalises the
 * body, hands the events to the queue, and says what to answer. Never throws: an unexpected
 * failure is logged and answered 500, so the platform retries.
 */
export type DeliveryReceiver = (raw: Uint8Array, signature: string | undefined) => Promise<WebhookAnswer>;

export const X_NOT_CONFIGURED = {
  status: 404,
  body: { error: 'X is not configured (X_CONSUMER_SECRET)' },
} as const satisfies WebhookAnswer;

export const UNEXPECTED_FAILURE = {
  status: 500,
  body: { error: 'internal error, retry later' },
} as const satisfies WebhookAnswer;

/**
 * The platforms' delivery endpoints as plain functions of the raw body and the signature header,
 * shared by the hono app (local server, tests) and the Lambda handler's direct path.
 */
export function createDeliveryReceivers(deps: WebhookDeps): Record<DeliveryPlatform, DeliveryReceiver> {
  const { settings, log } = deps;
  const metaSecrets = [settings.meta.appSecret, settings.meta.instagramAppSecret].filter((s): s is string =>
    Boolean(s),
  );
  const decoder = new TextDecoder();

  async function meta(raw: Uint8Array, signature: string | undefined): Promise<WebhookAnswer> {
    if (!verifyMetaSignature(raw, signature, metaSecrets)) {
      log.warn('meta webhook: signature missing or wrong', { bytes: raw.byteLength });
      return { status: 401, body: { error: 'invalid or missing X-Hub-Signature-256' } };
    }
    let delivery: NormalisedDelivery;
    try {
      delivery = normaliseMetaDelivery(JSON.parse(decoder.decode(raw)), { appId: settings.meta.appId });
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof MetaPayloadError) return malformed(error);
      throw error;
    }
    return accept(deps, 'meta', delivery);
  }

  async function x(raw: Uint8Array, signature: string | undefined): Promise<WebhookAnswer> {
    const secret = settings.x.consumerSecret;
    if (!secret) return X_NOT_CONFIGURED;
    if (!verifyXSignature(raw, signature, secret)) {
      log.warn('x webhook: signature missing or wrong', { bytes: raw.byteLength });
      return { status: 401, body: { error: `invalid or missing ${X_SIGNATURE_HEADER}` } };
    }
    let delivery: NormalisedDelivery;
    try {
      delivery = normaliseXDelivery(decoder.decode(raw), { appId: settings.x.appId });
    } catch (error) {
      if (error instanceof SyntaxError || error instanceof XPayloadError) return malformed(error);
      throw error;
    }
    return accept(deps, 'x', delivery);
  }

  const answering =
    (receive: DeliveryReceiver): DeliveryReceiver =>
    async (raw, signature) => {
      try {
        return await receive(raw, signature);
      } catch (error) {
        log.error('webhook: unexpected failure', error as Error);
        return UNEXPECTED_FAILURE;
      }
    };
  return { meta: answering(meta), x: answering(x) };
}

function malformed(error: Error): WebhookAnswer {
  return { status: 400, body: { error: `malformed body: ${error.message}` } };
}

/** Queues a verified delivery's events and answers the platform: 200 with what was taken, 503 when the queue failed. */
async function accept(
  { log, enqueue }: WebhookDeps,
  source: DeliveryPlatform,
  normalised: NormalisedDelivery,
): Promise<WebhookAnswer> {
  const delivery = withoutOversizedEvents(normalised);
  for (const item of delivery.ignored)
    log.info(`${source} webhook: not acted on`, { type: item.type, reason: item.reason });
  for (const item of delivery.refused)
    log.warn(`${source} webhook: item refused`, { type: item.type, reason: item.reason });
  if (delivery.events.length > 0) {
    try {
      await enqueue(delivery.events);
    } catch (error) {
      // The platform retries on a 5xx; the queue and the responder deduplicate what got through.
      log.error(`${source} webhook: could not enqueue events`, error as Error);
      return { status: 503, body: { error: 'temporarily unable to accept events, retry later' } };
    }
  }
  log.info(`${source} webhook: accepted`, {
    events: delivery.events.length,
    ignored: delivery.ignored.length,
    refused: delivery.refused.length,
  });
  // Refused items are answered 200 with the rest of the batch: the platform would resend the
  // same bytes, which can never pass, and Meta unsubscribes an app after an hour of failures,
  // so one bad item would stop every delivery. They are logged and named in the answer.
  return {
    status: 200,
    body: {
      received: delivery.events.length,
      ignored: delivery.ignored.length,
      ...(delivery.refused.length > 0 ? { refused: delivery.refused } : {}),
    },
  };
}

/**
 * An event whose queue body would be larger than the queue accepts is refused on its own: SQS
 * would refuse the whole batch, every time the platform retried it. Texts within the platforms'
 * limits fit; this catches what those limits cannot, such as characters stacked with combining
 * marks, which count as one.
 */
function withoutOversizedEvents(delivery: NormalisedDelivery): NormalisedDelivery {
  const events: InboundEvent[] = [];
  const refused = [...delivery.refused];
  for (const event of delivery.events) {
    const bytes = queueBodyBytes(serialiseQueueBody(event));
    if (bytes <= QUEUE_MAX_MESSAGE_BYTES) events.push(event);
    else
      refused.push({
        type: 'too_large',
        reason: `${event.eventId}: ${bytes} bytes, more than the queue accepts`,
      });
  }
  return { ...delivery, events, refused };
}
