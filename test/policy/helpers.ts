import { fileURLToPath } from 'node:url';
import {
  brandAccount,
  eventFromText,
  REPOSITORY_BRANDS_DIR,
  type TextMessage,
} from '../../devkit/offline-policy.js';
import type { InboundEvent } from '../../shared/events.js';
import type { Brand, BrandInput } from '../../shared/policy/brand.js';
import { loadBrands } from '../../shared/policy/brand-files.js';
import { BrandSchema } from '../../shared/policy/brand-schema.js';
import {
  type ConversationState,
  decide,
  freshConversation,
  loadTrigramModel,
} from '../../shared/policy/index.js';

// the policy tests decide synchronously on texts whose language the word score leaves unsure
await loadTrigramModel();

/** The repository's default brand file, validated as at start-up. */
export const parcelExpress: Brand = loadBrands(REPOSITORY_BRANDS_DIR).find(
  (b) => b.id === 'parcelexpress',
) as Brand;

/** The Swiss example brand (brands/examples/alpenbahn.json: de, fr, it, en), validated as at start-up. */
export const alpenbahn: Brand = loadBrands(
  fileURLToPath(new URL('../../brands/examples', import.meta.url)),
).find((b) => b.id === 'alpenbahn') as Brand;

/** A copy of the default brand with some fields changed, validated by the real schema. */
export function brandWith(change: (input: BrandInput) => void): Brand {
  const input = structuredClone(parcelExpress) as BrandInput;
  change(input);
  return BrandSchema.parse(input);
}

/** Tuesday 10 November 2026, 10:30 in Berlin (CET, UTC+1): within business hours. */
export const TUESDAY_MORNING = new Date('2026-11-10T09:30:00Z');

export function customerEvent(message: TextMessage, overrides: Partial<InboundEvent> = {}): InboundEvent {
  return {
    ...eventFromText({ id: 'evt-1', ...message }, parcelExpress, TUESDAY_MORNING.getTime()),
    ...overrides,
  };
}

export function decideText(
  message: TextMessage,
  options: {
    conversation?: Partial<ConversationState>;
    now?: Date;
    brand?: Brand;
    event?: Partial<InboundEvent>;
    burst?: { negativeInWindow: number; crisisAlreadyEscalated: boolean };
  } = {},
) {
  const brand = options.brand ?? parcelExpress;
  const event = customerEvent(message, options.event);
  return decide({
    event,
    conversation: { ...freshConversation(), ...options.conversation },
    brand,
    account: brandAccount(brand, event.platform),
    now: options.now ?? TUESDAY_MORNING,
    ...(options.burst ? { burst: options.burst } : {}),
  });
}
