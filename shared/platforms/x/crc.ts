import { createHmac } from 'node:crypto';

/**
 * The longest crc_token we answer. X's tokens are short (a UUID, or the base64 of one: 36 to 48
 * characters); the bound leaves room for a change of format, not for a JSON document.
 */
export const CRC_TOKEN_MAX_LENGTH = 256;

/**
 * What a crc_token may be made of: the base64 alphabets (standard and URL-safe, with padding) and
 * the hyphen of a plain UUID, which covers every token X has been seen to send. The answer is
 * X's POST signature of the token, so anything that could be a webhook body (`{`, `"`, `:`,
 * whitespace) must never be signed: that would turn the check into a signing oracle.
 */
const CRC_TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9+/=_-]{1,${CRC_TOKEN_MAX_LENGTH}}$`);

/**
 * The crc_token of a request's query string, percent-decoded but with `+` kept as `+`: a base64
 * token sent without escaping must be signed as X generated it, not with spaces (form decoding).
 * Undefined when absent or not decodable.
 */
export function crcTokenFromUrl(url: string): string | undefined {
  const query = url.indexOf('?');
  if (query < 0) return undefined;
  for (const pair of url.slice(query + 1).split('&')) {
    if (!pair.startsWith('crc_token=')) continue;
    try {
      return decodeURIComponent(pair.slice('crc_token='.length));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The answer to X's challenge-response check (`GET <webhook>?crc_token=...`), returned as JSON
 * with status 200; undefined for a token not shaped like X's, which gets no signature at all.
 * X sends the check at registration and again at any time; a wrong answer disables the webhook.
 * Pure computation on purpose: this path must stay fast on a cold start.
 */
export function answerCrc(crcToken: string, consumerSecret: string): { response_token: string } | undefined {
  if (!CRC_TOKEN_PATTERN.test(crcToken)) return undefined;
  const digest = createHmac('sha256', consumerSecret).update(crcToken, 'utf8').digest('base64');
  return { response_token: `sha256=${digest}` };
}
