import { describe, expect, it } from 'vitest';
import { cannedReplies, fillAgentTemplate, firstNameOf } from '../../shared/policy/agent-templates.js';
import { BrandSchema } from '../../shared/policy/brand-schema.js';
import { lintBrand } from '../../shared/policy/lint.js';
import { brandWith, parcelExpress } from './helpers.js';

const values = {
  firstName: 'Erika',
  name: 'Erika Mustermann',
  handle: '@erika',
  brand: 'ParcelExpress',
  dmLink: 'https://m.me/ParcelExpress',
  openingHours: 'Mo–Fr 8:00–20:00 Uhr',
  nextOpening: 'gleich',
};

describe("agents' canned replies (agentTemplates in the brand file)", () => {
  it("fill the customer's first name and the DM link, and never expand braces from a customer's name", () => {
    expect(fillAgentTemplate('Hallo {firstName}, schreib uns: {dmLink}', values)).toBe(
      'Hallo Erika, schreib uns: https://m.me/ParcelExpress',
    );
    expect(fillAgentTemplate('Hallo {firstName}!', { ...values, firstName: '{dmLink}' })).toBe(
      'Hallo {dmLink}!',
    );
    expect(fillAgentTemplate('Hallo {firstName}, danke!', { ...values, firstName: '' })).toBe(
      'Hallo, danke!',
    );
    expect(firstNameOf('  Erika  Mustermann ')).toBe('Erika');
    expect(firstNameOf(undefined)).toBe('');
  });

  it("are offered in the conversation's language, else the brand's default language", () => {
    const brand = brandWith((b) => {
      b.agentTemplates = { only_german: { de: 'Hallo {firstName}!' }, both: { de: 'Hallo!', en: 'Hello!' } };
    });
    expect(cannedReplies(brand, 'en', values)).toEqual([
      { id: 'only_german', text: 'Hallo Erika!' },
      { id: 'both', text: 'Hello!' },
    ]);
  });

  it('are refused by the schema with an unknown variable, and linted like the bot’s templates', () => {
    const unknown = BrandSchema.safeParse({
      ...parcelExpress,
      agentTemplates: { typo: { de: 'Hallo {vorname}', en: 'Hi {firstName}' } },
    });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.message).toContain('unknown variable {vorname}');

    const brand = brandWith((b) => {
      b.agentTemplates = {
        german_only: { de: 'Hallo {firstName}, wir sind für dich da.' },
        too_long: { de: `Hallo {firstName}, ${'sehr '.repeat(300)}lang.`, en: 'Hi {firstName}.' },
        leaks: { de: 'Deine Sendung PX123456789DE ist da.', en: 'Your parcel PX123456789DE arrived.' },
      };
    });
    const problems = lintBrand(brand, 'brand.json')
      .filter((p) => p.path.startsWith('agentTemplates'))
      .map((p) => `${p.level} ${p.path}: ${p.message}`);
    expect(problems).toContain('error agentTemplates.german_only.en: missing');
    expect(problems).toContain(
      'error agentTemplates.too_long.de: 1532 characters on instagram (private), limit 1000',
    );
    expect(problems).toContain(
      'warning agentTemplates.too_long.de: 1532 characters on x (public), limit 280',
    );
    expect(problems).toContain(
      'error agentTemplates.leaks.de: the rendered text looks like it contains personal data',
    );
  });

  it('the shipped brand has canned replies in every language it speaks', () => {
    expect(Object.keys(parcelExpress.agentTemplates).length).toBeGreaterThan(0);
    for (const texts of Object.values(parcelExpress.agentTemplates)) {
      expect(Object.keys(texts).sort()).toEqual([...parcelExpress.languages].sort());
    }
  });
});
