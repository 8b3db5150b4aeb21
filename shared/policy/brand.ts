import type { Platform } from '../events.js';
import type { Brand, BrandAccount } from './brand-schema.js';
import { type BusinessHours, WEEKDAYS } from './hours.js';

export type { Brand, BrandAccount, BrandInput } from './brand-schema.js';

/**
 * The situations the catalogue has wording for. `*_after_hours` variants are used outside
 * business hours and should say when a person answers ({nextOpening}, {openingHours}).
 */
export const SITUATIONS = [
  /** a question or request a person will answer: public or in DM */
  'acknowledge',
  'acknowledge_after_hours',
  /**
   * neutral words when the policy cannot tell what the message wants (a DM with only "?" or a
   * photo, an unclear comment): it was seen, a person answers; no promise, no guess
   */
  'received',
  'received_after_hours',
  /** danger to people (fire, smoke, gas, crowding, injury, threats): at once, in every channel */
  'safety',
  /** a complaint: empathy first, a person takes it */
  'complaint',
  'complaint_after_hours',
  /** public reply to a case that needs private data: continue in DM (must contain {dmLink}) */
  'move_to_dm',
  'move_to_dm_after_hours',
  /** public reply when the customer posted personal data publicly: never repeats it, asks to continue in DM */
  'personal_data',
  'personal_data_after_hours',
  /** the private message that opens the DM thread after a public move_to_dm / personal_data reply */
  'dm_opening',
  /** thanks for praise */
  'praise',
  /** the acknowledgement while a crisis (a burst of negative posts on one topic) is handled */
  'crisis',
  'crisis_dm',
] as const;
export type Situation = (typeof SITUATIONS)[number];

/** The variables a template may use; anything else in braces is an error. */
export const TEMPLATE_VARIABLES = [
  'name',
  'handle',
  'brand',
  'dmLink',
  'openingHours',
  'nextOpening',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** The variables an agent's canned reply may use: the bot's, plus the customer's first name. */
export const AGENT_TEMPLATE_VARIABLES = ['firstName', ...TEMPLATE_VARIABLES] as const;
export type AgentTemplateVariable = (typeof AGENT_TEMPLATE_VARIABLES)[number];

const PLACEHOLDER = /\{([^{}]*)\}/g;

export function templateVariables(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

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

/** The DM link a reply points to: the brand's override for the platform, else the account's own. */
export function brandDmLink(brand: Brand, platform: Platform, account: BrandAccount): string {
  return brand.dmLinks[platform] ?? dmLink(platform, account);
}

const hoursCache = new WeakMap<Brand, BusinessHours>();

export function businessHoursOf(brand: Brand): BusinessHours {
  const cached = hoursCache.get(brand);
  if (cached) return cached;
  const week = Object.fromEntries(
    WEEKDAYS.map((d) => [d, [...brand.businessHours[d]].sort((a, b) => a.from.localeCompare(b.from))]),
  ) as BusinessHours['week'];
  const hours = { timezone: brand.timezone, week, closedOn: brand.closedOn };
  hoursCache.set(brand, hours);
  return hours;
}

/**
 * What the responder needs to count crisis bursts: negative messages per topic (event.topicId)
 * within `windowMs`; `threshold` of them (including the current one) make a crisis.
 */
export interface CrisisSettings {
  windowMs: number;
  threshold: number;
}

export function crisisSettings(brand: Brand): CrisisSettings {
  return { windowMs: brand.crisis.windowMinutes * 60_000, threshold: brand.crisis.threshold };
}
