import type * as z from 'zod/mini';
import type { EventKind, IgnoredItem, InboundEventInput, Party } from '../../events.js';

/** What every item normaliser of a Meta delivery shares: its context, its result, small helpers. */

export type MetaPlatform = 'facebook' | 'instagram';

export type Attachment = NonNullable<InboundEventInput['attachments']>[number];

export interface MetaNormaliseOptions {
  /** our Meta app id: an echo sent by this app is the bot's, any other echo a person's */
  appId?: string;
  /** when the delivery arrived, epoch ms; used only for items that carry no usable time */
  receivedAt?: number;
}

export interface ItemContext {
  platform: MetaPlatform;
  /** entry.id: the Facebook Page or the Instagram professional account */
  accountId: string;
  /** entry.time in epoch ms, when usable */
  entryTime: number | undefined;
  /** where the item sits in the body, for reasons: `entry[0].changes[1]` */
  path: string;
  /** the item came in `standby[]`: another app owns the thread (handover protocol) */
  standby: boolean;
  options: MetaNormaliseOptions;
}

export type ItemResult = { event: InboundEventInput } | { ignored: IgnoredItem } | { refused: IgnoredItem };

export function ignore(type: string, path: string, reason: string): ItemResult {
  return { ignored: { type, reason: `${path}: ${reason}` } };
}

/** The item does not fit Meta's contract (its shape, an id, a text): refused on its own. */
export function refuse(path: string, reason: string): ItemResult {
  return { refused: { type: 'malformed', reason: `${path}: ${reason}` } };
}

export function malformed(path: string, error: z.core.$ZodError): ItemResult {
  return refuse(path, describeIssues(error));
}

export function eventIdFor(
  platform: MetaPlatform,
  messageId: string,
  kind: EventKind,
  occurredAt: number,
): string {
  if (kind === 'edited') return `${platform}:${messageId}:edited:${occurredAt}`;
  if (kind === 'deleted') return `${platform}:${messageId}:deleted`;
  return `${platform}:${messageId}`;
}

export function withName(id: string, name: string | undefined): Party {
  return name ? { id, name } : { id };
}

export function attachment(type: string, url: string | undefined): Attachment {
  return url ? { type, url } : { type };
}

export function receivedAt(ctx: ItemContext): number {
  return ctx.options.receivedAt ?? Date.now();
}

/**
 * Meta mixes unix seconds (feed `created_time`, some `entry.time`) and milliseconds (messaging
 * `timestamp`); doc examples even put placeholder strings there. Anything below 1e11 is taken as
 * seconds (1e11 ms is 1973, 1e11 s is the year 5138).
 */
export function epochMs(value: number | string | undefined): number | undefined {
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) n = Number(value);
  else if (typeof value === 'string') {
    const parsed = Date.parse(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  if (n === undefined || !Number.isFinite(n) || n <= 0) return undefined;
  return Math.round(n < 1e11 ? n * 1000 : n);
}

export function describeIssues(error: z.core.$ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${formatPath(issue.path) || '(body)'}: ${issue.message}`)
    .join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
