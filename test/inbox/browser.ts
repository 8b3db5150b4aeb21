import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, chromium } from 'playwright-core';
import { type AgentTestSystem, startAgentTestSystem } from '../agents/agent-system.js';

/** Debian's Chromium (`apt-get install -y chromium`); .ci/run installs it when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Chromium for a closed network: nothing phones home, no GPU, and Playwright's fresh profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // the inbox listens on IPv4 only
      '--host-resolver-rules=MAP localhost 127.0.0.1',
    ],
  });
}

export interface InboxTestSystem extends AgentTestSystem {
  /** http://localhost:<port>: a secure context, so the Secure session cookie is kept */
  baseUrl: string;
}

/** The agent test system (real pipeline on the local stack, platforms recorded) with its inbox served over HTTP. */
export async function startInboxTestSystem(): Promise<InboxTestSystem> {
  const system = await startAgentTestSystem();
  const server = serve({ fetch: system.inbox.fetch, port: 0, hostname: '127.0.0.1' });
  if (!server.listening) await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const stopSystem = system.stop.bind(system);
  return Object.assign(system, {
    baseUrl: `http://localhost:${port}`,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await stopSystem();
    },
  });
}
