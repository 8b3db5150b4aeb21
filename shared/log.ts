import { createHmac } from 'node:crypto';

/** The logging surface domain code needs; Powertools' Logger and the console both satisfy it. */
export interface Log {
  info(message: string, ...extra: Array<Record<string, unknown>>): void;
  warn(message: string, ...extra: Array<Record<string, unknown>>): void;
  error(message: string, ...extra: [Error] | Array<Record<string, unknown>>): void;
}

/**
 * A structured JSON logger for the webhook and the responder, which keep Powertools' Logger out
 * of their cold start (bench/RESULTS.md). One JSON line per entry, in the shape CloudWatch
 * Logs Insights reads like Powertools' lines (level, message, timestamp, service). Written straight
 * to stdout, as Powertools does in Lambda: `console.log` would cost more per line in
 * formatting, and in Lambda the runtime would wrap the line in a JSON record of its own.
 */
export function stdoutJsonLog(service: string, out: { write(line: string): unknown } = process.stdout): Log {
  const write =
    (level: string) =>
    (message: string, ...extra: Array<Record<string, unknown> | Error>) => {
      const fields: Record<string, unknown> = {};
      for (const item of extra) {
        if (item instanceof Error)
          fields.error = { name: item.name, message: item.message, stack: item.stack };
        else Object.assign(fields, item);
      }
      out.write(
        `${JSON.stringify({ level, message, timestamp: new Date().toISOString(), service, ...fields })}\n`,
      );
    };
  return { info: write('INFO'), warn: write('WARN'), error: write('ERROR') };
}

/** For local runs and tests only: a deployment sets its own key (docs/operations.md, "Logs"). */
export const DEVELOPMENT_LOG_HASH_KEY = 'local-log-hash-key';

/**
 * What a log line shows instead of an id that can name a person (a conversation id holds a
 * platform user id for DMs): 12 hex characters of an HMAC keyed per deployment, so lines about
 * one conversation correlate while the id cannot be recovered by hashing candidate ids without
 * the key.
 */
export function logRef(id: string, key = process.env.LOG_HASH_KEY || DEVELOPMENT_LOG_HASH_KEY): string {
  return createHmac('sha256', key).update(id).digest('hex').slice(0, 12);
}
