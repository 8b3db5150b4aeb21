import { Resource } from 'sst/resource';
import * as z from 'zod/mini';
import { withoutTrailingSlashes } from './url.js';

/**
 * One validated configuration object. Deployed, values come from SST resources (linked secrets,
 * table, queues); locally and in tests, from environment variables (and `.env`, which the local
 * stack loads). A missing required value fails at start-up with a message that names it.
 * Written with `zod/mini`: the webhook builds it on every cold start, and full zod would add
 * ~90 KB to that bundle.
 */

/** Pinned in one place: every Graph API call goes to `${graphUrl}/${GRAPH_API_VERSION}/...`. */
export const GRAPH_API_VERSION = 'v26.0';

const optionalString = z.pipe(
  z.optional(z.string()),
  z.transform((v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim())),
);

/** `{"<page or IG account id>": "<token>"}` */
const TokenRecord = z.record(z.string(), z.string().check(z.minLength(1)));
const tokenMap = z.pipe(
  z.optional(z.string()),
  z.transform((raw: string | undefined, ctx) => {
    if (!raw?.trim()) return {} as Record<string, string>;
    try {
      return TokenRecord.parse(JSON.parse(raw));
    } catch {
      ctx.issues.push({
        code: 'custom',
        message: 'must be a JSON object {"<account id>": "<token>"}',
        input: raw,
      });
      return z.NEVER;
    }
  }),
);

export const EnvSchema = z.object({
  TABLE_NAME: optionalString,
  INBOUND_QUEUE_URL: z.optional(z.url()),
  HANDOFF_QUEUE_URL: z.optional(z.url()),

  META_APP_SECRET: z.string().check(z.minLength(1)),
  /** Instagram apps using "Business Login for Instagram" sign with the Instagram app secret */
  META_INSTAGRAM_APP_SECRET: optionalString,
  META_VERIFY_TOKEN: z.string().check(z.minLength(1)),
  /** our app id: tells the bot's own Messenger echoes from a person answering in the Page Inbox */
  META_APP_ID: optionalString,
  /** one token for a single page (used for every account without its own entry) */
  META_PAGE_ACCESS_TOKEN: optionalString,
  META_PAGE_ACCESS_TOKENS: tokenMap,
  META_GRAPH_URL: z._default(z.url(), 'https://graph.facebook.com'),

  X_CONSUMER_KEY: optionalString,
  X_CONSUMER_SECRET: optionalString,
  X_ACCESS_TOKEN: optionalString,
  X_ACCESS_TOKEN_SECRET: optionalString,
  X_OAUTH2_USER_TOKEN: optionalString,
  /** our X app id: tells DMs this system sent from ones a person sent in the X app */
  X_APP_ID: optionalString,
  X_API_URL: z._default(z.url(), 'https://api.x.com'),

  /** how long a platform call may take before it counts as failed (and maybe done) */
  PLATFORM_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.positive()), 10_000),

  BRANDS_DIR: z._default(z.string(), 'brands'),
  DEFAULT_BRAND: optionalString,
  AGENT_API_KEYS: optionalString,
});
export type EnvInput = z.input<typeof EnvSchema>;

/** Which parts a process needs: each Lambda is linked only to its own resources. */
export type Role = 'webhook' | 'responder' | 'agent' | 'all';

const REQUIRED_BY_ROLE: Record<
  Role,
  ReadonlyArray<'TABLE_NAME' | 'INBOUND_QUEUE_URL' | 'HANDOFF_QUEUE_URL'>
> = {
  webhook: ['INBOUND_QUEUE_URL'],
  responder: ['TABLE_NAME', 'HANDOFF_QUEUE_URL'],
  agent: ['TABLE_NAME', 'HANDOFF_QUEUE_URL'],
  all: ['TABLE_NAME', 'INBOUND_QUEUE_URL', 'HANDOFF_QUEUE_URL'],
};

export interface Config {
  /** empty only for roles that do not use it (see `Role`) */
  tableName: string;
  inboundQueueUrl: string;
  handoffQueueUrl: string;
  meta: {
    appSecret: string;
    instagramAppSecret?: string;
    verifyToken: string;
    appId?: string;
    graphUrl: string;
    /** token for an account id, or undefined: then replies are recorded as dry runs */
    pageToken(accountId: string): string | undefined;
  };
  x: {
    consumerKey?: string;
    consumerSecret?: string;
    accessToken?: string;
    accessTokenSecret?: string;
    oauth2UserToken?: string;
    appId?: string;
    apiUrl: string;
  };
  /** per platform call, ms */
  platformTimeoutMs: number;
  brandsDir: string;
  defaultBrand?: string;
  agentApiKeys?: string;
}

/** Names of the SST resources each env value comes from when deployed (see infra/). */
const SST_LINKS: Partial<Record<keyof EnvInput, readonly [resource: string, property: string]>> = {
  TABLE_NAME: ['Conversations', 'name'],
  INBOUND_QUEUE_URL: ['InboundQueue', 'url'],
  HANDOFF_QUEUE_URL: ['HandoffQueue', 'url'],
  META_APP_SECRET: ['MetaAppSecret', 'value'],
  META_INSTAGRAM_APP_SECRET: ['MetaInstagramAppSecret', 'value'],
  META_VERIFY_TOKEN: ['MetaVerifyToken', 'value'],
  META_PAGE_ACCESS_TOKEN: ['MetaPageAccessToken', 'value'],
  META_PAGE_ACCESS_TOKENS: ['MetaPageAccessTokens', 'value'],
  X_CONSUMER_KEY: ['XConsumerKey', 'value'],
  X_CONSUMER_SECRET: ['XConsumerSecret', 'value'],
  X_ACCESS_TOKEN: ['XAccessToken', 'value'],
  X_ACCESS_TOKEN_SECRET: ['XAccessTokenSecret', 'value'],
  X_OAUTH2_USER_TOKEN: ['XOAuth2UserToken', 'value'],
  AGENT_API_KEYS: ['AgentApiKeys', 'value'],
};

/** Secret values from SST are placeholders until set with `sst secret set`; treat those as unset. */
const UNSET_SECRET = 'unset';

/** The linked SST resources this function sees (none outside a deployed stage). */
export function envFromSstResources(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const values: Record<string, string | undefined> = {};
  if (!env.SST_RESOURCE_App && !env.SST_KEY_FILE) return values;
  const resources = Resource as unknown as Record<string, Record<string, unknown>>;
  for (const [key, link] of Object.entries(SST_LINKS)) {
    if (!link || !(link[0] in resources)) continue;
    const value = resources[link[0]]?.[link[1]];
    if (typeof value === 'string' && value !== UNSET_SECRET) values[key] = value;
  }
  return values;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function buildConfig(role: Role, env: NodeJS.ProcessEnv = process.env): Config {
  const merged = { ...env, ...envFromSstResources(env) };
  const parsed = EnvSchema.safeParse(merged);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  for (const name of REQUIRED_BY_ROLE[role]) {
    if (!merged[name]?.trim()) problems.push(`${name}: required`);
  }
  if (!parsed.success || problems.length > 0) {
    // Only names and zod's messages: values (secrets) never reach the message.
    throw new ConfigError(`invalid configuration: ${[...new Set(problems)].join('; ')}`);
  }
  const e = parsed.data;
  const tokens = e.META_PAGE_ACCESS_TOKENS;
  return {
    tableName: e.TABLE_NAME ?? '',
    inboundQueueUrl: e.INBOUND_QUEUE_URL ?? '',
    handoffQueueUrl: e.HANDOFF_QUEUE_URL ?? '',
    meta: {
      appSecret: e.META_APP_SECRET,
      instagramAppSecret: e.META_INSTAGRAM_APP_SECRET,
      verifyToken: e.META_VERIFY_TOKEN,
      appId: e.META_APP_ID,
      graphUrl: withoutTrailingSlashes(e.META_GRAPH_URL),
      pageToken: (accountId) => tokens[accountId] ?? e.META_PAGE_ACCESS_TOKEN,
    },
    x: {
      consumerKey: e.X_CONSUMER_KEY,
      consumerSecret: e.X_CONSUMER_SECRET,
      accessToken: e.X_ACCESS_TOKEN,
      accessTokenSecret: e.X_ACCESS_TOKEN_SECRET,
      oauth2UserToken: e.X_OAUTH2_USER_TOKEN,
      appId: e.X_APP_ID,
      apiUrl: withoutTrailingSlashes(e.X_API_URL),
    },
    platformTimeoutMs: e.PLATFORM_TIMEOUT_MS,
    brandsDir: e.BRANDS_DIR,
    defaultBrand: e.DEFAULT_BRAND,
    agentApiKeys: e.AGENT_API_KEYS,
  };
}
