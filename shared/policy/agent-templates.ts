import type { Platform } from '../events.js';
import { AGENT_TEMPLATE_VARIABLES, type AgentTemplateVariable, type Brand } from './brand.js';
import { type LintProblem, sampleValues } from './lint.js';
import { findPersonalData } from './personal-data.js';
import { PLATFORM_LIMITS, platformLength, TemplateError, tidyFilledTemplate } from './templates.js';

/** Canned replies for agents (`agentTemplates` in the brand file), filled for one customer. */
export type AgentTemplateValues = Record<AgentTemplateVariable, string>;

export interface CannedReply {
  id: string;
  text: string;
}

/** Fills `{variable}`s in one pass, so a customer's name that contains braces is never expanded. */
export function fillAgentTemplate(template: string, values: AgentTemplateValues): string {
  const filled = template.replace(/\{([^{}]*)\}/g, (_, name: string) => {
    if (!(AGENT_TEMPLATE_VARIABLES as readonly string[]).includes(name)) {
      throw new TemplateError(`unknown variable {${name}} in canned reply "${template}"`);
    }
    return values[name as AgentTemplateVariable];
  });
  return tidyFilledTemplate(filled);
}

/** The first word of a display name ("Erika Mustermann" -> "Erika"); empty without a name. */
export function firstNameOf(name: string | undefined): string {
  return name?.trim().split(/\s+/)[0] ?? '';
}

/** The brand's canned replies in `language` (else the brand's default language), filled. */
export function cannedReplies(brand: Brand, language: string | undefined, values: AgentTemplateValues) {
  const replies: CannedReply[] = [];
  for (const [id, texts] of Object.entries(brand.agentTemplates)) {
    const text = texts[language ?? ''] ?? texts[brand.defaultLanguage];
    if (text !== undefined) replies.push({ id, text: fillAgentTemplate(text, values) });
  }
  return replies;
}

const PLATFORMS: Platform[] = ['facebook', 'instagram', 'x'];

/**
 * As the bot's templates are linted: every language of the brand, rendered with a long sample
 * name on every platform, within each platform's limits and free of anything that looks like
 * personal data. X's public limit is a warning: a long canned reply can still go out as a DM.
 */
export function lintAgentTemplates(brand: Brand, file: string): LintProblem[] {
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
