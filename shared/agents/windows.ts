import type { Channel, Platform } from '../events.js';
import {
  META_HUMAN_AGENT_WINDOW_MS,
  META_PRIVATE_REPLY_WINDOW_MS,
  META_STANDARD_WINDOW_MS,
} from '../platforms/meta/windows.js';

/**
 * The platforms' reply rules for a person answering through the system, as pure functions of the
 * conversation and the time. Meta: a DM may be answered with `RESPONSE` within 24 h of the
 * customer's last message, and by a person with the `HUMAN_AGENT` tag up to 7 days; a comment
 * gets one private reply, within 7 days of it. X has no such windows, only rate limits and the
 * recipient's DM settings, which the API reports when it refuses.
 */

export type ReplyKind = 'public' | 'private';

export interface WindowInput {
  platform: Platform;
  channel: Channel;
  /** epoch ms of the customer's last message in this conversation */
  lastCustomerMessageAt?: number;
  /** epoch ms of the comment a private reply would answer */
  commentAt?: number;
  /** a private reply to the comment was sent already (by the bot or an agent): Meta allows one */
  privateReplyUsed: boolean;
  /** the conversation has a public item to reply under */
  hasPublicTarget: boolean;
  now: number;
}

/** One way to answer, whether it is open now and for how long. */
export interface ReplyWindow {
  kind: ReplyKind;
  /** how the message goes out: e.g. `RESPONSE`, `HUMAN_AGENT tag`, `private reply`, `public reply`, `DM` */
  mode: string;
  open: boolean;
  /** ISO time the window closes; absent when it does not close */
  closesAt?: string;
  msLeft?: number;
  /** a sentence for the agent */
  note: string;
}

export type ReplyCheck =
  | { allowed: true; window: ReplyWindow }
  | {
      allowed: false;
      reason: 'window_closed' | 'private_reply_used' | 'no_target';
      message: string;
      advice: string;
    };

const isMeta = (platform: Platform) => platform === 'facebook' || platform === 'instagram';
/** Meta's names for its DM product, and for the place the comments are */
const platformName: Record<Platform, string> = { facebook: 'Messenger', instagram: 'Instagram', x: 'X' };
const commentPlatformName: Record<Platform, string> = {
  facebook: 'Facebook',
  instagram: 'Instagram',
  x: 'X',
};

/** "3 h 20 min", "2 d 4 h", "45 s": how long is left, for people. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  const days = Math.floor(hours / 24);
  return `${days} d${hours % 24 ? ` ${hours % 24} h` : ''}`;
}

function until(closesAtMs: number, now: number): Pick<ReplyWindow, 'closesAt' | 'msLeft'> {
  return { closesAt: new Date(closesAtMs).toISOString(), msLeft: Math.max(0, closesAtMs - now) };
}

/** The private (DM) window of a Meta DM conversation. */
function metaDmWindow(input: WindowInput): ReplyWindow {
  const name = platformName[input.platform];
  const last = input.lastCustomerMessageAt;
  if (last === undefined) {
    return { kind: 'private', mode: 'RESPONSE', open: true, note: `${name}: standard response` };
  }
  const elapsed = input.now - last;
  if (elapsed <= META_STANDARD_WINDOW_MS) {
    const left = until(last + META_STANDARD_WINDOW_MS, input.now);
    return {
      kind: 'private',
      mode: 'RESPONSE',
      open: true,
      ...left,
      note: `standard 24 h window: ${formatDuration(left.msLeft ?? 0)} left, then 7-day HUMAN_AGENT window`,
    };
  }
  if (elapsed <= META_HUMAN_AGENT_WINDOW_MS) {
    const left = until(last + META_HUMAN_AGENT_WINDOW_MS, input.now);
    return {
      kind: 'private',
      mode: 'HUMAN_AGENT tag',
      open: true,
      ...left,
      note: `24 h window passed; a person may still answer with the HUMAN_AGENT tag for ${formatDuration(left.msLeft ?? 0)}`,
    };
  }
  return {
    kind: 'private',
    mode: 'closed',
    open: false,
    ...until(last + META_HUMAN_AGENT_WINDOW_MS, input.now),
    note: `closed: the customer last wrote ${formatDuration(elapsed)} ago (limit 7 d)`,
  };
}

/** The one private reply a Meta comment allows. */
function metaPrivateReplyWindow(input: WindowInput): ReplyWindow {
  if (input.privateReplyUsed) {
    return {
      kind: 'private',
      mode: 'private reply',
      open: false,
      note: 'used: this comment already got its one private reply; the DM thread opens when the customer answers it',
    };
  }
  const at = input.commentAt ?? input.lastCustomerMessageAt;
  if (at === undefined)
    return { kind: 'private', mode: 'private reply', open: true, note: 'one private reply' };
  const left = until(at + META_PRIVATE_REPLY_WINDOW_MS, input.now);
  const open = input.now - at <= META_PRIVATE_REPLY_WINDOW_MS;
  return {
    kind: 'private',
    mode: 'private reply',
    open,
    ...left,
    note: open
      ? `one private reply allowed, ${formatDuration(left.msLeft ?? 0)} left`
      : 'closed: private replies are possible only within 7 days of the comment',
  };
}

/** Every way to answer this conversation now, with the time left in each. */
export function replyWindows(input: WindowInput): ReplyWindow[] {
  const windows: ReplyWindow[] = [];
  if (input.hasPublicTarget && input.channel !== 'dm') {
    windows.push({
      kind: 'public',
      mode: 'public reply',
      open: true,
      note:
        input.platform === 'x'
          ? 'public reply on X: within the account rate limits; X accepts API replies only to posts that mention or quote the account'
          : 'public reply under the comment or post: no time limit',
    });
  }
  if (isMeta(input.platform)) {
    windows.push(input.channel === 'dm' ? metaDmWindow(input) : metaPrivateReplyWindow(input));
  } else {
    windows.push({
      kind: 'private',
      mode: 'DM',
      open: true,
      note: "DM on X: no time window; within the account rate limits and the customer's DM settings",
    });
  }
  return windows;
}

/** Whether a person may send this kind of reply now; when not, why and what to do instead. */
export function checkAgentReply(input: WindowInput, kind: ReplyKind): ReplyCheck {
  const window = replyWindows(input).find((w) => w.kind === kind);
  const name = platformName[input.platform];
  if (!window) {
    return {
      allowed: false,
      reason: 'no_target',
      message:
        kind === 'public'
          ? 'This conversation is a private thread: there is no public post or comment to reply under.'
          : 'This conversation has nobody to send a private message to.',
      advice: kind === 'public' ? 'Reply privately instead.' : 'Reply publicly instead.',
    };
  }
  if (window.open) return { allowed: true, window };
  if (window.mode === 'private reply' && input.privateReplyUsed) {
    return {
      allowed: false,
      reason: 'private_reply_used',
      message: `${commentPlatformName[input.platform]} allows one private reply per comment, and this comment already got it.`,
      advice:
        'Reply publicly under the comment (without personal data), or wait: when the customer answers the private message, the DM thread opens and you can write there.',
    };
  }
  if (window.mode === 'private reply') {
    return {
      allowed: false,
      reason: 'window_closed',
      message: `${commentPlatformName[input.platform]} allows a private reply to a comment only within 7 days of it; this one is older.`,
      advice: 'Reply publicly under the comment and ask the customer to send a private message.',
    };
  }
  const elapsed = input.lastCustomerMessageAt === undefined ? 0 : input.now - input.lastCustomerMessageAt;
  return {
    allowed: false,
    reason: 'window_closed',
    message: `The customer last wrote ${formatDuration(elapsed)} ago. ${name} lets a person answer only within 7 days of the customer's last message (HUMAN_AGENT tag); the window closed at ${window.closesAt}.`,
    advice:
      'Nothing was sent. Wait for the customer to write again (that reopens the window), reply publicly if the conversation started on a public post, or reach the customer through another channel.',
  };
}
