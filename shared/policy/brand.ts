import { z } from 'zod';
import type { Platform } from '../events.js';

/**
 * A brand: the accounts it answers on and its care guidelines. One reviewable JSON file per brand
 * under `brands/`, validated at start-up and by `npm run check`.
 */
const AccountSchema = z.object({
  /** page id, IG professional account id, or X user id */
  id: z.string().min(1),
  /** page user name for m.me links, IG username for ig.me links, X handle without @ */
  username: z.string().min(1),
});

export const BrandSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  accounts: z.object({
    facebook: z.array(AccountSchema).default([]),
    instagram: z.array(AccountSchema).default([]),
    x: z.array(AccountSchema).default([]),
  }),
  languages: z.array(z.string().length(2)).min(1),
  defaultLanguage: z.string().length(2),
  timezone: z.string().min(1),
});
export type Brand = z.infer<typeof BrandSchema>;
export type BrandAccount = z.infer<typeof AccountSchema>;

/** The link that opens a private conversation with this account. */
export function dmLink(platform: Platform, account: BrandAccount): string {
  switch (platform) {
    case 'facebook':
      return `https://m.me/${encodeURIComponent(account.username)}`;
    case 'instagram':
      return `https://ig.me/m/${encodeURIComponent(account.username)}`;
    case 'x':
      return `https://x.com/messages/compose?recipient_id=${encodeURIComponent(account.id)}`;
  }
}
