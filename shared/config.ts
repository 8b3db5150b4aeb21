import { Resource } from 'sst/resource';
import * as z from 'zod/mini';
import { type Retention, retentionFromEnv } from './conversations/retention.js';
import { withoutTrailingSlashes } from './url.js';
import { formatZodIssues } from './zod-issues.js';

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

/** One X account's user tokens; the app's consumer key and secret are shared by all accounts. */
const XAccountTokens = z.union([
  z.object({
    accessToken: z.string().check(z.minLength(1)),
    accessTokenSecret: z.string().check(z.minLength(1)),
  }),
  z.object({ oauth2UserToken: z.string().check(z.minLength(1)) }),
]);
export type XAccountTokens = z.infer<typeof XAccountTokens>;
const XAccountTokenRecord = z.record(z.string().check(z.regex(/^\d{1,20}$/)), XAccountTokens);
/** `{"<X account id>": {"accessToken": "…", "accessTokenSecret": "…"} | {"oauth2UserToken": "…"}}` */
const xAccountMap = z.pipe(
  z.optional(z.string()),
  z.transform((raw: string | undefined, ctx) => {
    if (!raw?.trim()) return {} as Record<string, XAccountTokens>;
    try {
      return XAccountTokenRecord.parse(JSON.parse(raw));
    } catch {
      ctx.issues.push({
        code: 'custom',
        message:
          'must be a JSON object {"<X account id>": {"accessToken", "accessTokenSecret"} or {"oauth2UserToken"}}',
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
  /** the dead-letter queues, for GET /agent/dead-letters and its redrive */
  INBOUND_DLQ_URL: z.optional(z.url()),
  HANDOFF_DLQ_URL: z.optional(z.url()),

  META_APP_SECRET: optionalString,
  /** Instagram apps using "Business Login for Instagram" sign with the Instagram app secret */
  META_INSTAGRAM_APP_SECRET: optionalString,
  META_VERIFY_TOKEN: optionalString,
  /** our app id: tells the bot's own Messenger echoes from a person answering in the Page Inbox */
  META_APP_ID: optionalString,
  /** one token for a single page (used for every account without its own entry) */
  META_PAGE_ACCESS_TOKEN: optionalString,
  META_PAGE_ACCESS_TOKENS: tokenMap,
  META_GRAPH_URL: z._default(z.url(), 'https://graph.facebook.com'),

  X_CONSUMER_KEY: optionalString,
  X_CONSUMER_SECRET: optionalString,
  /** the X account the single-account tokens below act as; they act for no other */
  X_ACCOUNT_ID: optionalString,
  X_ACCESS_TOKEN: optionalString,
  X_ACCESS_TOKEN_SECRET: optionalString,
  X_OAUTH2_USER_TOKEN: optionalString,
  X_ACCOUNT_CREDENTIALS: xAccountMap,
  /** our X app id: tells DMs this system sent from ones a person sent in the X app */
  X_APP_ID: optionalString,
  X_API_URL: z._default(z.url(), 'https://api.x.com'),

  /** how long a platform call may take before it counts as failed (and maybe done) */
  PLATFORM_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.positive()), 10_000),

  /** the brand files as the deploy (or `npm run dev`) validated them: shared/policy/brand-files.ts */
  BRANDS_FILE: z._default(z.string(), 'validated-brands.json'),
  DEFAULT_BRAND: optionalString,
  AGENT_API_KEYS: optionalString,
});
export type EnvInput = z.input<typeof EnvSchema>;

/** Which parts a process needs: each Lambda is given only its own resources and secrets. */
export type Role = 'webhook' | 'responder' | 'agent' | 'token-health' | 'open-cases' | 'all';

type RequiredValue =
  | 'TABLE_NAME'
  | 'INBOUND_QUEUE_URL'
  | 'HANDOFF_QUEUE_URL'
  | 'META_APP_SECRET'
  | 'META_VERIFY_TOKEN';

const REQUIRED_BY_ROLE: Record<Role, ReadonlyArray<RequiredValue>> = {
  webhook: ['INBOUND_QUEUE_URL', 'META_APP_SECRET', 'META_VERIFY_TOKEN'],
  responder: ['TABLE_NAME', 'HANDOFF_QUEUE_URL'],
  agent: ['TABLE_NAME', 'INBOUND_QUEUE_URL', 'HANDOFF_QUEUE_URL'],
  'token-health': ['TABLE_NAME'],
  'open-cases': ['TABLE_NAME'],
  all: ['TABLE_NAME', 'INBOUND_QUEUE_URL', 'HANDOFF_QUEUE_URL', 'META_APP_SECRET', 'META_VERIFY_TOKEN'],
};

/** Roles that act as the brand's accounts, so their single-account X tokens must name the account. */
const ACTS_AS_ACCOUNTS: ReadonlySet<Role> = new Set(['responder', 'agent', 'token-health', 'all']);

export interface Config {
  /** empty only for roles that do not use it (see `Role`) */
  tableName: string;
  inboundQueueUrl: string;
  handoffQueueUrl: string;
  /** empty where not given (only the agent API reads them) */
  deadLetterQueueUrls: { inbound: string; handoff: string };
  meta: {
    /** empty for roles that do not verify signatures */
    appSecret: string;
    instagramAppSecret?: string;
    verifyToken: string;
    appId?: string;
    graphUrl: string;
    /** token for an account id, or undefined: then replies are recorded as dry runs */
    pageToken(accountId: string): string | undefined;
    /** every configured token: the accounts of META_PAGE_ACCESS_TOKENS, and `default` for META_PAGE_ACCESS_TOKEN */
    pageTokens: { accounts: Record<string, string>; default?: string };
  };
  x: {
    consumerKey?: string;
    consumerSecret?: string;
    appId?: string;
    apiUrl: string;
    /** the user tokens of each X account we act as (X_ACCOUNT_CREDENTIALS, and X_ACCOUNT_ID's) */
    accounts: Record<string, XAccountTokens>;
  };
  /** per platform call, ms */
  platformTimeoutMs: number;
  brandsFile: string;
  defaultBrand?: string;
  agentApiKeys?: string;
  /** RETENTION_DAYS, EVENT_RETENTION_DAYS, BURST_RETENTION_DAYS: how long table items live (docs/privacy.md) */
  retention: Retention;
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
  META_APP_ID: ['MetaAppId', 'value'],
  X_ACCOUNT_ID: ['XAccountId', 'value'],
  X_ACCOUNT_CREDENTIALS: ['XAccountCredentials', 'value'],
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

/** What the role needs and the environment lacks, by name only: values (secrets) never reach messages. */
function missingForRole(role: Role, merged: Record<string, string | undefined>): string[] {
  const has = (name: string) => Boolean(merged[name]?.trim());
  const missing: string[] = REQUIRED_BY_ROLE[role]
    .filter((name) => !has(name))
    .map((name) => `${name}: required`);
  const singleAccountTokens = has('X_ACCESS_TOKEN') || has('X_OAUTH2_USER_TOKEN');
  if (ACTS_AS_ACCOUNTS.has(role) && singleAccountTokens && !has('X_ACCOUNT_ID')) {
    missing.push(
      'X_ACCOUNT_ID: required with X_ACCESS_TOKEN or X_OAUTH2_USER_TOKEN (the account they act as)',
    );
  }
  const pageTokens = has('META_PAGE_ACCESS_TOKEN') || has('META_PAGE_ACCESS_TOKENS');
  if (role === 'token-health' && pageTokens) {
    for (const name of ['META_APP_ID', 'META_APP_SECRET'] as const) {
      if (!has(name))
        missing.push(`${name}: required to check page tokens (debug_token needs the app token)`);
    }
  }
  return missing;
}

/** X_ACCOUNT_CREDENTIALS, plus the single account of X_ACCOUNT_ID when its tokens are set. */
function xAccounts(e: z.output<typeof EnvSchema>): Record<string, XAccountTokens> {
  const accounts = { ...e.X_ACCOUNT_CREDENTIALS };
  if (!e.X_ACCOUNT_ID || accounts[e.X_ACCOUNT_ID]) return accounts;
  if (e.X_ACCESS_TOKEN && e.X_ACCESS_TOKEN_SECRET) {
    accounts[e.X_ACCOUNT_ID] = { accessToken: e.X_ACCESS_TOKEN, accessTokenSecret: e.X_ACCESS_TOKEN_SECRET };
  } else if (e.X_OAUTH2_USER_TOKEN) {
    accounts[e.X_ACCOUNT_ID] = { oauth2UserToken: e.X_OAUTH2_USER_TOKEN };
  }
  return accounts;
}

export function buildConfig(role: Role, env: NodeJS.ProcessEnv = process.env): Config {
  const merged = { ...env, ...envFromSstResources(env) };
  const parsed = EnvSchema.safeParse(merged);
  const problems = parsed.success ? [] : formatZodIssues(parsed.error.issues);
  problems.push(...missingForRole(role, merged));
  const { retention, problems: retentionProblems } = retentionFromEnv(merged);
  problems.push(...retentionProblems);
  if (!parsed.success || problems.length > 0) {
    throw new ConfigError(`invalid configuration for the ${role} role: ${[...new Set(problems)].join('; ')}`);
  }
  const e = parsed.data;
  const tokens = e.META_PAGE_ACCESS_TOKENS;
  return {
    tableName: e.TABLE_NAME ?? '',
    inboundQueueUrl: e.INBOUND_QUEUE_URL ?? '',
    handoffQueueUrl: e.HANDOFF_QUEUE_URL ?? '',
    deadLetterQueueUrls: { inbound: e.INBOUND_DLQ_URL ?? '', handoff: e.HANDOFF_DLQ_URL ?? '' },
    meta: {
      appSecret: e.META_APP_SECRET ?? '',
      instagramAppSecret: e.META_INSTAGRAM_APP_SECRET,
      verifyToken: e.META_VERIFY_TOKEN ?? '',
      appId: e.META_APP_ID,
      graphUrl: withoutTrailingSlashes(e.META_GRAPH_URL),
      pageToken: (accountId) => tokens[accountId] ?? e.META_PAGE_ACCESS_TOKEN,
      pageTokens: { accounts: tokens, default: e.META_PAGE_ACCESS_TOKEN },
    },
    x: {
      consumerKey: e.X_CONSUMER_KEY,
      consumerSecret: e.X_CONSUMER_SECRET,
      appId: e.X_APP_ID,
      apiUrl: withoutTrailingSlashes(e.X_API_URL),
      accounts: xAccounts(e),
    },
    platformTimeoutMs: e.PLATFORM_TIMEOUT_MS,
    brandsFile: e.BRANDS_FILE,
    defaultBrand: e.DEFAULT_BRAND,
    agentApiKeys: e.AGENT_API_KEYS,
    retention,
  };
}
