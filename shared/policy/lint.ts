import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../events.js';
import { fillAgentTemplate, firstNameOf } from './agent-templates.js';
import { type Brand, businessHoursOf, dmLink, SITUATIONS, type Situation } from './brand.js';
import { BrandSchema } from './brand-schema.js';
import { WEEKDAYS } from './hours.js';
import { findPersonalData } from './personal-data.js';
import {
  describeNextOpening,
  describeOpeningHours,
  fillTemplate,
  PLATFORM_LIMITS,
  platformLength,
  type TemplateValues,
} from './templates.js';

export interface LintProblem {
  level: 'error' | 'warning';
  file: string;
  path: string;
  message: string;
}

const PLATFORMS: Platform[] = ['facebook', 'instagram', 'x'];

/** Situations whose text goes out as a private message; the rest are public replies (or DMs). */
const PRIVATE_ONLY: Situation[] = ['dm_opening', 'crisis_dm'];
const NEEDS_DM_LINK: Situation[] = [
  'move_to_dm',
  'move_to_dm_after_hours',
  'personal_data',
  'personal_data_after_hours',
];

/** Texts that must never count as personal data (prices, dates, flight numbers, years...). */
export const PERSONAL_DATA_DECOYS = [
  'Das Paket hat 49,99 € gekostet, Versand 4,95 €.',
  'Bestellt am 12.03.2025, heute ist der 01.04.2025.',
  'Flug LH 1234 und EW 9460 hatten 2 Stunden Verspätung.',
  'Seit 2019 Kunde, 3 Pakete in 10 Tagen.',
  'Order placed on 2025-03-12 for $129.00, 20% off.',
  'Flight BA 2490 was delayed 45 minutes at 08:30.',
  'Ich habe 10000 Follower und warte seit 14:30 Uhr.',
];

/** Sample values for rendering: a long name, so length checks cover real customers. */
export function sampleValues(brand: Brand, platform: Platform, language: string): TemplateValues {
  const hours = businessHoursOf(brand);
  const account = brand.accounts[platform][0] ?? {
    id: '1234567890123456789',
    username: `${brand.id}_support`,
  };
  return {
    name: 'Maximiliane-Theresa',
    handle: '@maximiliane_theresa_1990',
    brand: brand.name,
    dmLink: brand.dmLinks[platform] ?? dmLink(platform, account),
    openingHours: describeOpeningHours(hours, language),
    nextOpening: describeNextOpening(
      { at: new Date(0), weekday: 'wed', time: '08:00', daysAhead: 2 },
      language,
    ),
  };
}

type AddProblem = (level: LintProblem['level'], path: string, message: string) => void;

/** One template variant: its DM link, its after-hours promise, and on every platform its length and no personal data. */
function lintVariant(
  brand: Brand,
  situation: Situation,
  language: string,
  variant: string,
  path: string,
  add: AddProblem,
): void {
  if (NEEDS_DM_LINK.includes(situation) && !variant.includes('{dmLink}')) {
    add('error', path, 'must contain {dmLink}: it asks the customer to continue in DM');
  }
  if (situation.endsWith('_after_hours') && !/\{(?:nextOpening|openingHours)\}/.test(variant)) {
    add('warning', path, 'outside business hours the text should say when a person answers');
  }
  for (const platform of PLATFORMS) {
    const placements = PRIVATE_ONLY.includes(situation)
      ? (['private'] as const)
      : (['public', 'private'] as const);
    for (const placement of placements) {
      try {
        const text = fillTemplate(variant, sampleValues(brand, platform, language));
        const length = platformLength(text, platform);
        const limit = PLATFORM_LIMITS[platform][placement];
        if (length > limit) {
          add('error', path, `${length} characters on ${platform} (${placement}), limit ${limit}`);
        }
        if (findPersonalData(text, brand).length > 0) {
          add('error', path, 'the rendered text looks like it contains personal data');
        }
      } catch (error) {
        add('error', path, (error as Error).message);
      }
    }
  }
}

/** Renders every template in every language on every platform and reports what is missing or too long. */
export function lintBrand(brand: Brand, file: string): LintProblem[] {
  const problems: LintProblem[] = [];
  const add = (level: LintProblem['level'], path: string, message: string) =>
    problems.push({ level, file, path, message });

  for (const language of Object.keys(brand.templates.acknowledge ?? {})) {
    if (!brand.languages.includes(language)) {
      add('warning', `templates.*.${language}`, `"${language}" is not in languages: never used`);
    }
  }
  for (const situation of SITUATIONS) {
    for (const language of brand.languages) {
      const variants = brand.templates[situation]?.[language] ?? [];
      const path = `templates.${situation}.${language}`;
      if (variants.length === 0) {
        add('error', path, 'missing');
        continue;
      }
      if (variants.length < 2) add('warning', path, 'only one variant: customers will see the same text');
      if (new Set(variants).size !== variants.length) add('error', path, 'two variants are identical');
      variants.forEach((variant, i) => {
        lintVariant(brand, situation, language, variant, `${path}[${i}]`, add);
      });
    }
  }

  problems.push(...lintAgentTemplates(brand, file));

  const hours = businessHoursOf(brand);
  if (WEEKDAYS.every((d) => hours.week[d].length === 0))
    add('error', 'businessHours', 'the brand is never open');
  for (const decoy of PERSONAL_DATA_DECOYS) {
    const found = findPersonalData(decoy, brand);
    if (found.length > 0) {
      add(
        'error',
        'personalDataPatterns',
        `"${decoy}" is taken for ${found.map((f) => `${f.kind} (${f.rule})`).join(', ')}`,
      );
    }
  }
  for (const kind of ['tracking_number', 'order_number', 'customer_number'] as const) {
    if (!brand.personalDataPatterns.some((p) => p.kind === kind)) {
      add(
        'warning',
        'personalDataPatterns',
        `no pattern for ${kind}: such numbers posted publicly are not noticed`,
      );
    }
  }
  return problems;
}

export interface LintedFolder {
  brands: string[];
  problems: LintProblem[];
  /** the files that passed the schema, for checks that take longer (the ReDoS check) */
  valid: Array<{ file: string; brand: Brand }>;
}

/** Validates and lints every brand file in a folder; schema errors are reported, not thrown. */
export function lintBrandFolder(dir: string): LintedFolder {
  const problems: LintProblem[] = [];
  const brands: string[] = [];
  const valid: LintedFolder['valid'] = [];
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (error) {
    return {
      brands,
      problems: [{ level: 'error', file: dir, path: '', message: (error as Error).message }],
      valid,
    };
  }
  if (files.length === 0)
    problems.push({ level: 'error', file: dir, path: '', message: 'no brand files (*.json)' });
  for (const name of files) {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      problems.push({ level: 'error', file, path: '', message: `not JSON: ${(error as Error).message}` });
      continue;
    }
    const parsed = BrandSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ level: 'error', file, path: issue.path.join('.'), message: issue.message });
      }
      continue;
    }
    brands.push(parsed.data.id);
    valid.push({ file, brand: parsed.data });
    problems.push(...lintBrand(parsed.data, file));
  }
  return { brands, problems, valid };
}

/**
 * As the bot's templates are linted: every language of the brand, rendered with a long sample
 * name on every platform, within each platform's limits and free of anything that looks like
 * personal data. X's public limit is a warning: a long canned reply can still go out as a DM.
 */
function lintAgentTemplates(brand: Brand, file: string): LintProblem[] {
  const problems: LintProblem[] = [];
  for (const [id, texts] of Object.entries(brand.agentTemplates)) {
    for (const language of brand.languages) {
      const path = `agentTemplates.${id}.${language}`;
      const text = texts[language];
      if (text === undefined) {
        problems.push({ level: 'error', file, path, message: 'missing' });
        continue;
      }
      for (const platform of PLATFORMS) {
        const sample = sampleValues(brand, platform, language);
        let filled: string;
        try {
          filled = fillAgentTemplate(text, { ...sample, firstName: firstNameOf(sample.name) });
        } catch (error) {
          problems.push({ level: 'error', file, path, message: (error as Error).message });
          break;
        }
        for (const placement of ['public', 'private'] as const) {
          const length = platformLength(filled, platform);
          const limit = PLATFORM_LIMITS[platform][placement];
          if (length <= limit) continue;
          const level = platform === 'x' && placement === 'public' ? 'warning' : 'error';
          const message = `${length} characters on ${platform} (${placement}), limit ${limit}`;
          problems.push({ level, file, path, message });
        }
        if (platform === 'facebook' && findPersonalData(filled, brand).length > 0) {
          const message = 'the rendered text looks like it contains personal data';
          problems.push({ level: 'error', file, path, message });
        }
      }
    }
  }
  return problems;
}
