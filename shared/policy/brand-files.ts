import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Brand, BrandSchema } from './brand-schema.js';
import { BrandConfigError, VALIDATED_BRANDS_FORMAT, type ValidatedBrands } from './brands.js';
import { zoneTable } from './hours.js';

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

/** How far ahead the zone tables reach: a deployment older than this asks Intl again. */
const ZONE_TABLE_YEARS = 12;

/**
 * The brand files of a folder, validated, with their zones' offsets from the year before `now`
 * to ZONE_TABLE_YEARS after it: what the functions read at start instead of the files.
 */
export function validateBrandFolder(dir: string, now = new Date()): ValidatedBrands {
  const brands = loadBrands(dir);
  const year = now.getUTCFullYear();
  const from = Date.UTC(year - 1, 0, 1);
  const to = Date.UTC(year + ZONE_TABLE_YEARS, 0, 1);
  const zones = Object.fromEntries(
    [...new Set(brands.map((b) => b.timezone))].map((zone) => [zone, zoneTable(zone, from, to)]),
  );
  return { format: VALIDATED_BRANDS_FORMAT, brands, zones };
}

/** Validates a brands folder and writes what the functions read (throws on a bad brand file). */
export function writeValidatedBrands(dir: string, file: string, now = new Date()): ValidatedBrands {
  const validated = validateBrandFolder(dir, now);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(validated));
  return validated;
}
