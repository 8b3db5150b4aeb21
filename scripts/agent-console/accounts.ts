import type { ConversationStore } from '../../shared/conversations/store.js';
import type { Platform } from '../../shared/events.js';
import type { Brand } from '../../shared/policy/brand.js';

/** One account of a brand file, and why it needs attention if it was flagged. */
export interface AccountStatus {
  brand: string;
  platform: Platform;
  accountId: string;
  username: string;
  /** set by a reply that failed on the token or access, or by the daily token check */
  needsAttention?: string;
  flaggedAt?: string;
}

/** Every account the brand files list, with its flag from the table. */
export async function accountStatuses(
  store: Pick<ConversationStore, 'accountState'>,
  brands: readonly Brand[],
): Promise<AccountStatus[]> {
  const listed = brands.flatMap((brand) =>
    (['facebook', 'instagram', 'x'] as const).flatMap((platform) =>
      brand.accounts[platform].map((account) => ({ brand: brand.id, platform, account })),
    ),
  );
  return Promise.all(
    listed.map(async ({ brand, platform, account }) => {
      const { needsAttention, flaggedAt } = await store.accountState(platform, account.id);
      return {
        brand,
        platform,
        accountId: account.id,
        username: account.username,
        ...(needsAttention ? { needsAttention, flaggedAt } : {}),
      };
    }),
  );
}

/** Every account of the brand files with its state in the table. */
export async function loadAccountStatuses(table: string): Promise<AccountStatus[]> {
  const [{ dynamo }, { ConversationStore }, { loadBrands }] = await Promise.all([
    import('../../shared/aws/dynamo.js'),
    import('../../shared/conversations/store.js'),
    import('../../shared/policy/brand-files.js'),
  ]);
  return accountStatuses(
    new ConversationStore(dynamo(), table),
    loadBrands(process.env.BRANDS_DIR ?? 'brands'),
  );
}

export const describeAccount = (a: AccountStatus) =>
  `${a.platform.padEnd(9)} ${a.accountId} (${a.username}, ${a.brand}): ${a.needsAttention ? `NEEDS ATTENTION since ${a.flaggedAt}: ${a.needsAttention}` : 'ok'}`;
