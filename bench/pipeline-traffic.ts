import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { httpApiEvent, signedMetaEvent } from '../devkit/lambda-event.js';
import {
  facebookCommentDelivery,
  instagramCommentDelivery,
  messengerDelivery,
  xDirectMessageAccountActivity,
  xMentionAccountActivity,
} from '../devkit/payloads.js';
import type { RecordedCall, RecordingServer } from '../devkit/recording-server.js';
import type { InboundEvent } from '../shared/events.js';
import { normaliseMetaDelivery } from '../shared/platforms/meta/normalise.js';
import { normaliseXDelivery } from '../shared/platforms/x/normalise.js';
import { signXBody } from '../shared/platforms/x/signature.js';
import { BENCH_SECRETS, uniqueDigits } from './env.js';

/** The pipeline bench's traffic: the mix of signed deliveries, and the platform stand-in's answers. */

const FACEBOOK_PAGE = '123456789';
const INSTAGRAM_ACCOUNT = '17841400538867190';
const X_ACCOUNT = '930524282358325248';

const SIMPLE_TEXTS = [
  'Danke, hat geklappt!',
  'Wie lange dauert der Versand nach Österreich?',
  'Thanks for the quick help',
];
const COMPLEX_TEXTS = [
  'Mein Paket PX123456789DE ist seit einer Woche unterwegs und kommt einfach nicht an. Das ist echt ärgerlich!',
  'My parcel was delivered to the wrong address and nobody answers the hotline. I want a refund now.',
];

export interface BenchDelivery {
  /** the key every reply call to this event carries: comment id, DM sender, tweet id */
  target: string;
  event: APIGatewayProxyEventV2;
  inbound: InboundEvent[];
}

/** Event `index` of the mix: Facebook and Instagram comments and DMs, X mentions and DMs; 2 of 5 complex. */
export function delivery(index: number): BenchDelivery {
  const text =
    index % 5 < 2
      ? (COMPLEX_TEXTS[index % COMPLEX_TEXTS.length] as string)
      : (SIMPLE_TEXTS[index % 3] as string);
  const kind = index % 6;
  const id = uniqueDigits('7');
  const meta = (payload: unknown, target: string): BenchDelivery => {
    return {
      target,
      event: signedMetaEvent(payload, BENCH_SECRETS.META_APP_SECRET),
      inbound: normaliseMetaDelivery(payload).events,
    };
  };
  const x = (raw: string, target: string): BenchDelivery => ({
    target,
    event: httpApiEvent({
      method: 'POST',
      path: '/webhooks/x',
      headers: {
        'content-type': 'application/json',
        'x-twitter-webhooks-signature': signXBody(raw, BENCH_SECRETS.X_CONSUMER_SECRET),
      },
      body: new TextEncoder().encode(raw),
    }),
    inbound: normaliseXDelivery(raw).events,
  });
  switch (kind) {
    case 0:
      return meta(
        facebookCommentDelivery({
          pageId: FACEBOOK_PAGE,
          postId: `${FACEBOOK_PAGE}_5${id}`,
          commentId: `5${id}_${id}`,
          text,
        }),
        `5${id}_${id}`,
      );
    case 1:
      return meta(instagramCommentDelivery({ pageId: INSTAGRAM_ACCOUNT, commentId: id, text }), id);
    case 2:
      return meta(
        messengerDelivery({ platform: 'facebook', accountId: FACEBOOK_PAGE, senderId: id, text }),
        id,
      );
    case 3:
      return meta(
        messengerDelivery({ platform: 'instagram', accountId: INSTAGRAM_ACCOUNT, senderId: id, text }),
        id,
      );
    case 4:
      return x(
        xMentionAccountActivity({ accountId: X_ACCOUNT, accountHandle: 'ParcelExpress', tweetId: id, text }),
        id,
      );
    default:
      return x(xDirectMessageAccountActivity({ accountId: X_ACCOUNT, customerId: id, text }), id);
  }
}

/** The event a reply call answers, read from the call the way each platform API addresses it. */
export function replyTarget(call: RecordedCall): string | undefined {
  const underComment = /\/([^/]+)\/(?:comments|replies)$/.exec(call.path);
  if (underComment) return underComment[1];
  const xDm = /^\/2\/dm_conversations\/with\/([^/]+)\/messages$/.exec(call.path);
  if (xDm) return xDm[1];
  const json = call.json as
    | { reply?: { in_reply_to_tweet_id?: string }; recipient?: { comment_id?: string; id?: string } }
    | undefined;
  if (call.path === '/2/tweets') return json?.reply?.in_reply_to_tweet_id;
  if (call.path.endsWith('/messages')) return json?.recipient?.comment_id ?? json?.recipient?.id;
  return undefined;
}

/** Answers every Graph and X API call successfully with a fresh id, and notes when each arrived. */
export function platformStandIn(server: RecordingServer, arrivals: Map<number, number>): void {
  server.on((call, index) => {
    arrivals.set(index, performance.now());
    if (call.path === '/2/tweets') return { status: 201, body: { data: { id: `19${index}`, text: 'ok' } } };
    if (call.path.startsWith('/2/dm_conversations/')) {
      return { status: 201, body: { data: { dm_conversation_id: 'c', dm_event_id: `18${index}` } } };
    }
    if (call.path.endsWith('/comments') || call.path.endsWith('/replies')) {
      return { status: 200, body: { id: `reply_${index}` } };
    }
    if (call.path.endsWith('/messages')) {
      return { status: 200, body: { recipient_id: 'psid', message_id: `m_${index}` } };
    }
    return undefined;
  });
}
