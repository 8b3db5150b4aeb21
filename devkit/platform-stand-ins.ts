import { type RecordedCall, RecordingServer, type ScriptedResponse } from './recording-server.js';

/** The accounts the stand-ins post as (the shipped brand's page, IG account and X account). */
export const STAND_IN_ACCOUNTS = {
  facebook: '123456789',
  instagram: '17841400538867190',
  x: '930524282358325248',
} as const;

interface Created {
  id: string;
  authorId: string;
  text: string;
  createdAt: string;
}

/** What a stand-in has created, by the thread it sits in: a test counts replies here. */
export class PlatformContents {
  private readonly threads = new Map<string, Created[]>();
  readonly privatelyRepliedComments = new Set<string>();
  /** comments (Graph) and replies (X) the account hid */
  readonly hidden = new Set<string>();

  add(thread: string, item: Created): void {
    this.threads.set(thread, [...(this.threads.get(thread) ?? []), item]);
  }

  /** newest first, as the platforms list them */
  in(thread: string): Created[] {
    return [...(this.threads.get(thread) ?? [])].reverse();
  }

  /** items of the threads whose key starts with `prefix`, newest first */
  threadsStartingWith(prefix: string): Array<{ thread: string; item: Created }> {
    return [...this.threads.entries()]
      .filter(([thread]) => thread.startsWith(prefix))
      .flatMap(([thread, items]) => items.map((item) => ({ thread, item })))
      .sort((a, b) => b.item.createdAt.localeCompare(a.item.createdAt));
  }

  clear(): void {
    this.threads.clear();
    this.privatelyRepliedComments.clear();
    this.hidden.clear();
  }
}

export interface PlatformStandIn extends RecordingServer {
  contents: PlatformContents;
}

function withContents(server: RecordingServer, contents: PlatformContents): PlatformStandIn {
  const reset = server.reset.bind(server);
  return Object.assign(server, {
    contents,
    reset() {
      reset();
      contents.clear();
    },
  });
}

const graphPath = (call: RecordedCall) => call.path.replace(/^\/v[\d.]+/, '');

/**
 * A Graph API stand-in that creates what it is asked to (comments, IG replies, messages), with
 * fresh ids, and lists them back to the lookups the clients make after a failed call.
 */
export function graphStandIn(): PlatformStandIn {
  const contents = new PlatformContents();
  const now = () => new Date().toISOString();
  const answer = (call: RecordedCall, index: number): ScriptedResponse | undefined => {
    const path = graphPath(call);
    const json = (call.json ?? {}) as { message?: unknown; recipient?: Record<string, string> };
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [objectId, edge] = parts;
    if (!objectId) return undefined;
    if (call.method === 'POST' && (edge === 'comments' || edge === 'replies')) {
      const authorId = edge === 'replies' ? STAND_IN_ACCOUNTS.instagram : STAND_IN_ACCOUNTS.facebook;
      const id = `reply_comment_${index}`;
      contents.add(objectId, { id, authorId, text: String(json.message ?? ''), createdAt: now() });
      return { status: 200, body: { id } };
    }
    if (call.method === 'POST' && edge === 'messages') {
      const recipient = json.recipient ?? {};
      const recipientId = recipient.id ?? '7000000000000099';
      if (recipient.comment_id) contents.privatelyRepliedComments.add(recipient.comment_id);
      const id = `m_sent_${index}`;
      const text = String((json.message as { text?: unknown } | undefined)?.text ?? '');
      contents.add(`${objectId}|${recipientId}`, { id, authorId: objectId, text, createdAt: now() });
      return { status: 200, body: { recipient_id: recipientId, message_id: id } };
    }
    // hiding a comment: Facebook `is_hidden`, Instagram `hide`
    const hide = call.json as { is_hidden?: unknown; hide?: unknown } | undefined;
    if (call.method === 'POST' && edge === undefined && (hide?.is_hidden === true || hide?.hide === true)) {
      contents.hidden.add(objectId);
      return { status: 200, body: { success: true } };
    }
    if (call.method === 'GET') return graphLookup(contents, objectId, edge, call);
    return undefined;
  };
  return withContents(new RecordingServer(answer), contents);
}

function graphLookup(
  contents: PlatformContents,
  objectId: string,
  edge: string | undefined,
  call: RecordedCall,
): ScriptedResponse | undefined {
  if (edge === 'comments' || edge === 'replies') {
    const data = contents.in(objectId).map((c) => ({
      id: c.id,
      from: { id: c.authorId },
      ...(edge === 'comments'
        ? { message: c.text, created_time: c.createdAt }
        : { text: c.text, timestamp: c.createdAt }),
    }));
    return { status: 200, body: { data } };
  }
  if (edge === 'conversations') {
    const messages = contents.in(`${objectId}|${call.query.get('user_id') ?? ''}`);
    const data = messages.length
      ? [
          {
            messages: {
              data: messages.map((m) => ({
                id: m.id,
                message: m.text,
                created_time: m.createdAt,
                from: { id: m.authorId },
              })),
            },
          },
        ]
      : [];
    return { status: 200, body: { data } };
  }
  if (edge === undefined) {
    return {
      status: 200,
      body: { id: objectId, can_reply_privately: !contents.privatelyRepliedComments.has(objectId) },
    };
  }
  return undefined;
}

/** An X API stand-in that creates posts and DMs with fresh ids and lists them back to lookups. */
export function xApiStandIn(): PlatformStandIn {
  const contents = new PlatformContents();
  const now = () => new Date().toISOString();
  const account = STAND_IN_ACCOUNTS.x;
  const answer = (call: RecordedCall, index: number): ScriptedResponse | undefined => {
    const json = (call.json ?? {}) as { text?: unknown; reply?: { in_reply_to_tweet_id?: string } };
    const dm = /^\/2\/dm_conversations\/with\/([^/]+)\/(messages|dm_events)$/.exec(call.path);
    if (call.method === 'POST' && call.path === '/2/tweets') {
      const id = `19${String(index).padStart(17, '0')}`;
      contents.add(`tweets|${json.reply?.in_reply_to_tweet_id ?? ''}`, {
        id,
        authorId: account,
        text: String(json.text ?? ''),
        createdAt: now(),
      });
      return { status: 201, body: { data: { id, text: 'ok' } } };
    }
    if (call.method === 'POST' && dm?.[2] === 'messages') {
      const id = `dm_${index}`;
      contents.add(`dm|${decodeURIComponent(dm[1] ?? '')}`, {
        id,
        authorId: account,
        text: String(json.text ?? ''),
        createdAt: now(),
      });
      return { status: 201, body: { data: { dm_conversation_id: 'conv', dm_event_id: id } } };
    }
    if (call.method === 'GET' && dm?.[2] === 'dm_events') {
      const data = contents.in(`dm|${decodeURIComponent(dm[1] ?? '')}`).map((m) => ({
        id: m.id,
        event_type: 'MessageCreate',
        text: m.text,
        sender_id: m.authorId,
        created_at: m.createdAt,
      }));
      return { status: 200, body: { data, meta: { result_count: data.length } } };
    }
    const hide = /^\/2\/tweets\/([^/]+)\/hidden$/.exec(call.path);
    if (call.method === 'PUT' && hide) {
      const hidden = (call.json as { hidden?: unknown } | undefined)?.hidden === true;
      if (hidden) contents.hidden.add(decodeURIComponent(hide[1] ?? ''));
      return { status: 200, body: { data: { hidden } } };
    }
    if (call.method === 'GET' && call.path === `/2/users/${account}/tweets`)
      return { status: 200, body: { data: timeline(contents) } };
    return undefined;
  };
  return withContents(new RecordingServer(answer), contents);
}

/** Every reply the X stand-in holds, as the user timeline lists posts. */
function timeline(contents: PlatformContents) {
  return contents.threadsStartingWith('tweets|').map(({ thread, item }) => ({
    id: item.id,
    text: item.text,
    author_id: item.authorId,
    created_at: item.createdAt,
    referenced_tweets: [{ type: 'replied_to', id: thread.slice('tweets|'.length) }],
  }));
}
