import { createHmac } from 'node:crypto';

/**
 * The answer to X's challenge-response check (`GET <webhook>?crc_token=...`), returned as JSON
 * with status 200. X sends it at registration and again at any time; a wrong answer disables the
 * webhook. Pure computation on purpose: this path must stay fast on a cold start.
 */
export function answerCrc(crcToken: string, consumerSecret: string): { response_token: string } {
  const digest = createHmac('sha256', consumerSecret).update(crcToken, 'utf8').digest('base64');
  return { response_token: `sha256=${digest}` };
}
