/**
 * `npm run dev`: the whole system on this machine, on embedded emulators — no AWS account, no
 * Docker, no Java. DynamoDB (dynalite) on DYNAMO_PORT (8000), SQS (local-aws-sqs) on SQS_PORT
 * (9324), the webhook and agent HTTP server on PORT (3000), and a poller that feeds the inbound
 * queue to the same responder handler Lambda runs. `--data-dir DIR` keeps DynamoDB data on disk.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import { serve } from '@hono/node-server';
import { writeValidatedBrands } from '../../shared/policy/brand-files.js';
import { LOCAL_DEFAULTS } from './defaults.js';
import { startPoller } from './poller.js';
import { startLocalStack } from './stack.js';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    'dynamo-port': { type: 'string' },
    'sqs-port': { type: 'string' },
  },
});

if (existsSync('.env')) process.loadEnvFile('.env');
const usedDefaults: string[] = [];
for (const [name, value] of Object.entries(LOCAL_DEFAULTS)) {
  if (process.env[name]) continue;
  process.env[name] = value;
  usedDefaults.push(`${name}=${value}`);
}

const port = Number(args.port ?? process.env.PORT ?? 3000);
const stack = await startLocalStack({
  dynamoPort: Number(args['dynamo-port'] ?? process.env.DYNAMO_PORT ?? 8000),
  sqsPort: Number(args['sqs-port'] ?? process.env.SQS_PORT ?? 9324),
  dataDir: args['data-dir'],
  prefix: 'dev',
});
Object.assign(process.env, stack.env);

// The functions read the brand files as a deploy leaves them: validated, with their zones' offsets.
process.env.BRANDS_FILE = '.local/validated-brands.json';
writeValidatedBrands(process.env.BRANDS_DIR || 'brands', process.env.BRANDS_FILE);

// Imported only now: the entry points read their configuration from the environment at load.
const { app: webhookApp } = await import('../../functions/webhook.js');
const { handler: responder } = await import('../../functions/responder.js');
const { app: agentApp } = await import('../../functions/agent-api.js');

// One server, as behind the deployed HTTP API: /agent/* and /inbox/* to the agent API, the rest to the webhook app.
const server = serve({
  fetch: (request, env) =>
    /^\/(agent|inbox)(\/|$)/.test(new URL(request.url).pathname)
      ? agentApp.fetch(request, env)
      : webhookApp.fetch(request, env),
  port,
  hostname: '0.0.0.0',
});
const poller = startPoller({
  client: new SQSClient({}),
  queueUrl: stack.inboundQueueUrl,
  queueArn: 'arn:aws:sqs:local:000000000000:dev-inbound.fifo',
  functionName: 'responder',
  handler: responder,
  onError: (error) => console.error('responder poller:', error),
});

const base = `http://localhost:${port}`;
console.log(`
social-care-responder is running locally

  DynamoDB (dynalite)   ${stack.dynamoEndpoint}   table ${stack.tableName}${args['data-dir'] ? `  (data in ${args['data-dir']})` : '  (in memory)'}
  SQS (local-aws-sqs)   ${stack.sqsEndpoint}
    inbound queue       ${stack.inboundQueueUrl}
    inbound DLQ         ${stack.inboundDeadLetterQueueUrl}
    hand-off queue      ${stack.handoffQueueUrl}
    hand-off DLQ        ${stack.handoffDeadLetterQueueUrl}
  Webhooks              ${base}/webhooks/meta   ${base}/webhooks/x
  Agent API             ${base}/agent/conversations   (keys: AGENT_API_KEYS in .env; npm run agent -- --hash-key --agent NAME)
  Agent inbox           ${base}/inbox   (sign in with an agent API key)
  Responder             polling the inbound queue
${usedDefaults.length ? `\n  Local development values in use (set them in .env to change):\n    ${usedDefaults.join('\n    ')}\n` : ''}
  Try it: npm run simulate -- --text "Mein Paket ist seit einer Woche weg"
         npm run agent -- --agent NAME          (the agent console on this stack)
  Stop with Ctrl-C.
`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping...`);
  await poller.stop();
  await new Promise((resolve) => server.close(resolve));
  await stack.stop();
  console.log('stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
