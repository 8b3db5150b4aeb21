import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { AGENT_TEMPLATE_VARIABLES, SITUATIONS, TEMPLATE_VARIABLES, templateVariables } from './brand.js';
import { IntentSchema, PersonalDataKindSchema } from './decision.js';
import { partsFormatter, WEEKDAYS } from './hours.js';

// zod/mini, with the messages registered as in shared/events.ts, so a refused brand file reads the
// same. The responder never loads this module: the deploy validates the brand files
// (brand-files.ts) and the functions read what it wrote (brands.ts).
z.config(en());

/**
 * A brand: the accounts it answers on and its care guidelines. One reviewable JSON file per brand
 * under `brands/`, validated when the stack is deployed, by `npm run dev` and by
 * `npm run check:policy` (docs/policy.md).
 */
const AccountSchema = z.object({
  /** page id, IG professional account id, or X user id */
  id: z.string().check(z.minLength(1)),
  /** page user name for m.me links, IG username for ig.me links, X handle without @ */
  username: z.string().check(z.minLength(1)),
});

export const SituationSchema = z.enum(SITUATIONS);

const HHMM = z.string().check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'expected HH:MM'));
const IntervalSchema = z
  .object({ from: HHMM, to: HHMM })
  .check(z.refine((i) => i.from < i.to, { message: '"from" must be before "to"' }));

const LanguageCode = z.string().check(z.regex(/^[a-z]{2}$/, 'expected a two-letter ISO 639-1 code'));

/** The most a brand pattern may repeat one thing: enough for any number, code or IBAN. */
export const MAX_BRAND_PATTERN_REPEAT = 64;

const COUNTED_REPEAT = /^\{(\d{1,9})(,(\d{0,9}))?\}/;

/**
 * What makes a brand pattern's time grow faster than its text, found from its source: a repeat
 * without bound (`*`, `+`, `{n,}`), one of more than MAX_BRAND_PATTERN_REPEAT, or a repeated group
 * that holds a repeat of varying count (`(?:\s{0,20}){0,20}`); shown with what comes before it,
 * undefined when there is none. With bounded, unnested repetition the work at each position of a
 * text is bounded, so the schema can refuse the dangerous shapes where the brand file is loaded;
 * `npm run policy -- lint` also runs the ReDoS checker on every pattern.
 */
export function repetitionProblem(source: string): string | undefined {
  let inClass = false;
  // per open group: whether it holds a repeat of varying count
  const groups: boolean[] = [];
  let closedGroupVaries = false;
  const shown = (end: number) => `"${source.slice(Math.max(0, end - 16), end)}"`;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    const afterGroup = closedGroupVaries;
    closedGroupVaries = false;
    if (ch === '\\') {
      // \p{...} and \u{...} hold braces that are no repeat
      const braced = /[pPu]/.test(source[i + 1] ?? '') && source[i + 2] === '{';
      i = braced ? source.indexOf('}', i) : i + 1;
      if (i === -1) return undefined;
    } else if (inClass) inClass = ch !== ']';
    else if (ch === '[') inClass = true;
    else if (ch === '(') groups.push(false);
    else if (ch === ')') {
      closedGroupVaries = groups.pop() ?? false;
      if (closedGroupVaries && groups.length > 0) groups[groups.length - 1] = true;
    } else if (ch === '*' || ch === '+') return `${shown(i + 1)} repeats without bound`;
    else if (ch === '{') {
      const repeat = COUNTED_REPEAT.exec(source.slice(i));
      if (!repeat) continue;
      const end = i + repeat[0].length;
      const min = Number(repeat[1]);
      const max = repeat[2] ? Number(repeat[3] || Number.POSITIVE_INFINITY) : min;
      if (max === Number.POSITIVE_INFINITY) return `${shown(end)} repeats without bound`;
      if (max > MAX_BRAND_PATTERN_REPEAT)
        return `${shown(end)} repeats more than ${MAX_BRAND_PATTERN_REPEAT} times`;
      if (afterGroup && max > 1) return `${shown(end)} repeats a group that holds a repeat`;
      if (max > min && max > 1 && groups.length > 0) groups[groups.length - 1] = true;
      i = end - 1;
    }
  }
  return undefined;
}

const PersonalDataPatternSchema = z
  .object({
    kind: PersonalDataKindSchema,
    /** a JavaScript regular expression (source), matched case-insensitively; repetition bounded */
    pattern: z.string().check(z.minLength(1)),
    /** what it matches, for reviewers */
    description: z.optional(z.string()),
  })
  .check(
    z.superRefine((p, ctx) => {
      try {
        new RegExp(p.pattern, 'iu');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(error as Error).message}` });
        return;
      }
      const problem = repetitionProblem(p.pattern);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          path: ['pattern'],
          message:
            `/${p.pattern}/: ${problem}; write bounded repeats ({0,3} for *, {1,20} for +), none inside ` +
            'another, so that a long text cannot make the pattern backtrack',
        });
      }
    }),
  );

/** What a brand may hide public comments for: kinds of personal data, and someone posing as its support. */
export const HideableKindSchema = z.enum([
  'iban',
  'payment_card',
  'phone',
  'email',
  'postal_address',
  'customer_number',
  'impersonation',
]);

const VariantsSchema = z.array(z.string().check(z.minLength(1))).check(z.minLength(1));

export const BrandSchema = z
  .object({
    id: z.string().check(z.regex(/^[a-z0-9-]+$/)),
    name: z.string().check(z.minLength(1)),
    accounts: z.object({
      facebook: z._default(z.array(AccountSchema), []),
      instagram: z._default(z.array(AccountSchema), []),
      x: z._default(z.array(AccountSchema), []),
    }),
    languages: z.array(LanguageCode).check(z.minLength(1)),
    defaultLanguage: LanguageCode,
    timezone: z.string().check(z.minLength(1)),
    /** opening hours per weekday (local time in `timezone`); a day without entries is closed */
    businessHours: z.object(
      Object.fromEntries(WEEKDAYS.map((d) => [d, z._default(z.array(IntervalSchema), [])])) as Record<
        (typeof WEEKDAYS)[number],
        z.ZodMiniDefault<z.ZodMiniArray<typeof IntervalSchema>>
      >,
    ),
    /** local dates (YYYY-MM-DD) when nobody answers: public holidays */
    closedOn: z._default(z.array(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), []),
    /** business hours a person has to answer a handed-off case, per priority */
    responseTimeHours: z.object({
      urgent: z.number().check(z.positive()),
      high: z.number().check(z.positive()),
      normal: z.number().check(z.positive()),
      low: z.number().check(z.positive()),
    }),
    /** overrides of the DM link per platform (default: m.me / ig.me / X compose link of the account) */
    dmLinks: z._default(
      z.object({ facebook: z.optional(z.url()), instagram: z.optional(z.url()), x: z.optional(z.url()) }),
      {},
    ),
    /**
     * Personal data for which a customer's public comment is hidden on the platform (the customer
     * is still answered, without the data, and moved to DM), and `impersonation`: a comment posing
     * as the brand's support to lead customers off the platform. IBANs and card numbers count only
     * with valid check digits. An empty list turns hiding off.
     */
    hideCommentsWith: z._default(z.array(HideableKindSchema), ['iban', 'payment_card', 'impersonation']),
    /** brand-specific personal-data patterns (tracking, order, customer numbers...) */
    personalDataPatterns: z._default(z.array(PersonalDataPatternSchema), []),
    /**
     * Extra keywords per intent, added to the built-in German/English lexicon. A keyword matches a
     * whole word; `*` at either end also matches inside longer words ("*paket*": "Expresspaket").
     */
    keywords: z._default(z.partialRecord(IntentSchema, z.array(z.string().check(z.minLength(2)))), {}),
    escalation: z.object({
      /** extra words that signal a legal threat (added to the built-in list) */
      legalTerms: z._default(z.array(z.string().check(z.minLength(2))), []),
      /** extra words that signal press / public reach */
      pressTerms: z._default(z.array(z.string().check(z.minLength(2))), []),
      /** an author with at least this many followers (where the platform sends it) goes to L3 */
      influencerFollowers: z.number().check(z.int(), z.positive()),
    }),
    /** a burst of `threshold` negative messages on one topic within `windowMinutes` is one crisis */
    crisis: z.object({
      windowMinutes: z.number().check(z.int(), z.positive()),
      threshold: z.number().check(z.int(), z.gte(2)),
    }),
    /** situation -> language -> variants (several, so two customers never get the same text) */
    templates: z.partialRecord(SituationSchema, z.record(LanguageCode, VariantsSchema)),
    /** canned replies for agents: id -> language -> text (the inbox offers them in the composer) */
    agentTemplates: z._default(
      z.record(
        z.string().check(z.regex(/^[a-z0-9_-]{1,40}$/)),
        z.record(LanguageCode, z.string().check(z.minLength(1), z.maxLength(2000))),
      ),
      {},
    ),
  })
  .check(
    z.superRefine((brand, ctx) => {
      if (!brand.languages.includes(brand.defaultLanguage)) {
        ctx.addIssue({
          code: 'custom',
          path: ['defaultLanguage'],
          message: `"${brand.defaultLanguage}" is not in languages`,
        });
      }
      for (const situation of SITUATIONS) {
        for (const language of brand.languages) {
          const variants = brand.templates[situation]?.[language];
          if (!variants) {
            ctx.addIssue({
              code: 'custom',
              path: ['templates', situation, language],
              message: 'missing: every situation needs wording in every language of the brand',
            });
            continue;
          }
          variants.forEach((text, i) => {
            for (const variable of templateVariables(text)) {
              if (!(TEMPLATE_VARIABLES as readonly string[]).includes(variable)) {
                ctx.addIssue({
                  code: 'custom',
                  path: ['templates', situation, language, i],
                  message: `unknown variable {${variable}} (known: ${TEMPLATE_VARIABLES.join(', ')})`,
                });
              }
            }
          });
        }
      }
      for (const [id, texts] of Object.entries(brand.agentTemplates)) {
        for (const [language, text] of Object.entries(texts)) {
          for (const variable of templateVariables(text)) {
            if (!(AGENT_TEMPLATE_VARIABLES as readonly string[]).includes(variable)) {
              ctx.addIssue({
                code: 'custom',
                path: ['agentTemplates', id, language],
                message: `unknown variable {${variable}} (known: ${AGENT_TEMPLATE_VARIABLES.join(', ')})`,
              });
            }
          }
        }
      }
      for (const day of WEEKDAYS) {
        const intervals = [...brand.businessHours[day]].sort((a, b) => a.from.localeCompare(b.from));
        for (let i = 1; i < intervals.length; i++) {
          if ((intervals[i]?.from ?? '') < (intervals[i - 1]?.to ?? '')) {
            ctx.addIssue({ code: 'custom', path: ['businessHours', day], message: 'intervals overlap' });
          }
        }
      }
      try {
        partsFormatter(brand.timezone);
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: ['timezone'],
          message: `unknown time zone "${brand.timezone}"`,
        });
      }
    }),
  );
export type Brand = z.infer<typeof BrandSchema>;
export type BrandInput = z.input<typeof BrandSchema>;
export type BrandAccount = z.infer<typeof AccountSchema>;
