import { type Config, GRAPH_API_VERSION } from '../config.js';
import type { Platform } from '../events.js';
import type { Log } from '../log.js';
import { xCredentialsFromSettings } from '../platforms/x/api-client.js';
import { oauth1AuthorizationHeader, oauthNonce } from '../platforms/x/oauth1.js';
import type { Brand } from '../policy/brand.js';

/**
 * The daily token check: every configured Meta page token through Graph's debug_token (valid,
 * not expiring soon, granted what replies need) and every X account's credentials through
 * GET /2/users/me (valid, and acting as that very account). An account that fails is flagged
 * before a reply fails on it; the flag raises the AccountFlagged alarm and shows in the console.
 */

/** What replying needs: comments and private replies on Pages, comments and DMs on Instagram. */
export const META_REQUIRED_PERMISSIONS: Record<'facebook' | 'instagram', readonly string[]> = {
  facebook: ['pages_messaging', 'pages_manage_engagement', 'pages_read_engagement'],
  instagram: ['instagram_basic', 'instagram_manage_comments', 'instagram_manage_messages'],
};

/** A token expiring within this many days is flagged while there is time to renew it. */
export const EXPIRY_WARNING_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TokenFinding {
  platform: Platform;
  accountId: string;
  /** why the account needs attention; undefined when its token is healthy */
  problem?: string;
}

export interface TokenHealthDeps {
  config: Config;
  brands: readonly Brand[];
  flagAccount(platform: Platform, accountId: string, problem: string): Promise<void>;
  /** lifts an earlier flag; true when there was one */
  clearAccountFlag(platform: Platform, accountId: string): Promise<boolean>;
  log: Log;
  now(): Date;
  fetch?: typeof fetch;
}

interface DebugTokenData {
  is_valid?: boolean;
  expires_at?: number;
  data_access_expires_at?: number;
  scopes?: string[];
  error?: { message?: string };
}

/** Every Meta account with a token: its own from META_PAGE_ACCESS_TOKENS, or the single default. */
function metaAccounts(
  deps: TokenHealthDeps,
): { platform: 'facebook' | 'instagram'; accountId: string; token: string }[] {
  const { accounts, default: fallback } = deps.config.meta.pageTokens;
  const instagram = new Set(deps.brands.flatMap((b) => b.accounts.instagram.map((a) => a.id)));
  const listed = deps.brands.flatMap((b) =>
    [...b.accounts.facebook, ...b.accounts.instagram].map((a) => a.id),
  );
  const ids = new Set([...Object.keys(accounts), ...(fallback ? listed : [])]);
  return [...ids].flatMap((accountId) => {
    const token = accounts[accountId] ?? fallback;
    const platform = instagram.has(accountId) ? ('instagram' as const) : ('facebook' as const);
    return token ? [{ platform, accountId, token }] : [];
  });
}

/** What is wrong with a page token according to debug_token, or undefined. */
export function metaTokenProblem(
  data: DebugTokenData,
  platform: 'facebook' | 'instagram',
  now: Date,
): string | undefined {
  if (!data.is_valid) return `token invalid: ${data.error?.message ?? 'debug_token says it is not valid'}`;
  const soon = now.getTime() + EXPIRY_WARNING_DAYS * DAY_MS;
  for (const [field, what] of [
    ['expires_at', 'token expires'],
    ['data_access_expires_at', 'data access expires'],
  ] as const) {
    const at = data[field];
    // 0 means never
    if (at && at * 1000 < soon) return `${what} ${new Date(at * 1000).toISOString()}: renew it`;
  }
  const granted = new Set(data.scopes ?? []);
  const missing = META_REQUIRED_PERMISSIONS[platform].filter((p) => !granted.has(p));
  return missing.length ? `token lacks permissions: ${missing.join(', ')}` : undefined;
}

async function checkMetaToken(deps: TokenHealthDeps, token: string, platform: 'facebook' | 'instagram') {
  const { graphUrl, appId, appSecret } = deps.config.meta;
  const url = `${graphUrl}/${GRAPH_API_VERSION}/debug_token?input_token=${encodeURIComponent(token)}`;
  const response = await (deps.fetch ?? fetch)(url, {
    headers: { authorization: `Bearer ${appId}|${appSecret}` },
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as {
    data?: DebugTokenData;
    error?: { message?: string };
  };
  if (!response.ok || !body.data) {
    // The app token itself failed: nothing is known about the page token, so nothing is flagged.
    throw new Error(`debug_token answered ${response.status}: ${body.error?.message ?? 'no data'}`);
  }
  return metaTokenProblem(body.data, platform, deps.now());
}

async function checkXAccount(deps: TokenHealthDeps, accountId: string): Promise<string | undefined> {
  const { x } = deps.config;
  const tokens = x.accounts[accountId];
  const credentials = tokens && xCredentialsFromSettings({ ...x, ...tokens });
  if (!credentials)
    return 'credentials incomplete: X_CONSUMER_KEY and X_CONSUMER_SECRET are needed with access tokens';
  const url = `${x.apiUrl}/2/users/me`;
  const authorization =
    credentials.kind === 'oauth1'
      ? oauth1AuthorizationHeader(
          { method: 'GET', url, nonce: oauthNonce(), timestamp: Math.floor(deps.now().getTime() / 1000) },
          credentials,
        )
      : `Bearer ${credentials.userToken}`;
  const response = await (deps.fetch ?? fetch)(url, {
    headers: { authorization },
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status === 401 || response.status === 403) {
    return `token invalid: X answered ${response.status} (revoked or expired): re-authorise the account`;
  }
  if (!response.ok) throw new Error(`X /2/users/me answered ${response.status}`);
  const body = (await response.json()) as { data?: { id?: string } };
  return body.data?.id === accountId
    ? undefined
    : `credentials act as another account (${body.data?.id ?? 'unknown'})`;
}

/** Checks every configured token, flags the accounts that need attention and reports them all. */
export async function checkTokenHealth(deps: TokenHealthDeps): Promise<TokenFinding[]> {
  const checks: { platform: Platform; accountId: string; run: () => Promise<string | undefined> }[] = [
    ...metaAccounts(deps).map(({ platform, accountId, token }) => ({
      platform,
      accountId,
      run: () => checkMetaToken(deps, token, platform),
    })),
    ...Object.keys(deps.config.x.accounts).map((accountId) => ({
      platform: 'x' as const,
      accountId,
      run: () => checkXAccount(deps, accountId),
    })),
  ];
  const findings: TokenFinding[] = [];
  const unchecked: string[] = [];
  for (const { platform, accountId, run } of checks) {
    let problem: string | undefined;
    try {
      problem = await run();
    } catch (error) {
      // One unreachable check must not keep the others from running; the run fails at the end.
      unchecked.push(`${platform} ${accountId}: ${(error as Error).message}`);
      continue;
    }
    if (problem) {
      await deps.flagAccount(platform, accountId, problem);
      deps.log.warn('token health: account flagged', { platform, accountId, problem });
    } else if (await deps.clearAccountFlag(platform, accountId)) {
      deps.log.info('token health: account healthy again, flag lifted', { platform, accountId });
    }
    findings.push({ platform, accountId, ...(problem ? { problem } : {}) });
  }
  if (unchecked.length > 0) throw new Error(`token health: could not check ${unchecked.join('; ')}`);
  deps.log.info('token health: checked', {
    checked: findings.length,
    flagged: findings.filter((f) => f.problem).length,
  });
  return findings;
}
