import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messengerDelivery } from '../../devkit/payloads.js';
import { signRequest, verifySignedRequest } from '../../shared/privacy/meta-data-deletion.js';
import { startTestSystem, TEST_SECRETS, type TestSystem } from '../helpers/system.js';

const PAGE_ID = '123456789';
const USER_ID = '7200000000000042';
let system: TestSystem;

beforeAll(async () => {
  system = await startTestSystem();
});
afterAll(async () => {
  await system.stop();
});

const payload = (userId = USER_ID) => ({
  algorithm: 'HMAC-SHA256',
  expires: Math.floor(Date.now() / 1000) + 3600,
  issued_at: Math.floor(Date.now() / 1000),
  user_id: userId,
});

const callback = (signedRequest: string) =>
  system.webhook.request('https://hooks.example/webhooks/meta/data-deletion', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ signed_request: signedRequest }).toString(),
  });

describe("Meta's data deletion callback", () => {
  it('erases what is stored under the id a validly signed request names, and answers url and code', async () => {
    await system.postMeta(
      JSON.stringify(
        messengerDelivery({
          platform: 'facebook',
          accountId: PAGE_ID,
          senderId: USER_ID,
          text: 'Hallo, wo ist mein Paket?',
        }),
      ),
    );
    await system.drainInbound();
    const response = await callback(signRequest(payload(), TEST_SECRETS.META_APP_SECRET));
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { url: string; confirmation_code: string };
    expect(answer.confirmation_code).toMatch(/^er[0-9a-f]{32}$/);
    expect(answer.url).toBe(`https://hooks.example/webhooks/meta/data-deletion/${answer.confirmation_code}`);

    const pending = await system.webhook.request(answer.url);
    expect(pending.status).toBe(200);
    expect(await pending.text()).toContain('in progress');
    await system.drainInbound();
    const done = await (await system.webhook.request(answer.url)).text();
    expect(done).toContain('Done on');
    expect(done).toContain('1 conversations');
    expect(done).not.toContain(USER_ID);
  });

  it('answers the same 400 for a forged, tampered or malformed request, and erases nothing', async () => {
    const forged = signRequest(payload(), 'not-the-app-secret');
    const [signature, body] = signRequest(payload(), TEST_SECRETS.META_APP_SECRET).split('.');
    const tampered = `${signature}.${Buffer.from(JSON.stringify(payload('1'))).toString('base64url')}`;
    const wrongAlgorithm = signRequest({ ...payload(), algorithm: 'none' }, TEST_SECRETS.META_APP_SECRET);
    const answers = [];
    const oversized = `${signature}.${'A'.repeat(20_000)}`;
    for (const request of [
      forged,
      tampered,
      wrongAlgorithm,
      `${signature}`,
      `${signature}.${body}.x`,
      '',
      oversized,
    ]) {
      const response = await callback(request);
      answers.push({ status: response.status, body: await response.text() });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(
      new Set([JSON.stringify({ status: 400, body: '{"error":"invalid signed_request"}' })]),
    );
    expect(verifySignedRequest(forged, TEST_SECRETS.META_APP_SECRET)).toBeUndefined();
  });

  it('shows an unknown code as such and escapes what it is given', async () => {
    const response = await system.webhook.request(
      '/webhooks/meta/data-deletion/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    );
    expect(response.status).toBe(404);
    const page = await response.text();
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'");
  });
});
