/**
 * `npm run simulate`: sends signed webhook deliveries to the running local system (`npm run dev`)
 * and shows what happened to each event: the stored conversation, the replies, the hand-off.
 *
 *   npm run simulate -- --text "Mein Paket ist seit einer Woche weg"          a Facebook comment
 *   npm run simulate -- --text "..." --platform instagram --channel dm        an Instagram DM
 *   npm run simulate -- --text "..." --platform x                             an X mention (or --channel dm)
 *   npm run simulate -- --fixture fb_feed_comment_add                         a real payload
 *   npm run simulate -- --all-fixtures                                        every real payload
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { fixtureTextWithRealIds } from '../devkit/fixtures.js';
import {
  facebookCommentDelivery,
  instagramCommentDelivery,
  messengerDelivery,
  xDirectMessageAccountActivity,
  xMentionAccountActivity,
} from '../devkit/payloads.js';
import { LOCAL_DEFAULTS } from '../infra/local/defaults.js';
import { LOCAL_AWS_ENV } from '../infra/local/stack.js';
import { ConversationStore } from '../shared/conversations/store.js';
import type { InboundEvent } from '../shared/events.js';
import { HandoffMessageSchema } from '../shared/handoff/schema.js';
import { normaliseMetaDelivery } from '../shared/platforms/meta/normalise.js';
import { signMetaBody } from '../shared/platforms/meta/signature.js';
import { normaliseXDelivery } from '../shared/platforms/x/normalise.js';
import { signXBody, X_SIGNATURE_HEADER } from '../shared/platforms/x/signature.js';
import type { Decision } from '../shared/policy/decision.js';

const { values: args } = parseArgs({
  options: {
    text: { type: 'string' },
    platform: { type: 'string', default: 'facebook' },
    channel: { type: 'string', default: 'comment' },
    account: { type: 'string' },
    fixture: { type: 'string', multiple: true },
    'all-fixtures': { type: 'boolean' },
    url: { type: 'string' },
    wait: { type: 'string', default: '10' },
  },
});

const FIXTURES_DIR = 'test/fixtures';
const BRAND = JSON.parse(readFileSync('brands/parcelexpress.json', 'utf8')) as {
  accounts: Record<string, Array<{ id: string; username: string }>>;
};
const META_FIXTURE = /^(fb|messenger|ig)_/;
const X_FIXTURE = /^(x|xaa)_/;
const env = (name: keyof typeof LOCAL_DEFAULTS) => process.env[name] || LOCAL_DEFAULTS[name];
for (const [key, value] of Object.entries(LOCAL_AWS_ENV)) process.env[key] ??= value;

const baseUrl = args.url ?? `http://localhost:${process.env.PORT ?? 3000}`;
const dynamoEndpoint = `http://127.0.0.1:${process.env.DYNAMO_PORT ?? 8000}`;
const sqsEndpoint = `http://127.0.0.1:${process.env.SQS_PORT ?? 9324}`;
const tableName = process.env.TABLE_NAME ?? 'dev-conversations';

interface Delivery {
  label: string;
  path: string;
  body: Uint8Array;
  headers: Record<string, string>;
  events: InboundEvent[];
}

function metaDelivery(label: string, body: Uint8Array): Delivery {
  const { events } = normaliseMetaDelivery(JSON.parse(new TextDecoder().decode(body)));
  return {
    label,
    path: '/webhooks/meta',
    body,
    headers: { 'x-hub-signature-256': signMetaBody(body, env('META_APP_SECRET')) },
    events,
  };
}

function xDelivery(label: string, body: Uint8Array): Delivery {
  const { events } = normaliseXDelivery(new TextDecoder().decode(body));
  return {
    label,
    path: '/webhooks/x',
    body,
    headers: { [X_SIGNATURE_HEADER]: signXBody(body, env('X_CONSUMER_SECRET')) },
    events,
  };
}

function fromText(text: string): Delivery {
  const platform = args.platform as 'facebook' | 'instagram' | 'x';
  const account = args.account ?? BRAND.accounts[platform]?.[0]?.id;
  if (!account) throw new Error(`no ${platform} account in brands/parcelexpress.json; pass --account`);
  if (platform === 'x') {
    const handle = BRAND.accounts.x?.find((a) => a.id === account)?.username ?? 'ParcelExpress';
    const body =
      args.channel === 'dm'
        ? xDirectMessageAccountActivity({ accountId: account, customerId: '1247048165561270272', text })
        : xMentionAccountActivity({ accountId: account, accountHandle: handle, text });
    return xDelivery(
      `x ${args.channel === 'dm' ? 'dm' : 'mention'}: "${text}"`,
      new TextEncoder().encode(body),
    );
  }
  const payload =
    args.channel === 'dm'
      ? messengerDelivery({ platform, accountId: account, text })
      : platform === 'instagram'
        ? instagramCommentDelivery({ pageId: account, text })
        : facebookCommentDelivery({ pageId: account, text });
  return metaDelivery(
    `${platform} ${args.channel}: "${text}"`,
    new TextEncoder().encode(JSON.stringify(payload)),
  );
}

/** Meta's documentation examples carry placeholder ids the webhook refuses: they are sent with ids of the real shape. */
function fromFixture(name: string): Delivery {
  const body = new TextEncoder().encode(fixtureTextWithRealIds(name));
  if (META_FIXTURE.test(name)) return metaDelivery(`fixture ${name}`, body);
  if (X_FIXTURE.test(name)) return xDelivery(`fixture ${name}`, body);
  throw new Error(`${name}: not a webhook fixture`);
}

const deliveries: Delivery[] = [];
if (args.text) deliveries.push(fromText(args.text));
for (const name of args.fixture ?? []) deliveries.push(fromFixture(name));
if (args['all-fixtures']) {
  for (const file of readdirSync(FIXTURES_DIR).sort()) {
    const name = file.replace(/\.json$/, '');
    const isDelivery = META_FIXTURE.test(name) || (X_FIXTURE.test(name) && name !== 'x_crc_response');
    if (file.endsWith('.json') && isDelivery && !name.endsWith('error_response')) {
      deliveries.push(fromFixture(name));
    }
  }
}
if (deliveries.length === 0) {
  console.error(
    'nothing to send: use --text "...", --fixture NAME or --all-fixtures (see the header of scripts/simulate.ts)',
  );
  process.exit(2);
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamoEndpoint }));
const store = new ConversationStore(db, tableName);
const sqs = new SQSClient({ endpoint: sqsEndpoint });

let inboundQueueUrl: Promise<string | undefined> | undefined;
const inboundQueueIsEmpty = async () => {
  inboundQueueUrl ??= sqs
    .send(new GetQueueUrlCommand({ QueueName: 'dev-inbound.fifo' }))
    .then((answer) => answer.QueueUrl);
  const QueueUrl = await inboundQueueUrl;
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) === 0 &&
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) === 0
  );
};

/**
 * Waits until the responder is done with the event: its record says complete, or (for events
 * that need no record, like echoes of our own replies) the inbound queue has nothing left.
 */
async function waitUntilHandled(
  event: InboundEvent,
): Promise<{ conversationId?: string; decision?: Decision } | undefined> {
  const deadline = Date.now() + Number(args.wait) * 1000;
  while (Date.now() < deadline) {
    const record = await claimRecord(event);
    if (record && (await store.eventCompleted(record, event))) return record;
    if (await inboundQueueIsEmpty()) {
      const joined =
        event.kind === 'message' && event.inReplyToMessageId
          ? await store.conversationOfMessage(event.platform, event.inReplyToMessageId)
          : undefined;
      return {
        conversationId:
          record?.conversationId ?? joined ?? (event.kind === 'message' ? event.threadKey : undefined),
        decision: record?.decision,
      };
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return undefined;
}

/** An event's claim: a customer message's is on its pointer (or its own record), other events' their record. */
async function claimRecord(event: InboundEvent) {
  if (event.kind !== 'message') return store.eventRecord(event.eventId);
  const claim = await store.findClaim(event.platform, event);
  return claim.deleted ? undefined : claim.record;
}

/** Looks at hand-offs without taking them off the queue (they stay there for the agents). */
async function peekHandoffs(conversationId: string) {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'dev-handoff.fifo' }));
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl,
      MaxNumberOfMessages: 10,
      VisibilityTimeout: 0,
      WaitTimeSeconds: 0,
    }),
  );
  const handoffs = Messages.map((m) => HandoffMessageSchema.parse(JSON.parse(m.Body ?? ''))).filter(
    (h) => h.conversationId === conversationId,
  );
  // A peek may see the same message more than once: it stays visible.
  return [...new Map(handoffs.map((h) => [h.handoffId, h])).values()];
}

for (const delivery of deliveries) {
  const response = await fetch(`${baseUrl}${delivery.path}`, {
    method: 'POST',
    body: delivery.body,
    headers: { 'content-type': 'application/json', ...delivery.headers },
  });
  console.log(
    `\n=== ${delivery.label}\n--> POST ${delivery.path}: ${response.status} ${await response.text()}`,
  );
  for (const event of delivery.events) {
    const record = await waitUntilHandled(event);
    if (!record) {
      console.log(`    ${event.eventId}: not handled within ${args.wait} s (is npm run dev running?)`);
      continue;
    }
    const conversationId = record.conversationId;
    console.log(
      `    event ${event.eventId} (${event.kind}${event.fromAccount ? ', own activity' : ''}) -> handled`,
    );
    if (!conversationId) continue;
    const conversation = await store.getConversation(conversationId);
    const { decision } = record;
    console.log(`    conversation ${conversationId}`);
    if (conversation) {
      console.log(
        `      status ${conversation.status}, customer ${conversation.customer.name ?? conversation.customer.handle ?? conversation.customer.id}`,
      );
    }
    if (decision) {
      console.log(
        `      decision ${decision.action} [${decision.language}, ${decision.intent}, ${decision.escalation}/${decision.priority}] reasons: ${decision.reasons.join(', ')}`,
      );
    }
    for (const m of await store.listMessages(conversationId)) {
      console.log(`      ${m.direction === 'in' ? '<-' : '->'} ${m.sentBy.padEnd(8)} ${m.text}`);
    }
    const replies = await store.listReplies(conversationId);
    for (const r of replies.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      console.log(
        `      reply ${r.kind.padEnd(7)} ${r.status}${r.errorClass ? ` (${r.errorClass})` : ''}: ${r.text}`,
      );
    }
    for (const h of await peekHandoffs(conversationId)) {
      console.log(
        `      hand-off ${h.type} ${h.caseId}: ${h.escalation}/${h.priority}, due ${h.dueBy ?? '-'}, reasons ${h.reasons.join(', ')}`,
      );
    }
  }
}
