import { fileURLToPath } from 'node:url';
import type { Channel, InboundEvent, Platform } from '../shared/events.js';
import type { Brand, BrandAccount } from '../shared/policy/brand.js';
import { loadBrands } from '../shared/policy/brand-files.js';
import { BrandDirectory } from '../shared/policy/brands.js';

/**
 * Helpers for running the policy outside the responder (npm run triage / eval / bench): the
 * brand folder of the repository and an inbound event made from bare text.
 */
export const REPOSITORY_BRANDS_DIR = fileURLToPath(new URL('../brands', import.meta.url));

export interface DefaultBrand {
  brand: Brand;
  directory: BrandDirectory;
}

/** The brands folder (BRANDS_DIR or the repository's) and its default brand (DEFAULT_BRAND or the first). */
export function loadDefaultBrand(dir = process.env.BRANDS_DIR || REPOSITORY_BRANDS_DIR): DefaultBrand {
  const directory = new BrandDirectory(loadBrands(dir), process.env.DEFAULT_BRAND || undefined);
  const brand = process.env.DEFAULT_BRAND
    ? (directory.brands.find((b) => b.id === process.env.DEFAULT_BRAND) as Brand)
    : (directory.brands[0] as Brand);
  return { brand, directory };
}

export interface TextMessage {
  text: string;
  channel?: Channel;
  platform?: Platform;
  id?: string;
  /** the author's follower count, where a platform would send it */
  followers?: number;
  name?: string;
  handle?: string;
  topicId?: string;
}

/** The account of the brand on a platform that replies go out from (the first listed). */
export function brandAccount(brand: Brand, platform: Platform): BrandAccount {
  return brand.accounts[platform][0] ?? { id: `${brand.id}-${platform}`, username: brand.id };
}

/** An inbound customer message as an adapter would produce it, for running the policy on text. */
export function eventFromText(message: TextMessage, brand: Brand, occurredAt: number): InboundEvent {
  const platform = message.platform ?? 'facebook';
  const channel = message.channel ?? 'comment';
  const id = message.id ?? `text-${occurredAt}`;
  const account = brandAccount(brand, platform);
  return {
    eventId: id,
    platform,
    channel,
    kind: 'message',
    accountId: account.id,
    threadKey: `${platform}:${id}`,
    ...(message.topicId ? { topicId: message.topicId } : {}),
    messageId: id,
    author: {
      id: `customer-${id}`,
      ...(message.name ? { name: message.name } : {}),
      ...(message.handle ? { handle: message.handle } : {}),
      ...(message.followers !== undefined ? { followers: message.followers } : {}),
    },
    fromAccount: false,
    sentBy: 'customer',
    text: message.text,
    attachments: [],
    occurredAt,
    replyTarget: {},
  };
}
