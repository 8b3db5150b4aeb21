import { pathToFileURL } from 'node:url';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda';
import { httpApiEvent, metaHandshakeEvent } from '../devkit/lambda-event.js';
import { facebookCommentDelivery } from '../devkit/payloads.js';
import { lambdaContext } from '../infra/local/poller.js';
import { fifoId } from '../shared/aws/sqs.js';
import { normaliseMetaDelivery } from '../shared/platforms/meta/normalise.js';
import { signMetaBody } from '../shared/platforms/meta/signature.js';
import { uniqueDigits, withOwnInboundQueue } from './env.js';
import { percentile, round, withOutputDiscarded } from './stats.js';

export const BENCH_PAGE_ID = '123456789';

type LambdaHttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResult>;

export interface LatencyFigures {
  p50Ms: number;
  p99Ms: number;
  requestsPerSec: number;
  floorP50Ms: number;
  floorP99Ms: number;
  floorRequestsPerSec: number;
  ratioP50: number;
}

export interface WebhookFigures extends LatencyFigures {
  samples: number;
  batch50: LatencyFigures & { samples: number; eventsPerSec: number };
  handshakeP50Ms: number;
}

/** A signed delivery of `comments` new comments, one per entry, each a fresh conversation. */
function signedDelivery(comments: number, secret: string) {
  const entries = Array.from({ length: comments }, () => {
    const id = uniqueDigits();
    return facebookCommentDelivery({
      pageId: BENCH_PAGE_ID,
      postId: `${BENCH_PAGE_ID}_9${id}`,
      commentId: `9${id}_${id}`,
      text: 'Wo bleibt mein Paket? Seit Tagen keine Bewegung in der Sendungsverfolgung.',
    }).entry;
  }).flat();
  const body = new TextEncoder().encode(JSON.stringify({ object: 'page', entry: entries }));
  return { body, signature: signMetaBody(body, secret) };
}

/** What the handler must send anyway for the same delivery: its SendMessageBatch inputs, precomputed. */
function floorBatches(body: Uint8Array, queueUrl: string): SendMessageBatchCommand[] {
  const { events } = normaliseMetaDelivery(JSON.parse(new TextDecoder().decode(body)));
  const commands: SendMessageBatchCommand[] = [];
  for (let start = 0; start < events.length; start += 10) {
    commands.push(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: events.slice(start, start + 10).map((event, i) => ({
          Id: String(i),
          MessageBody: JSON.stringify(event),
          MessageGroupId: fifoId(event.threadKey),
          MessageDeduplicationId: fifoId(event.eventId),
        })),
      }),
    );
  }
  return commands;
}

async function measure(
  handler: LambdaHttpHandler,
  floorClient: SQSClient,
  queueUrl: string,
  secret: string,
  comments: number,
  iterations: number,
  warmup: number,
): Promise<LatencyFigures & { samples: number }> {
  const handlerMs: number[] = [];
  const floorMs: number[] = [];
  const context = lambdaContext('webhook');
  // Handler and floor alternate, so both see the same emulator state (its queue grows as we go).
  for (let i = 0; i < warmup + iterations; i++) {
    const delivery = signedDelivery(comments, secret);
    const event = httpApiEvent({
      method: 'POST',
      path: '/webhooks/meta',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': delivery.signature },
      body: delivery.body,
    });
    const floor = floorBatches(signedDelivery(comments, secret).body, queueUrl);

    const runHandler = async () => {
      const started = performance.now();
      const result = await handler(event, context);
      if (result.statusCode !== 200) throw new Error(`webhook answered ${result.statusCode}: ${result.body}`);
      return performance.now() - started;
    };
    const runFloor = async () => {
      const started = performance.now();
      for (const command of floor) {
        const sent = await floorClient.send(command);
        if (sent.Failed?.length) throw new Error(`floor send refused: ${JSON.stringify(sent.Failed)}`);
      }
      return performance.now() - started;
    };
    // Which goes first alternates: neither inherits the other's leftover work in the emulator.
    let handled: number;
    let floored: number;
    if (i % 2 === 0) {
      handled = await runHandler();
      floored = await runFloor();
    } else {
      floored = await runFloor();
      handled = await runHandler();
    }

    if (i >= warmup) {
      handlerMs.push(handled);
      floorMs.push(floored);
    }
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const p50 = percentile(handlerMs, 50);
  const floorP50 = percentile(floorMs, 50);
  return {
    samples: iterations,
    p50Ms: round(p50, 3),
    p99Ms: round(percentile(handlerMs, 99), 3),
    requestsPerSec: round((1000 * iterations) / sum(handlerMs), 1),
    floorP50Ms: round(floorP50, 3),
    floorP99Ms: round(percentile(floorMs, 99), 3),
    floorRequestsPerSec: round((1000 * iterations) / sum(floorMs), 1),
    ratioP50: round(p50 / floorP50, 3),
  };
}

/**
 * Webhook overhead: signed deliveries through the deployed bundle of `functions/webhook.ts` (its
 * Lambda handler, fed HTTP API events) against the local SQS emulator, each request followed by
 * the floor: the bare SendMessageBatch calls the handler must make for such a delivery anyway.
 * Sequential requests: the figures are latencies, requests/s is 1 / mean latency. The bundle,
 * not the TypeScript source, so that tsx's loader is not part of the measurement.
 */
export async function benchWebhook(options: {
  bundleFile: string;
  appSecret: string;
  verifyToken: string;
  iterations: number;
  batchIterations: number;
}): Promise<WebhookFigures> {
  const floorClient = new SQSClient({});
  // The bundle reads its queue at import: a queue of its own, so the pipeline starts from an empty one.
  const { queueUrl, handler } = await withOwnInboundQueue('bench-webhook.fifo', async (queueUrl) => {
    const bundle = (await import(pathToFileURL(options.bundleFile).href)) as { handler: LambdaHttpHandler };
    return { queueUrl, handler: bundle.handler };
  });
  try {
    return await withOutputDiscarded(async () => {
      const single = await measure(
        handler,
        floorClient,
        queueUrl,
        options.appSecret,
        1,
        options.iterations,
        Math.min(50, options.iterations),
      );
      const batch = await measure(
        handler,
        floorClient,
        queueUrl,
        options.appSecret,
        50,
        options.batchIterations,
        Math.min(5, options.batchIterations),
      );
      const handshakeMs: number[] = [];
      for (let i = 0; i < 200; i++) {
        const event = metaHandshakeEvent(options.verifyToken, `${i}`);
        const started = performance.now();
        const result = await handler(event, lambdaContext('webhook'));
        handshakeMs.push(performance.now() - started);
        if (result.statusCode !== 200 || result.body !== `${i}`) throw new Error('handshake not answered');
      }
      return {
        ...single,
        batch50: { ...batch, eventsPerSec: round(batch.requestsPerSec * 50, 1) },
        handshakeP50Ms: round(percentile(handshakeMs, 50), 3),
      };
    });
  } finally {
    floorClient.destroy();
  }
}
