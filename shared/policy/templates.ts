import type { Platform } from '../events.js';
import { type Brand, type Situation, TEMPLATE_VARIABLES, type TemplateVariable } from './brand.js';
import type { RenderedText } from './decision.js';
import { type BusinessHours, type NextOpening, WEEKDAYS, type Weekday } from './hours.js';

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** Where a rendered text goes: a public reply (comment, tweet) or a private message. */
export type Placement = 'public' | 'private';

/** Character limits per platform and placement (X counts every URL as 23). */
export const PLATFORM_LIMITS: Record<Platform, Record<Placement, number>> = {
  facebook: { public: 8000, private: 2000 },
  instagram: { public: 2200, private: 1000 },
  x: { public: 280, private: 10000 },
};

const URL_IN_TEXT = /https?:\/\/[^\s]+/gu;
export const X_URL_LENGTH = 23;

/** X's weighted length: URLs count 23, Latin and common punctuation 1, anything else (emoji, CJK) 2. */
export function xLength(text: string): number {
  let length = 0;
  const withoutUrls = text.replace(URL_IN_TEXT, () => {
    length += X_URL_LENGTH;
    return '';
  });
  for (const ch of withoutUrls) {
    const cp = ch.codePointAt(0) ?? 0;
    const light =
      cp <= 0x10ff ||
      (cp >= 0x2000 && cp <= 0x200d) ||
      (cp >= 0x2010 && cp <= 0x201f) ||
      (cp >= 0x2032 && cp <= 0x2037);
    length += light ? 1 : 2;
  }
  return length;
}

export function platformLength(text: string, platform: Platform): number {
  return platform === 'x' ? xLength(text) : [...text].length;
}

export type TemplateValues = Record<TemplateVariable, string>;

/** Fills `{variable}` placeholders; an unknown or missing variable is an error, never blank text. */
export function fillTemplate(template: string, values: Partial<TemplateValues>): string {
  const filled = template.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    if (!(TEMPLATE_VARIABLES as readonly string[]).includes(name)) {
      throw new TemplateError(`unknown variable {${name}} in template "${template}"`);
    }
    const value = values[name as TemplateVariable];
    if (value === undefined) throw new TemplateError(`no value for {${name}} in template "${template}"`);
    return value;
  });
  return tidyFilledTemplate(filled);
}

/** An empty {name} must not leave "Hallo , ..." behind. */
export function tidyFilledTemplate(filled: string): string {
  const tidy = filled
    .replace(/(?<![ \t])[ \t]+([,.!?])/g, '$1')
    .replace(/,([,.!?])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/^[\s,.!?–-]+/u, '')
    .trim();
  return tidy.charAt(0).toUpperCase() + tidy.slice(1);
}

export function templateId(situation: Situation, language: string, index: number): string {
  return `${situation}.${language}.${index + 1}`;
}

function hash(seed: string): number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export interface RenderRequest {
  brand: Brand;
  situation: Situation;
  language: string;
  platform: Platform;
  placement: Placement;
  values: TemplateValues;
  /** template ids the account used recently, most recent last: these are avoided */
  recentTemplateIds: readonly string[];
  /** spreads variant choice between conversations (the event id): same input, same text */
  seed: string;
}

/**
 * Renders one variant of a situation's wording: one the account has not used recently, that fits
 * the platform's limit. Falls back to the least recently used variant; drops the customer's name
 * before giving up; throws when nothing fits.
 */
export function renderTemplate(request: RenderRequest): RenderedText {
  const { brand, situation, language, platform, placement, values } = request;
  const variants = brand.templates[situation]?.[language];
  if (!variants || variants.length === 0) {
    throw new TemplateError(`brand ${brand.id} has no "${situation}" wording in "${language}"`);
  }
  const start = hash(request.seed) % variants.length;
  const ids = variants.map((_, i) => templateId(situation, language, i));
  const rotated = ids.map((_, k) => (start + k) % variants.length);
  const fresh = rotated.filter((i) => !request.recentTemplateIds.includes(ids[i] as string));
  const used = rotated
    .filter((i) => request.recentTemplateIds.includes(ids[i] as string))
    .sort(
      (a, b) =>
        request.recentTemplateIds.lastIndexOf(ids[a] as string) -
        request.recentTemplateIds.lastIndexOf(ids[b] as string),
    );
  const order = [...fresh, ...used];
  const limit = PLATFORM_LIMITS[platform][placement];
  for (const withName of [true, false]) {
    const v = withName ? values : { ...values, name: '', handle: '' };
    for (const i of order) {
      const text = fillTemplate(variants[i] as string, v);
      if (platformLength(text, platform) <= limit) return { text, templateId: ids[i] as string };
    }
  }
  throw new TemplateError(
    `no "${situation}" variant in "${language}" fits ${platform} (${placement}, ${limit} characters)`,
  );
}

const weekdayNames = new Map<string, string>();

/** The localised weekday name (`long` or `short`), without a trailing dot. */
function weekdayName(day: Weekday, language: string, width: 'long' | 'short'): string {
  const key = `${language}:${day}:${width}`;
  let name = weekdayNames.get(key);
  if (!name) {
    // 2024-01-01 was a Monday
    const date = new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(day), 12));
    name = new Intl.DateTimeFormat(language, { weekday: width, timeZone: 'UTC' })
      .format(date)
      .replace(/\.$/, '');
    weekdayNames.set(key, name);
  }
  return name;
}

function shortTime(hhmm: string): string {
  return hhmm.replace(/^0(\d)/, '$1');
}

/** "Mo–Fr 8:00–20:00, Sa 9:00–14:00" from the brand's hours, in the reply's language. */
export function describeOpeningHours(hours: BusinessHours, language: string): string {
  const groups: Array<{ first: Weekday; last: Weekday; key: string }> = [];
  for (const day of WEEKDAYS) {
    const key = hours.week[day].map((i) => `${shortTime(i.from)}–${shortTime(i.to)}`).join(', ');
    const previous = groups.at(-1);
    if (previous && previous.key === key && key !== '') previous.last = day;
    else if (key !== '') groups.push({ first: day, last: day, key });
    else groups.push({ first: day, last: day, key: '' });
  }
  return groups
    .filter((g) => g.key !== '')
    .map((g) => {
      const days =
        g.first === g.last
          ? weekdayName(g.first, language, 'short')
          : `${weekdayName(g.first, language, 'short')}–${weekdayName(g.last, language, 'short')}`;
      return `${days} ${g.key}${language === 'de' ? ' Uhr' : ''}`;
    })
    .join(', ');
}

/** "morgen ab 8:00 Uhr" / "on Monday from 8:00"; while open, "gleich" / "shortly". */
export function describeNextOpening(next: NextOpening | undefined, language: string): string {
  const de = language === 'de';
  if (!next)
    return ({ de: 'gleich', fr: 'sous peu', it: 'a breve' } as Record<string, string>)[language] ?? 'shortly';
  const time = shortTime(next.time);
  if (de) {
    if (next.daysAhead === 0) return `heute ab ${time} Uhr`;
    if (next.daysAhead === 1) return `morgen ab ${time} Uhr`;
    return `am ${weekdayName(next.weekday, 'de', 'long')} ab ${time} Uhr`;
  }
  if (language === 'en') {
    if (next.daysAhead === 0) return `today from ${time}`;
    if (next.daysAhead === 1) return `tomorrow from ${time}`;
    return `on ${weekdayName(next.weekday, 'en', 'long')} from ${time}`;
  }
  if (language === 'fr') {
    if (next.daysAhead === 0) return `aujourd'hui dès ${time}`;
    if (next.daysAhead === 1) return `demain dès ${time}`;
    return `${weekdayName(next.weekday, 'fr', 'long')} dès ${time}`;
  }
  if (language === 'it') {
    if (next.daysAhead === 0) return `oggi dalle ${time}`;
    if (next.daysAhead === 1) return `domani dalle ${time}`;
    return `${weekdayName(next.weekday, 'it', 'long')} dalle ${time}`;
  }
  return `${weekdayName(next.weekday, language, 'long')} ${time}`;
}
