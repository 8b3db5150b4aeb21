/** The care policy's entry: `decide()` and what it reads and returns. */
export type { Brand, BrandAccount, CrisisSettings } from './brand.js';
export { brandDmLink, crisisSettings, dmLink } from './brand.js';
export {
  type ConversationState,
  decide,
  freshConversation,
  type PolicyInput,
  prepareToDecide,
} from './decide.js';
export type { BurstState } from './escalation.js';
export { loadTrigramModel } from './language.js';
export { POLICY_TEXT_LIMIT } from './text-limit.js';
export type { Triage } from './triage.js';
export { triage } from './triage.js';
