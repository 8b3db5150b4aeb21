import { describe, expect, it } from 'vitest';
import { bytesByInput } from '../../devkit/deployed-build.js';

const sum = (bytes: Record<string, number>, pattern: RegExp) =>
  Object.entries(bytes)
    .filter(([input]) => pattern.test(input))
    .reduce((total, [, n]) => total + n, 0);

describe("the webhook's own modules in a deployed bundle", () => {
  it('carry zod/mini only: full zod (its classic build) is left out', async () => {
    const bytes = await bytesByInput(`
      export { createWebhookApp } from './shared/webhook/app.ts';
      export { createWebhookLambdaHandler } from './shared/webhook/lambda.ts';
      export { createDeliveryReceivers } from './shared/webhook/receive.ts';
    `);
    expect(sum(bytes, /node_modules\/zod\/v4\/mini\//)).toBeGreaterThan(0);
    expect(sum(bytes, /shared\/events\.ts$/)).toBeGreaterThan(0);
    expect(sum(bytes, /node_modules\/zod\/v4\/classic\//)).toBe(0);
  });

  it('carry nothing of the agent inbox, whose pages only the agent API serves', async () => {
    const webhook = await bytesByInput(`export { handler } from './functions/webhook.ts';`);
    expect(sum(webhook, /shared\/agent-api\//)).toBe(0);
    const agentApi = await bytesByInput(`export { handler } from './functions/agent-api.ts';`);
    expect(sum(agentApi, /shared\/agent-api\/inbox\/app\.tsx$/)).toBeGreaterThan(0);
  });

  it('as deployed, with the configuration it builds at start: zod/mini only', async () => {
    const bytes = await bytesByInput(`export { handler } from './functions/webhook.ts';`);
    expect(sum(bytes, /shared\/config\.ts$/)).toBeGreaterThan(0);
    expect(sum(bytes, /node_modules\/zod\/v4\/classic\//)).toBe(0);
  });

  it('would carry full zod if they read the full-zod Platform schema (the check can fail)', async () => {
    const bytes = await bytesByInput(`
      export { createDeliveryReceivers } from './shared/webhook/receive.ts';
      export { PlatformSchema } from './shared/events.ts';
    `);
    expect(sum(bytes, /node_modules\/zod\/v4\/classic\//)).toBeGreaterThan(0);
  });
});

describe("the responder's deployed bundle", () => {
  it('carries the policy but neither the ReDoS checker nor the tooling that runs it', async () => {
    const bytes = await bytesByInput(`export { handler } from './functions/responder.ts';`);
    expect(sum(bytes, /shared\/policy\/triage\.ts$/)).toBeGreaterThan(0);
    expect(sum(bytes, /node_modules\/recheck/)).toBe(0);
    expect(sum(bytes, /^devkit\//)).toBe(0);
    expect(sum(bytes, /shared\/policy\/lint\.ts$/)).toBe(0);
  });
});
