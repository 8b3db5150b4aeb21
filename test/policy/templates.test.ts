import { describe, expect, it } from 'vitest';
import {
  fillTemplate,
  renderTemplate,
  TemplateError,
  type TemplateValues,
  xLength,
} from '../../shared/policy/templates.js';
import { brandWith, parcelExpress } from './helpers.js';

const values: TemplateValues = {
  name: 'Jana',
  handle: '@jana',
  brand: 'ParcelExpress',
  dmLink: 'https://x.com/messages/compose?recipient_id=930524282358325248',
  openingHours: 'Mo–Fr 8:00–20:00 Uhr',
  nextOpening: 'morgen ab 8:00 Uhr',
};

describe('X length', () => {
  it('counts every URL as 23 characters, whatever its real length', () => {
    const long = `https://example.com/${'a'.repeat(200)}`;
    expect(xLength(`Hallo ${long}`)).toBe(6 + 23);
    expect(xLength('https://m.me/x and https://ig.me/m/y')).toBe(23 + 5 + 23);
  });
  it('counts emoji as two', () => {
    expect(xLength('Danke 😊')).toBe(6 + 2);
  });
});

describe('template filling', () => {
  it('fills known variables and tidies an empty name', () => {
    expect(fillTemplate('Hallo {name}, danke!', values)).toBe('Hallo Jana, danke!');
    expect(fillTemplate('Hallo {name}, danke!', { ...values, name: '' })).toBe('Hallo, danke!');
    expect(fillTemplate('Danke dir, {name}!', { ...values, name: '' })).toBe('Danke dir!');
    expect(fillTemplate('{name}, danke!', { ...values, name: '' })).toBe('Danke!');
  });
  it('fails loudly on an unknown variable', () => {
    expect(() => fillTemplate('Hallo {vorname}', values)).toThrow(TemplateError);
    expect(() => fillTemplate('Hallo {vorname}', values)).toThrow(/unknown variable \{vorname\}/);
  });
  it('refuses a brand file with an unknown variable at start-up', () => {
    expect(() =>
      brandWith((b) => {
        (b.templates.praise as Record<string, string[]>).de = ['Danke {kunde}!', 'Danke dir!'];
      }),
    ).toThrow(/unknown variable \{kunde\}/);
  });
});

describe('variant rotation', () => {
  const request = {
    brand: parcelExpress,
    situation: 'acknowledge' as const,
    language: 'de',
    platform: 'facebook' as const,
    placement: 'public' as const,
    values,
    seed: 'evt-42',
  };

  it('never picks a variant the account used recently while a fresh one exists', () => {
    const count = parcelExpress.templates.acknowledge?.de?.length ?? 0;
    expect(count).toBeGreaterThanOrEqual(3);
    const recent: string[] = [];
    for (let i = 0; i < count; i++) {
      const { templateId } = renderTemplate({ ...request, recentTemplateIds: recent });
      expect(recent).not.toContain(templateId);
      recent.push(templateId);
    }
    expect(new Set(recent).size).toBe(count);
  });

  it('falls back to the least recently used variant when all were used', () => {
    const ids = (parcelExpress.templates.acknowledge?.de ?? []).map((_, i) => `acknowledge.de.${i + 1}`);
    const recent = [ids[2], ids[0], ids[1], ids[3]].filter((x): x is string => x !== undefined);
    expect(renderTemplate({ ...request, recentTemplateIds: recent }).templateId).toBe(recent[0]);
  });

  it('gives the same text for the same input (replays are harmless)', () => {
    const a = renderTemplate({ ...request, recentTemplateIds: [] });
    const b = renderTemplate({ ...request, recentTemplateIds: [] });
    expect(a).toEqual(b);
  });
});

describe('platform length limits', () => {
  const longBrand = brandWith((b) => {
    (b.templates.praise as Record<string, string[]>).en = [
      `Thank you {name}! ${'So kind of you. '.repeat(20)}`,
      'Thanks a lot, {name}!',
    ];
  });

  it('skips a variant that is too long for X but fine on Facebook', () => {
    const base = {
      brand: longBrand,
      situation: 'praise' as const,
      language: 'en',
      placement: 'public' as const,
      values,
      recentTemplateIds: [],
    };
    // find a seed that prefers the long variant, then check X falls back to the short one
    const seed = ['a', 'b', 'c', 'd', 'e', 'f'].find(
      (s) => renderTemplate({ ...base, platform: 'facebook', seed: s }).templateId === 'praise.en.1',
    ) as string;
    expect(seed).toBeDefined();
    const onX = renderTemplate({ ...base, platform: 'x', seed });
    expect(onX.templateId).toBe('praise.en.2');
    expect(xLength(onX.text)).toBeLessThanOrEqual(280);
  });

  it('a URL-heavy text fits X because links count 23', () => {
    const linkBrand = brandWith((b) => {
      (b.templates.move_to_dm as Record<string, string[]>).en = [
        `${'x'.repeat(250)} {dmLink}`,
        `${'y'.repeat(250)} {dmLink}`,
      ];
    });
    const longLink = `https://x.com/messages/compose?recipient_id=930524282358325248&text=${'z'.repeat(100)}`;
    const r = renderTemplate({
      brand: linkBrand,
      situation: 'move_to_dm',
      language: 'en',
      platform: 'x',
      placement: 'public',
      values: { ...values, dmLink: longLink },
      recentTemplateIds: [],
      seed: 's',
    });
    expect(r.text.length).toBeGreaterThan(280);
    expect(xLength(r.text)).toBe(250 + 1 + 23);
  });

  it('throws when no variant fits', () => {
    const tooLong = brandWith((b) => {
      (b.templates.praise as Record<string, string[]>).en = ['a'.repeat(300), 'b'.repeat(300)];
    });
    expect(() =>
      renderTemplate({
        brand: tooLong,
        situation: 'praise',
        language: 'en',
        platform: 'x',
        placement: 'public',
        values,
        recentTemplateIds: [],
        seed: 's',
      }),
    ).toThrow(/no "praise" variant in "en" fits x/);
  });
});
