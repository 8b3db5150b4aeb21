import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Runs the real sst.config.ts and infra/ modules with the real SST components (from the generated
 * `.sst/platform`, written by `npm run sst:types`) against Pulumi's in-process mocks: every AWS
 * resource the components register is recorded with its inputs instead of being created.
 *
 * The SST CLI normally hosts an RPC server that bundles functions and knows the bootstrap bucket;
 * a small stand-in answers those two calls and records what each function was asked to bundle.
 *
 * The `.sst` modules are imported through computed paths: their TypeScript sources do not pass this
 * repository's strict compiler options, so they must stay out of the root type-check. The few
 * shapes used here are declared below.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const PLATFORM = join(ROOT, '.sst/platform');

export const APP_NAME = 'social-care-responder';
export const STAGE = 'test';
const REGION = 'us-east-1';
const ACCOUNT = '123456789012';

/** One AWS (or SST component) resource as registered with the mocked Pulumi engine. */
export interface RegisteredResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

/** What a function asked the SST CLI to bundle (`Runtime.Build`). */
export interface FunctionBuild {
  functionID: string;
  handler: string;
  runtime: string;
  links: Record<string, Record<string, unknown>>;
  copyFiles: { from: string; to: string; isDir: boolean }[];
  properties: { architecture?: string; minify?: boolean; format?: string; splitting?: boolean };
}

interface OutputLike<T> {
  apply<U>(fn: (value: T) => U): OutputLike<U>;
}

interface MockArgs {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  token: string;
}

interface PulumiModule {
  runtime: {
    setMocks(
      mocks: {
        newResource(args: MockArgs): { id: string; state: Record<string, unknown> };
        call(args: MockArgs): Record<string, unknown>;
      },
      project: string,
      stack: string,
      preview: boolean,
    ): Promise<void>;
  };
  interpolate: unknown;
  output: unknown;
  all: unknown;
  concat: unknown;
  jsonStringify: unknown;
  jsonParse: unknown;
}

interface SstConfig {
  app(input: { stage: string }): Promise<{ name: string; home: string; removal: string; protect: boolean }>;
  run(): Promise<Record<string, OutputLike<unknown>>>;
}

export interface MockStack {
  /** the repository root, as SST's CLI sees it */
  root: string;
  resources: RegisteredResource[];
  builds: FunctionBuild[];
  config: SstConfig;
  /** The values sst.config.ts's run() returned, resolved. */
  outputs: Record<string, unknown>;
  close(): Promise<void>;
}

function resolveOutput<T>(value: OutputLike<T>): Promise<T> {
  return new Promise((done) => {
    value.apply((v) => {
      done(v);
      return v;
    });
  });
}

function arnFor(type: string, name: string): string {
  const service = type.split(':')[1]?.split('/')[0] ?? 'unknown';
  if (service === 'lambda') return `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
  return `arn:aws:${service}:${REGION}:${ACCOUNT}:${name}`;
}

/** Output properties the components read back from the resources they create. */
function mockState(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  const physical = typeof inputs.name === 'string' ? inputs.name : name;
  const state: Record<string, unknown> = { ...inputs, arn: arnFor(type, physical), name: physical };
  if (type === 'aws:sqs/queue:Queue') {
    state.url = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${physical}`;
  }
  if (type === 'aws:apigatewayv2/api:Api') {
    state.apiEndpoint = `https://${name.toLowerCase()}.execute-api.${REGION}.amazonaws.com`;
    state.executionArn = `arn:aws:execute-api:${REGION}:${ACCOUNT}:${name}`;
  }
  if (type === 'aws:lambda/functionUrl:FunctionUrl') {
    state.functionUrl = `https://${name.toLowerCase()}.lambda-url.${REGION}.on.aws/`;
  }
  if (type === 'aws:lambda/function:Function') {
    state.invokeArn = `arn:aws:apigateway:${REGION}:lambda:path/functions/${state.arn}/invocations`;
    state.qualifiedArn = state.arn;
  }
  return state;
}

function mockCall(token: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (token) {
    case 'aws:index/getRegion:getRegion':
      return { name: REGION, region: REGION, id: REGION };
    case 'aws:index/getPartition:getPartition':
      return { partition: 'aws', dnsSuffix: 'amazonaws.com', id: 'aws' };
    case 'aws:index/getCallerIdentity:getCallerIdentity':
      return { accountId: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:user/test`, userId: 'test', id: ACCOUNT };
    case 'aws:iam/getPolicyDocument:getPolicyDocument':
      return {
        ...inputs,
        json: JSON.stringify({ Version: '2012-10-17', Statement: inputs.statements ?? [] }),
      };
    default:
      return inputs;
  }
}

/** The stand-in for the SST CLI's RPC server (JSON-RPC 1.0 over HTTP POST /rpc). */
async function startCliRpc(workDir: string, builds: FunctionBuild[]): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', async () => {
      const { method, params } = JSON.parse(body) as { method: string; params: [Record<string, unknown>] };
      const reply = (payload: { result?: unknown; error?: string }) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      if (method === 'Provider.Aws.Bootstrap') {
        reply({
          result: { asset: 'sst-asset-bucket', assetEcrRegistryId: ACCOUNT, assetEcrUrl: 'ecr', state: 's' },
        });
        return;
      }
      if (method === 'Runtime.Build') {
        const build = params[0] as unknown as FunctionBuild;
        builds.push(build);
        const out = join(workDir, 'builds', build.functionID);
        await mkdir(out, { recursive: true });
        await writeFile(join(out, 'placeholder.mjs'), 'export const handler = () => {};\n');
        reply({ result: { handler: build.handler, out, errors: [], sourcemaps: [] } });
        return;
      }
      reply({ error: `rpc: can't find method ${method}` });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return server;
}

/**
 * Evaluates sst.config.ts's run() once per process (Pulumi's mock engine and SST's globals are
 * process-wide). `secrets` are the values `sst secret set` would have stored, by secret name.
 */
export async function runMockStack(
  secrets: Record<string, string>,
  { stage = STAGE }: { stage?: string } = {},
): Promise<MockStack> {
  if (!existsSync(join(PLATFORM, 'src/components/index.ts'))) {
    throw new Error('.sst/platform is missing: run `npm run sst:types` first (CI does, before the tests)');
  }
  const workDir = await mkdtemp(join(tmpdir(), 'sst-mock-'));
  const resources: RegisteredResource[] = [];
  const builds: FunctionBuild[] = [];
  const rpc = await startCliRpc(workDir, builds);
  process.env.SST_SERVER = `http://127.0.0.1:${(rpc.address() as AddressInfo).port}`;
  for (const [name, value] of Object.entries(secrets)) process.env[`SST_SECRET_${name}`] = value;

  const pulumi = (await import(join(PLATFORM, 'node_modules/@pulumi/pulumi/index.js'))) as PulumiModule;
  await pulumi.runtime.setMocks(
    {
      newResource: ({ type, name, inputs }) => {
        resources.push({ type, name, inputs });
        return { id: `${name}-id`, state: mockState(type, name, inputs) };
      },
      call: ({ token, inputs }) => mockCall(token, inputs),
    },
    APP_NAME,
    stage,
    false,
  );

  // The globals SST's CLI defines before it evaluates sst.config.ts (some modules read them on load).
  Object.assign(globalThis, {
    $app: { name: APP_NAME, stage, removal: 'remove', protect: false, providers: {} },
    $cli: { command: 'deploy', paths: { root: ROOT, work: workDir, platform: PLATFORM } },
    $dev: false,
    $util: pulumi,
    $interpolate: pulumi.interpolate,
    $output: pulumi.output,
    $resolve: pulumi.all,
    $concat: pulumi.concat,
    $jsonStringify: pulumi.jsonStringify,
    $jsonParse: pulumi.jsonParse,
  });
  const { $config } = (await import(join(PLATFORM, 'src/config.ts'))) as { $config: unknown };
  const sst: unknown = await import(join(PLATFORM, 'src/components/index.ts'));
  // `aws` is the Pulumi AWS provider's module, a global in SST's CLI as well.
  const aws: unknown = await import(join(PLATFORM, 'node_modules/@pulumi/aws/index.js'));
  Object.assign(globalThis, { sst, $config, aws });

  const config = ((await import(join(ROOT, 'sst.config.ts'))) as { default: SstConfig }).default;
  // As SST's CLI does: the app's settings for the stage, then run().
  const app = await config.app({ stage });
  Object.assign(globalThis, { $app: { ...app, stage, providers: {} } });
  const returned = await config.run();
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(returned)) outputs[key] = await resolveOutput(value);
  // Some resources are registered inside `apply` callbacks: wait until the engine is idle.
  const settings = (await import(join(PLATFORM, 'node_modules/@pulumi/pulumi/runtime/settings.js'))) as {
    waitForRPCs(): Promise<void>;
  };
  await settings.waitForRPCs();

  return {
    root: ROOT,
    resources,
    builds,
    config,
    outputs,
    close: async () => {
      await new Promise<void>((done) => rpc.close(() => done()));
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
