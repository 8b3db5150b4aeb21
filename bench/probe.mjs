/**
 * Runs in a fresh `node` process (no tsx, no loader hooks), the way Lambda starts a function:
 * imports one bundle, then optionally hands its `handler` a list of events, and prints one JSON
 * line with the timings. `node bench/probe.mjs <bundle.mjs>`; events come as JSON in
 * PROBE_EVENTS. A bundle built with the SDK marker (see cold-start.ts) counts how many AWS SDK
 * modules have been evaluated in `globalThis.__benchSdkModules`.
 */
import { pathToFileURL } from 'node:url';

const started = performance.now();
const bundle = await import(pathToFileURL(process.argv[2]).href);
const importMs = performance.now() - started;
const sdkModules = () => globalThis.__benchSdkModules ?? 0;
const afterImport = sdkModules();

const requests = [];
for (const event of JSON.parse(process.env.PROBE_EVENTS ?? '[]')) {
  const before = performance.now();
  const result = await bundle.handler(event, {
    functionName: 'probe',
    getRemainingTimeInMillis: () => 10_000,
  });
  requests.push({
    ms: performance.now() - before,
    statusCode: result?.statusCode,
    body: typeof result?.body === 'string' ? result.body.slice(0, 200) : undefined,
    sdkModulesEvaluated: sdkModules(),
  });
}
process.stdout.write(`${JSON.stringify({ importMs, sdkModulesAfterImport: afterImport, requests })}\n`);
// The SDK keeps sockets open; a Lambda is frozen here, the probe just ends.
process.exit(0);
