/**
 * The largest message body our queues accept, in bytes: SQS's long-standing default (256 KiB),
 * set explicitly on the queues (infra/queues.ts, infra/local/stack.ts). SQS allows up to 1 MiB
 * today, but a consumer taking ten messages at once (a Lambda event source, a helpdesk bridge)
 * would then receive up to 10 MiB, above Lambda's 6 MB invocation payload.
 */
export const QUEUE_MAX_MESSAGE_BYTES = 262_144;

/**
 * Characters SQS refuses in a message body: it accepts only #x9 | #xA | #xD | #x20-#xD7FF |
 * #xE000-#xFFFD | #x10000-#x10FFFF. With the `u` flag a lone surrogate is one code point and
 * matches too.
 */
const OUTSIDE_SQS_CHARSET = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * The one serialiser for every queue body. JSON.stringify already escapes C0 controls and (since
 * ES2019) lone surrogates, but leaves U+FFFE and U+FFFF raw: one of them in a comment makes SQS
 * refuse the whole batch. Any such character can only sit inside a JSON string, so it is written
 * as a `\uXXXX` escape: the text reads back unchanged after JSON.parse.
 */
export function serialiseQueueBody(value: unknown): string {
  return JSON.stringify(value).replace(OUTSIDE_SQS_CHARSET, (char) => {
    const code = char.codePointAt(0) ?? 0;
    return `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** The size SQS counts for a body: its UTF-8 bytes. */
export function queueBodyBytes(body: string): number {
  return Buffer.byteLength(body, 'utf8');
}
