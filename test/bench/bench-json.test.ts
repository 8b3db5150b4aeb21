import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** The fields other tools read from `npm run bench -- --json`. Values are not judged here: no timing asserts. */
const REQUIRED = [
  'webhook.p50Ms',
  'webhook.p99Ms',
  'webhook.floorP50Ms',
  'webhook.ratioP50',
  'coldStart.webhook.bundleBytes',
  'coldStart.webhook.importMs',
  'coldStart.webhook.sdkImportMs',
  'coldStart.webhook.ratio',
  'coldStart.responder.bundleBytes',
  'coldStart.responder.importMs',
  'coldStart.responder.sdkImportMs',
  'coldStart.responder.ratio',
  'pipeline.eventsPerSec',
  'pipeline.ackP50Ms',
  'pipeline.ackP99Ms',
  'pipeline.floorEventsPerSec',
  'pipeline.duplicateReplies',
  'triage.decisionsPerSec',
  'triage.microsPerChar',
  'triage.adversarial.worstMicrosPerChar',
  'triage.adversarial.worstMicrosPerCharBySize.1000',
  'triage.adversarial.worstMicrosPerCharBySize.10000',
];

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], value);
}

describe('npm run bench -- --json (quick sizes)', () => {
  it('prints one JSON object with every required figure, no duplicate reply, and SDK-free handshakes', async () => {
    const { stdout } = await run('node_modules/.bin/tsx', ['bench/run.ts', '--quick', '--json'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const results = JSON.parse(stdout) as unknown;
    for (const path of REQUIRED) {
      expect(typeof at(results, path), path).toBe('number');
      expect(Number.isFinite(at(results, path)), path).toBe(true);
    }
    expect(at(results, 'pipeline.duplicateReplies')).toBe(0);
    expect(at(results, 'pipeline.events')).toBe(12);
    expect(at(results, 'pipeline.acknowledged')).toBeGreaterThan(0);
    expect(at(results, 'coldStart.webhook.handshakeWithoutSdk')).toBe(true);
    expect(at(results, 'coldStart.webhook.crcWithoutSdk')).toBe(true);
    expect(at(results, 'coldStart.webhook.sdkModulesAfterDelivery')).toBeGreaterThan(0);
  }, 180_000);
});
