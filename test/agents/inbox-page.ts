import { expect } from 'vitest';
import type { AgentTestSystem } from './agent-system.js';

/** The case page of the inbox as agent alice sees it after signing in (English interface). */
export async function inboxCasePage(system: AgentTestSystem, conversationId: string): Promise<string> {
  const response = await system.inboxAs('alice', `/inbox/cases/${encodeURIComponent(conversationId)}`);
  expect(response.status).toBe(200);
  return response.text();
}
