import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../events.js';
import { type Brand, type BrandAccount, BrandSchema } from './brand.js';

export class BrandConfigError extends Error {
  override name = 'BrandConfigError';
}

/** Reads and validates every `*.json` brand file in a folder. */
export function loadBrands(dir: string): Brand[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch (error) {
    throw new BrandConfigError(`cannot read brands folder ${dir}: ${(error as Error).message}`);
  }
  if (files.length === 0) throw new BrandConfigError(`no brand files (*.json) in ${dir}`);
  return files.sort().map((file) => {
    const path = join(dir, file);
    const parsed = BrandSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new BrandConfigError(`${path}: ${problems}`);
    }
    return parsed.data;
  });
}

export interface BrandMatch {
  brand: Brand;
  account: BrandAccount;
}

/** Finds which brand an account belongs to. */
export class BrandDirectory {
  private readonly byAccount = new Map<string, BrandMatch>();
  private readonly fallback: Brand;

  constructor(
    readonly brands: Brand[],
    defaultBrandId?: string,
  ) {
    const fallback = defaultBrandId ? brands.find((b) => b.id === defaultBrandId) : brands[0];
    if (!fallback) throw new BrandConfigError(`default brand ${defaultBrandId} is not among the brand files`);
    this.fallback = fallback;
    for (const brand of brands) {
      for (const platform of ['facebook', 'instagram', 'x'] as const) {
        for (const account of brand.accounts[platform]) {
          this.byAccount.set(`${platform}:${account.id}`, { brand, account });
        }
      }
    }
  }

  /**
   * An account that no brand file lists is answered with the default brand's guidelines (a
   * single-page setup needs no brand file edits); its DM link then uses the account id.
   */
  forAccount(platform: Platform, accountId: string): BrandMatch {
    return (
      this.byAccount.get(`${platform}:${accountId}`) ?? {
        brand: this.fallback,
        account: { id: accountId, username: accountId },
      }
    );
  }
}
