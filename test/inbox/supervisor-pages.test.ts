import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentTestSystem, startAgentTestSystem, type TestAgent } from '../agents/agent-system.js';

/**
 * The inbox's supervisor pages without a browser: who may open them, what a bad form gets, and
 * that a user id typed into the form is shown as text. The browser tests walk through them.
 */
let system: AgentTestSystem;

beforeAll(async () => {
  system = await startAgentTestSystem();
}, 60_000);
afterAll(async () => {
  await system?.stop();
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  body: new URLSearchParams(fields).toString(),
});

describe('the inbox supervisor pages', () => {
  it('are linked and served only for a supervisor for every brand', async () => {
    const pages: Array<[string, RequestInit?]> = [
      ['/inbox/erasures'],
      ['/inbox/erasures/er00000000000000000000000000000000'],
      ['/inbox/erasures/confirm', form({ platform: 'facebook', userId: '7100' })],
      ['/inbox/erasures', form({ platform: 'facebook', userId: '7100' })],
      ['/inbox/dead-letters'],
      ['/inbox/dead-letters/inbound/redrive'],
      ['/inbox/dead-letters/inbound/redrive', { method: 'POST' }],
    ];
    for (const agent of ['alice', 'rita', 'paula', 'sam'] satisfies TestAgent[]) {
      expect(await (await system.inboxAs(agent, '/inbox')).text(), agent).not.toContain(
        'href="/inbox/dead-letters"',
      );
      for (const [path, init] of pages) {
        const response = await system.inboxAs(agent, path, init);
        expect(response.status, `${agent} ${init?.method ?? 'GET'} ${path}`).toBe(403);
        expect(await response.text()).toContain('This page is for supervisors responsible for every brand');
      }
    }
    const queue = await (await system.inboxAs('carol', '/inbox')).text();
    expect(queue).toContain('href="/inbox/erasures"');
    expect(queue).toContain('href="/inbox/dead-letters"');
  });

  it('refuses a form without a valid user id in plain words and keeps what was typed', async () => {
    const blank = await system.inboxAs(
      'carol',
      '/inbox/erasures/confirm',
      form({ platform: 'x', userId: '' }),
    );
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('give the platform user id');
    const spaces = await system.inboxAs(
      'carol',
      '/inbox/erasures',
      form({ platform: 'myspace', userId: 'Erika Mustermann' }),
    );
    expect(spaces.status).toBe(400);
    const page = await spaces.text();
    expect(page).toContain('Choose a platform and give the platform user id');
    expect(page).toContain('value="Erika Mustermann"');
  });

  it('shows a typed user id as text on the confirmation page', async () => {
    const userId = '"><script>alert(1)</script>';
    const response = await system.inboxAs(
      'carol',
      '/inbox/erasures/confirm',
      form({ platform: 'x', userId }),
    );
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('Erase this customer?');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('answers an unknown erasure or queue with not found, and speaks German', async () => {
    const unknown = await system.inboxAs('carol', '/inbox/erasures/er00000000000000000000000000000000');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('No such erasure.');
    expect((await system.inboxAs('carol', '/inbox/dead-letters/outbox/redrive')).status).toBe(404);
    expect(
      (await system.inboxAs('carol', '/inbox/dead-letters/outbox/redrive', { method: 'POST' })).status,
    ).toBe(400);
    const german = await system.inboxAs('carol', '/inbox/dead-letters', {
      headers: { 'accept-language': 'de-DE' },
    });
    const text = await german.text();
    expect(text).toContain('Eingang: Webhook-Ereignisse und Löschaufträge');
    expect(text).toContain('Person löschen');
  });
});
