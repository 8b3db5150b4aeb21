import { createHmac, timingSafeEqual } from 'node:crypto';
import { html } from 'hono/html';
import type { ErasureRecord } from './erasures.js';

/**
 * Meta's data deletion request callback: a form POST with `signed_request`,
 * `<base64url HMAC-SHA256 signature>.<base64url JSON payload>`, signed with the app secret over
 * the payload as sent. Its `user_id` is the app-scoped id of the person (Facebook Login); the
 * answer is `{url, confirmation_code}`, the url a human-readable status page.
 * https://developers.facebook.com/docs/development/create-an-app/app-dashboard/data-deletion-callback
 */
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
const MAX_SIGNED_REQUEST = 4096;

/** The app-scoped user id of a valid signed request; undefined for anything else (no detail why). */
export function verifySignedRequest(signedRequest: unknown, appSecret: string): string | undefined {
  if (typeof signedRequest !== 'string' || !appSecret || signedRequest.length > MAX_SIGNED_REQUEST) {
    return undefined;
  }
  const parts = signedRequest.split('.');
  if (parts.length !== 2) return undefined;
  const [signature = '', payload = ''] = parts;
  if (!BASE64URL.test(signature) || !BASE64URL.test(payload)) return undefined;
  const expected = createHmac('sha256', appSecret).update(payload, 'utf8').digest();
  const presented = Buffer.from(signature, 'base64url');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
  let data: { algorithm?: unknown; user_id?: unknown };
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof data.algorithm !== 'string' || data.algorithm.toUpperCase() !== 'HMAC-SHA256') return undefined;
  const userId = typeof data.user_id === 'number' ? String(data.user_id) : data.user_id;
  return typeof userId === 'string' && /^\d{1,32}$/.test(userId) ? userId : undefined;
}

/** A signed request as Meta builds one (tests and `npm run simulate`). */
export function signRequest(payload: Record<string, unknown>, appSecret: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${createHmac('sha256', appSecret).update(body).digest('base64url')}.${body}`;
}

/** The status page behind the confirmation code; every value is escaped. */
export function statusPage(code: string, record: ErasureRecord | undefined) {
  const state = !record
    ? 'We have no deletion request with this confirmation code.'
    : record.status === 'done'
      ? `Done on ${record.completedAt ?? ''}: everything we stored under your Facebook app-scoped id was deleted (${record.counts?.messages ?? 0} messages, ${record.counts?.conversations ?? 0} conversations). Messages you sent to a Page are stored under the Page-scoped id instead: to have those deleted, write to the Page ("delete my data").`
      : `Received on ${record.requestedAt}; the deletion is in progress. Reload this page to see when it is done.`;
  return html`<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Data deletion request</title>
  </head>
  <body>
    <h1>Data deletion request</h1>
    <p>Confirmation code: <code>${code}</code></p>
    <p>${state}</p>
  </body>
</html>`;
}
