import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { businessHoursOf } from '../../shared/policy/brand.js';
import { loadBrands, writeValidatedBrands } from '../../shared/policy/brand-files.js';
import { BrandConfigError, readValidatedBrands } from '../../shared/policy/brands.js';
import { isOpen } from '../../shared/policy/hours.js';
import { parcelExpress } from './helpers.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'brand-files-'));

describe('the brand files as the deploy validates them, and as the functions read them', () => {
  it('reads back exactly the brands the schema made, with a zone table per time zone', () => {
    const file = join(scratch(), 'validated-brands.json');
    const written = writeValidatedBrands('brands', file, new Date('2026-12-07T12:00:00Z'));
    expect(Object.keys(written.zones)).toEqual(['Europe/Berlin']);
    expect(written.zones['Europe/Berlin']).toMatchObject({
      from: Date.UTC(2025, 0, 1),
      to: Date.UTC(2038, 0, 1),
    });
    const brands = readValidatedBrands(file);
    expect(brands).toEqual(loadBrands('brands'));
    const [brand] = brands;
    if (!brand) throw new Error('no brand');
    expect(isOpen(businessHoursOf(brand), new Date('2026-07-07T06:30:00Z'))).toBe(true); // 08:30 CEST
  });

  it('stops the deploy at a bad brand file, and writes nothing', () => {
    const dir = scratch();
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({ ...parcelExpress, timezone: 'Europe/Atlantis' }),
    );
    const file = join(scratch(), 'validated-brands.json');
    expect(() => writeValidatedBrands(dir, file)).toThrow(/broken\.json: timezone: unknown time zone/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses to start without the file, or with one another version wrote', () => {
    const missing = join(scratch(), 'validated-brands.json');
    expect(() => readValidatedBrands(missing)).toThrow(BrandConfigError);
    expect(() => readValidatedBrands(missing)).toThrow(missing);
    const older = join(scratch(), 'validated-brands.json');
    writeFileSync(older, JSON.stringify({ format: 0, brands: [] }));
    expect(() => readValidatedBrands(older)).toThrow(/another version: deploy again/);
  });
});
