import { AGENT_TEMPLATE_VARIABLES, type AgentTemplateVariable, type Brand } from './brand.js';
import { TemplateError, tidyFilledTemplate } from './templates.js';

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
