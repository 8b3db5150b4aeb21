import type { ConversationView } from '../../agents/views.js';
import { type CannedReply, cannedReplies, firstNameOf } from '../../policy/agent-templates.js';
import { type Brand, brandDmLink, businessHoursOf } from '../../policy/brand.js';
import { nextOpening } from '../../policy/hours.js';
import { describeNextOpening, describeOpeningHours } from '../../policy/templates.js';

/** The brand's canned replies for this conversation, filled with its customer and links. */
export function cannedRepliesFor(brand: Brand | undefined, c: ConversationView, now: Date): CannedReply[] {
  if (!brand) return [];
  const language = c.language && brand.languages.includes(c.language) ? c.language : brand.defaultLanguage;
  const account = brand.accounts[c.platform].find((a) => a.id === c.accountId) ?? {
    id: c.accountId,
    username: c.accountId,
  };
  const hours = businessHoursOf(brand);
  return cannedReplies(brand, language, {
    firstName: firstNameOf(c.customer.name),
    name: c.customer.name ?? '',
    handle: c.customer.handle ? `@${c.customer.handle}` : '',
    brand: brand.name,
    dmLink: c.links.dm ?? brandDmLink(brand, c.platform, account),
    openingHours: describeOpeningHours(hours, language),
    nextOpening: describeNextOpening(nextOpening(hours, now), language),
  });
}
