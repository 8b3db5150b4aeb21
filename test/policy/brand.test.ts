import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_BRANDS_DIR } from '../../devkit/offline-policy.js';
import { brandDmLink, crisisSettings, dmLink } from '../../shared/policy/brand.js';
import { loadBrands } from '../../shared/policy/brand-files.js';
import { BrandSchema } from '../../shared/policy/brand-schema.js';
import { BrandConfigError, BrandDirectory } from '../../shared/policy/brands.js';
import { lintBrand, lintBrandFolder } from '../../shared/policy/lint.js';
import { brandWith, parcelExpress } from './helpers.js';

// biome-ignore lint/suspicious/noExplicitAny: these tests break brand files on purpose, into any shape
type BrokenBrand = Record<string, any>;

function folderWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'brands-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('brand files', () => {
  it('the shipped ParcelExpress policy validates and lints clean', () => {
    const [brand] = loadBrands(REPOSITORY_BRANDS_DIR);
    expect(brand?.id).toBe('parcelexpress');
    expect(brand?.languages).toEqual(['de', 'en']);
    const { brands, problems } = lintBrandFolder(REPOSITORY_BRANDS_DIR);
    expect(brands).toContain('parcelexpress');
    expect(problems).toEqual([]);
  });

  it('keeps the accounts block and the DM links built from it', () => {
    const directory = new BrandDirectory([parcelExpress]);
    const match = directory.forAccount('facebook', '123456789');
    expect(match.brand.id).toBe('parcelexpress');
    expect(dmLink('facebook', match.account)).toBe('https://m.me/ParcelExpress');
    expect(
      brandDmLink(parcelExpress, 'instagram', parcelExpress.accounts.instagram[0] ?? match.account),
    ).toBe('https://ig.me/m/parcelexpress');
    const override = brandWith((b) => {
      b.dmLinks = { x: 'https://x.com/messages/compose?recipient_id=1' };
    });
    expect(brandDmLink(override, 'x', { id: '930524282358325248', username: 'ParcelExpress' })).toBe(
      'https://x.com/messages/compose?recipient_id=1',
    );
  });

  it('exposes the crisis window for the responder', () => {
    expect(crisisSettings(parcelExpress)).toEqual({ windowMs: 1_800_000, threshold: 5 });
  });

  it.each([
    [
      'a missing language in a situation',
      (b: BrokenBrand) => delete b.templates.praise.en,
      /templates\.praise\.en/,
    ],
    [
      'an unknown variable',
      (b: BrokenBrand) => {
        b.templates.praise.de = ['Danke {vorname}!'];
      },
      /unknown variable/,
    ],
    [
      'a broken regular expression',
      (b: BrokenBrand) => b.personalDataPatterns.push({ kind: 'order_number', pattern: '(ORD' }),
      /invalid regular expression/,
    ],
    [
      'a default language not in languages',
      (b: BrokenBrand) => {
        b.defaultLanguage = 'fr';
      },
      /not in languages/,
    ],
    [
      'an unknown time zone',
      (b: BrokenBrand) => {
        b.timezone = 'Europe/Atlantis';
      },
      /unknown time zone/,
    ],
    [
      'opening hours the wrong way round',
      (b: BrokenBrand) => {
        b.businessHours.mon = [{ from: '20:00', to: '08:00' }];
      },
      /before/,
    ],
  ])('rejects %s when the brand files are validated', (_, change, message) => {
    const input = structuredClone(parcelExpress) as BrokenBrand;
    change(input);
    const dir = folderWith({ 'broken.json': input });
    expect(() => loadBrands(dir)).toThrow(BrandConfigError);
    expect(() => loadBrands(dir)).toThrow(message);
    expect(BrandSchema.safeParse(input).success).toBe(false);
  });

  it('lint reports a missing DM link, a text too long for X and single variants', () => {
    const brand = brandWith((b) => {
      const templates = b.templates as Record<string, Record<string, string[]>>;
      (templates.move_to_dm as Record<string, string[]>).de = ['Schreib uns privat!', 'Bitte per DM.'];
      (templates.praise as Record<string, string[]>).en = [`Thanks {name}! ${'Really. '.repeat(40)}`];
    });
    const problems = lintBrand(brand, 'test.json');
    const messages = problems.map((p) => `${p.level} ${p.path}: ${p.message}`);
    expect(messages).toContain(
      'error templates.move_to_dm.de[0]: must contain {dmLink}: it asks the customer to continue in DM',
    );
    expect(
      messages.some(
        (m) => m.startsWith('error templates.praise.en[0]') && m.includes('on x (public), limit 280'),
      ),
    ).toBe(true);
    expect(messages).toContain(
      'warning templates.praise.en: only one variant: customers will see the same text',
    );
  });

  it('lint reports a personal-data pattern that catches prices or dates', () => {
    const brand = brandWith((b) => {
      b.personalDataPatterns?.push({ kind: 'order_number', pattern: '\\d{2}[.,]\\d{2}' });
    });
    const problems = lintBrand(brand, 'test.json').filter((p) => p.path === 'personalDataPatterns');
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.message).toMatch(/taken for order_number/);
  });

  it('lint reports files that are not valid JSON or fail the schema, and keeps going', () => {
    const dir = folderWith({ 'a.json': '{ not json', 'b.json': { id: 'b' }, 'c.json': parcelExpress });
    const { brands, problems } = lintBrandFolder(dir);
    expect(brands).toEqual(['parcelexpress']);
    expect(problems.filter((p) => p.file.endsWith('a.json'))[0]?.message).toMatch(/not JSON/);
    expect(problems.filter((p) => p.file.endsWith('b.json')).length).toBeGreaterThan(0);
  });
});
