import { readFileSync } from 'node:fs';
import type { Platform } from '../events.js';
import type { Brand, BrandAccount } from './brand.js';
import { useZoneTable, type ZoneTable } from './hours.js';

export class BrandConfigError extends Error {
  override name = 'BrandConfigError';
}

/** Bumped whenever what `writeValidatedBrands` writes changes shape. */
export const VALIDATED_BRANDS_FORMAT = 1;

/** The brand files as the deploy validated them (shared/policy/brand-files.ts), with their zones' offsets. */
export interface ValidatedBrands {
  format: typeof VALIDATED_BRANDS_FORMAT;
  brands: Brand[];
  zones: Record<string, ZoneTable>;
}

/**
 * The brands a function runs with: read from the file the deploy (or `npm run dev`) wrote after
 * validating every brand file, so a start neither builds the brand schema nor starts Intl.
 */
export function readValidatedBrands(file: string): Brand[] {
  let validated: ValidatedBrands;
  try {
    validated = JSON.parse(readFileSync(file, 'utf8')) as ValidatedBrands;
  } catch (error) {
    throw new BrandConfigError(`cannot read the validated brands ${file}: ${(error as Error).message}`);
  }
  if (validated.format !== VALIDATED_BRANDS_FORMAT || !Array.isArray(validated.brands)) {
    throw new BrandConfigError(`${file} was written by another version: deploy again`);
  }
  for (const [zone, table] of Object.entries(validated.zones)) useZoneTable(zone, table);
  return validated.brands;
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
