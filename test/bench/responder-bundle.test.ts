import { describe, expect, it } from 'vitest';
import { bytesByInput } from '../../devkit/deployed-build.js';

const sum = (bytes: Record<string, number>, pattern: RegExp) =>
  Object.entries(bytes)
    .filter(([input]) => pattern.test(input))
    .reduce((total, [, n]) => total + n, 0);

const RESPONDER = `export { handler } from './functions/responder.ts';`;
const FRANC = /node_modules\/franc-min\//;
const FULL_ZOD = /node_modules\/zod\/v4\/classic\//;
const SQS_CLIENT = /node_modules\/@aws-sdk\/client-sqs\//;
const POWERTOOLS_LOGGER = /node_modules\/@aws-lambda-powertools\/logger\//;
const HANDOFF_SCHEMA = /shared\/handoff\/schema\.ts$/;
const BRAND_SCHEMA = /shared\/policy\/brand-schema\.ts$/;

describe("the responder's cold start", () => {
  it('carries zod/mini only: the inbound event leaves full zod out', async () => {
    const bytes = await bytesByInput(RESPONDER);
    expect(sum(bytes, /shared\/events\.ts$/)).toBeGreaterThan(0);
    expect(sum(bytes, /node_modules\/zod\/v4\/mini\//)).toBeGreaterThan(0);
    expect(sum(bytes, FULL_ZOD)).toBe(0);
  });

  it('reads the brands the deploy validated: the brand schema is in none of its chunks', async () => {
    const bytes = await bytesByInput(RESPONDER);
    expect(sum(bytes, /shared\/policy\/brand\.ts$/)).toBeGreaterThan(0);
    expect(sum(bytes, BRAND_SCHEMA)).toBe(0);
  });

  it('would carry the brand schema if it validated brand files itself (the check can fail)', async () => {
    const bytes = await bytesByInput(
      `${RESPONDER}\nexport { loadBrands } from './shared/policy/brand-files.ts';`,
    );
    expect(sum(bytes, BRAND_SCHEMA)).toBeGreaterThan(0);
  });

  it('imports the trigram model on demand: with splitting it is in no chunk a cold start loads', async () => {
    const everything = await bytesByInput(RESPONDER);
    const atStart = await bytesByInput(RESPONDER, { splitting: true });
    expect(sum(everything, FRANC)).toBeGreaterThan(0);
    expect(sum(atStart, /shared\/policy\/language\.ts$/)).toBeGreaterThan(0);
    expect(sum(atStart, FRANC)).toBe(0);
  });

  it('would load it at start if the policy imported it statically (the check can fail)', async () => {
    const atStart = await bytesByInput(`${RESPONDER}\nexport { francAll } from 'franc-min';`, {
      splitting: true,
    });
    expect(sum(atStart, FRANC)).toBeGreaterThan(0);
  });

  it('would carry full zod if it read a full-zod schema (the check can fail)', async () => {
    const bytes = await bytesByInput(`${RESPONDER}\nexport { PlatformSchema } from './shared/events.ts';`);
    expect(sum(bytes, FULL_ZOD)).toBeGreaterThan(0);
  });

  it('loads the SQS client with the first hand-off or delayed retry, not at start; logs without Powertools Logger', async () => {
    const everything = await bytesByInput(RESPONDER);
    const atStart = await bytesByInput(RESPONDER, { splitting: true });
    expect(sum(everything, SQS_CLIENT)).toBeGreaterThan(0);
    expect(sum(atStart, SQS_CLIENT)).toBe(0);
    expect(sum(everything, POWERTOOLS_LOGGER)).toBe(0);
  });

  it('would load the SQS client at start if the responder imported it statically (the check can fail)', async () => {
    const atStart = await bytesByInput(`${RESPONDER}\nexport { sqs } from './shared/aws/sqs.ts';`, {
      splitting: true,
    });
    expect(sum(atStart, SQS_CLIENT)).toBeGreaterThan(0);
  });

  it('builds hand-offs without the hand-off schema: it is in no chunk, not even one loaded on demand', async () => {
    const everything = await bytesByInput(RESPONDER);
    expect(sum(everything, /shared\/handoff\/publisher\.ts$/)).toBeGreaterThan(0);
    expect(sum(everything, HANDOFF_SCHEMA)).toBe(0);
  });

  it('would carry the hand-off schema if it read it (the check can fail)', async () => {
    const everything = await bytesByInput(
      `${RESPONDER}\nexport { HandoffMessageSchema } from './shared/handoff/schema.ts';`,
    );
    expect(sum(everything, HANDOFF_SCHEMA)).toBeGreaterThan(0);
  });
});
