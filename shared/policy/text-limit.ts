/**
 * How much of a message the policy reads. A Facebook comment can be 8,000 characters and a post
 * more; the cue words, personal data and tone of a customer message are in its first few
 * paragraphs, and a bound keeps the time of one decision bounded whatever a customer pastes. The
 * stored message keeps the whole text: only the policy's reading stops here.
 */
export const POLICY_TEXT_LIMIT = 5_000;

/** The prefix of `text` the policy reads; it never ends on the first half of a surrogate pair. */
export function policyText(text: string): string {
  if (text.length <= POLICY_TEXT_LIMIT) return text;
  const last = text.charCodeAt(POLICY_TEXT_LIMIT - 1);
  const highSurrogate = last >= 0xd800 && last <= 0xdbff;
  return text.slice(0, highSurrogate ? POLICY_TEXT_LIMIT - 1 : POLICY_TEXT_LIMIT);
}
