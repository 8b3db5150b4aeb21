/** The labelled sets and how the policy scores on them: for `npm run eval`, its test and the triage bench. */
import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod';
import { ChannelSchema, PlatformSchema } from '../shared/events.js';
import type { Brand } from '../shared/policy/brand.js';
import { loadBrands } from '../shared/policy/brand-files.js';
import {
  type Decision,
  EscalationSchema,
  IntentSchema,
  PersonalDataKindSchema,
} from '../shared/policy/decision.js';
import { decide, freshConversation, loadTrigramModel } from '../shared/policy/index.js';
import { brandAccount, eventFromText, loadDefaultBrand } from './offline-policy.js';
import { EXAMPLE_BRANDS_DIR, LABELLED_SET } from './policy-sets.js';

/** The language label of a text without words (ISO 639-2 "undetermined"). */
const UNDETERMINED = 'und';

export const LabelledRowSchema = z.object({
  id: z.string(),
  text: z.string(),
  platform: PlatformSchema,
  channel: ChannelSchema,
  industry: z.string().optional(),
  /**
   * ISO 639-1: the brand's languages, or another one (es, tr, pl...) that the brand does not serve;
   * `und` (ISO 639-2, undetermined) for a text without words ("?", emoji, a handle alone): such rows
   * have no language to get right and stay out of the language figures
   */
  language: z.string().regex(/^(?:[a-z]{2}|und)$/),
  /** the brand the message is written to (a brand id from brands/ or brands/examples/); default: the default brand */
  brand: z.string().optional(),
  intent: IntentSchema,
  complex: z.boolean(),
  personalData: z.array(PersonalDataKindSchema),
  silent: z.boolean(),
  escalation: EscalationSchema,
  negative: z.boolean(),
  followers: z.number().optional(),
  /** no care team would answer it: news or content shares, chatter between users, passing mentions */
  offTopic: z.boolean().default(false),
});
export type LabelledRow = z.infer<typeof LabelledRowSchema>;

export function loadLabelledSet(path = LABELLED_SET): LabelledRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line !== '' && !line.startsWith('//'))
    .map(({ line, n }) => {
      const parsed = LabelledRowSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${path}:${n}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

// decideRow decides synchronously, also on texts whose language the word score leaves unsure
await loadTrigramModel();

/** A weekday morning in the brand's business hours: the eval measures triage, not the clock. */
const EVAL_NOW = new Date('2026-11-10T09:30:00Z');

export function decideRow(row: LabelledRow, brand: Brand): Decision {
  const event = eventFromText(
    {
      text: row.text,
      platform: row.platform,
      channel: row.channel,
      id: row.id,
      ...(row.followers !== undefined ? { followers: row.followers } : {}),
    },
    brand,
    EVAL_NOW.getTime(),
  );
  return decide({
    event,
    conversation: freshConversation(),
    brand,
    account: brandAccount(brand, row.platform),
    now: EVAL_NOW,
  });
}

export interface Score {
  label: string;
  support: number;
  predicted: number;
  truePositives: number;
  precision: number;
  recall: number;
}

export function score(label: string, pairs: Array<[actual: boolean, predicted: boolean]>): Score {
  const support = pairs.filter(([a]) => a).length;
  const predicted = pairs.filter(([, p]) => p).length;
  const truePositives = pairs.filter(([a, p]) => a && p).length;
  return {
    label,
    support,
    predicted,
    truePositives,
    precision: predicted === 0 ? (support === 0 ? 1 : 0) : truePositives / predicted,
    recall: support === 0 ? 1 : truePositives / support,
  };
}

export interface EvalReport {
  rows: number;
  intent: Score[];
  intentAccuracy: number;
  complex: Score;
  personalData: Score[];
  silent: Score;
  language: Score[];
  languageAccuracy: number;
  escalation: Score[];
  negative: Score;
  /** rows labelled complaint (or a negative concern) that the policy left silent */
  silentComplaints: string[];
  /** rows labelled complaint (or a negative concern) that the policy thanked as praise (irony read as praise) */
  thankedComplaints: string[];
  /** rows whose personal data of a kind was missed */
  missedPersonalData: string[];
  /** rows labelled offTopic */
  offTopicRows: number;
  /** offTopic rows the policy answered: a public reply or a private message (a DM invitation is one) */
  offTopicAnswered: string[];
  /** rows handed to a person without any reply to the customer */
  handoffsWithoutReply: string[];
  targets: Array<{ name: string; ok: boolean; value: string }>;
  mistakes: Array<{ id: string; field: string; expected: unknown; got: unknown; text: string }>;
}

/**
 * The default brand (BRANDS_DIR / DEFAULT_BRAND) and every brand a labelled row may name: the
 * folder's brands and the example brands (brands/examples/).
 */
export function labelledSetBrands(): { brand: Brand; others: Brand[] } {
  const { brand, directory } = loadDefaultBrand();
  const examples = existsSync(EXAMPLE_BRANDS_DIR) ? loadBrands(EXAMPLE_BRANDS_DIR) : [];
  return { brand, others: [...directory.brands, ...examples] };
}

/** The brand a row is written to: its `brand` among `others`, else the default brand. */
export function brandOf(row: LabelledRow, brand: Brand, others: readonly Brand[]): Brand {
  if (!row.brand || row.brand === brand.id) return brand;
  const named = others.find((b) => b.id === row.brand);
  if (!named) throw new Error(`${row.id}: no brand "${row.brand}"`);
  return named;
}

/** A complaint, or a negative message a care team answers: never to be left silent or thanked. */
export const complaintOf = (row: LabelledRow) => row.intent === 'complaint' || (!row.silent && row.negative);

/** The decision sends the customer something: a public reply or a private message (also a DM invitation). */
export function replies(d: Decision): boolean {
  return d.publicReply !== undefined || d.privateReply !== undefined;
}

/** The personal-data kinds whose recall must be 100%: all but postal addresses, whose forms vary too much. */
const STRICT_KINDS: readonly string[] = PersonalDataKindSchema.options.filter(
  (kind) => kind !== 'postal_address',
);

/** Every row's fields where the decision differs from the label. */
function mistakesOf(results: RowResult[]): EvalReport['mistakes'] {
  const mistakes: EvalReport['mistakes'] = [];
  for (const { row, d } of results) {
    const check = (field: string, expected: unknown, got: unknown) => {
      if (JSON.stringify(expected) !== JSON.stringify(got))
        mistakes.push({ id: row.id, field, expected, got, text: row.text });
    };
    if (row.language !== UNDETERMINED) check('language', row.language, d.language);
    check('intent', row.intent, d.intent);
    check('complex', row.complex, d.complex);
    check('personalData', [...row.personalData].sort(), [...d.personalData].sort());
    check('silent', row.silent, d.action === 'silent');
    check('escalation', row.escalation, d.escalation);
    check('negative', row.negative, d.negative === true);
    if (row.offTopic) check('offTopic answered', false, replies(d));
  }
  return mistakes;
}

/** The targets for one set, with the measured value. */
function targetsOf(m: {
  complex: Score;
  personalData: Score[];
  languageAccuracy: number;
  offTopicAnswered: number;
  offTopicRows: number;
  handoffsWithoutReply: number;
  rows: number;
  silentComplaints: string[];
  thankedComplaints: string[];
}): EvalReport['targets'] {
  const { complex, personalData, languageAccuracy, silentComplaints, thankedComplaints } = m;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  return [
    { name: 'complex recall >= 95%', ok: complex.recall >= 0.95, value: pct(complex.recall) },
    { name: 'complex precision >= 85%', ok: complex.precision >= 0.85, value: pct(complex.precision) },
    ...personalData
      .filter((s) => STRICT_KINDS.includes(s.label))
      .map((s) => ({ name: `${s.label} recall = 100%`, ok: s.recall === 1, value: pct(s.recall) })),
    { name: 'language accuracy >= 98%', ok: languageAccuracy >= 0.98, value: pct(languageAccuracy) },
    {
      name: 'off-topic answered publicly or invited to DM <= 10%',
      ok: share(m.offTopicAnswered, m.offTopicRows) <= 0.1,
      value: `${pct(share(m.offTopicAnswered, m.offTopicRows))} (${m.offTopicAnswered} of ${m.offTopicRows})`,
    },
    {
      name: 'hand-offs without any reply <= 15% of all rows',
      ok: share(m.handoffsWithoutReply, m.rows) <= 0.15,
      value: `${pct(share(m.handoffsWithoutReply, m.rows))} (${m.handoffsWithoutReply} of ${m.rows})`,
    },
    {
      name: 'no complaint silent',
      ok: silentComplaints.length === 0,
      value: silentComplaints.length === 0 ? 'none' : silentComplaints.join(' '),
    },
    {
      name: 'no complaint thanked as praise',
      ok: thankedComplaints.length === 0,
      value: thankedComplaints.length === 0 ? 'none' : thankedComplaints.join(' '),
    },
  ];
}

type RowResult = { row: LabelledRow; d: Decision };

export function evaluate(rows: LabelledRow[], brand: Brand, others: readonly Brand[] = []): EvalReport {
  const results: RowResult[] = rows.map((row) => ({ row, d: decideRow(row, brandOf(row, brand, others)) }));
  const scores = scoresOf(results);
  const ids = (kept: RowResult[]) => kept.map(({ row }) => row.id);
  const silentComplaints = ids(results.filter(({ row, d }) => d.action === 'silent' && complaintOf(row)));
  const thankedComplaints = ids(
    results.filter(({ row, d }) => complaintOf(row) && d.intent === 'praise' && replies(d)),
  );
  const offTopicRows = results.filter(({ row }) => row.offTopic);
  const offTopicAnswered = ids(offTopicRows.filter(({ d }) => replies(d)));
  const handoffsWithoutReply = ids(results.filter(({ d }) => d.handoff && !replies(d)));
  const worded = results.filter(({ row }) => row.language !== UNDETERMINED);
  const languageAccuracy = worded.filter(({ row, d }) => row.language === d.language).length / worded.length;
  return {
    rows: rows.length,
    ...scores,
    intentAccuracy: results.filter(({ row, d }) => row.intent === d.intent).length / rows.length,
    languageAccuracy,
    silentComplaints,
    thankedComplaints,
    missedPersonalData: ids(
      results.filter(({ row, d }) => row.personalData.some((k) => !d.personalData.includes(k))),
    ),
    offTopicRows: offTopicRows.length,
    offTopicAnswered,
    handoffsWithoutReply,
    targets: targetsOf({
      complex: scores.complex,
      personalData: scores.personalData,
      languageAccuracy,
      offTopicAnswered: offTopicAnswered.length,
      offTopicRows: offTopicRows.length,
      handoffsWithoutReply: handoffsWithoutReply.length,
      rows: rows.length,
      silentComplaints,
      thankedComplaints,
    }),
    mistakes: mistakesOf(results),
  };
}

/** Precision and recall per label of every field the sets label. */
function scoresOf(results: RowResult[]) {
  const perLabel = <L extends string>(
    labels: readonly L[],
    labelled: (row: LabelledRow, label: L) => boolean,
    decided: (d: Decision, label: L) => boolean,
  ) =>
    labels.map((label) =>
      score(
        label,
        results.map(({ row, d }) => [labelled(row, label), decided(d, label)]),
      ),
    );
  const languages = [...new Set(results.map(({ row }) => row.language))]
    .filter((l) => l !== UNDETERMINED)
    .sort();
  return {
    intent: perLabel(
      IntentSchema.options,
      (row, i) => row.intent === i,
      (d, i) => d.intent === i,
    ),
    personalData: perLabel(
      PersonalDataKindSchema.options,
      (row, k) => row.personalData.includes(k),
      (d, k) => d.personalData.includes(k),
    ),
    language: perLabel(
      languages,
      (row, l) => row.language === l,
      (d, l) => d.language === l,
    ),
    escalation: perLabel(
      EscalationSchema.options,
      (row, e) => row.escalation === e,
      (d, e) => d.escalation === e,
    ),
    complex: score(
      'complex',
      results.map(({ row, d }) => [row.complex, d.complex]),
    ),
    silent: score(
      'silent',
      results.map(({ row, d }) => [row.silent, d.action === 'silent']),
    ),
    negative: score(
      'negative',
      results.map(({ row, d }) => [row.negative, d.negative === true]),
    ),
  };
}

export function formatReport(report: EvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const line = (s: Score) =>
    `| ${s.label.padEnd(16)} | ${String(s.support).padStart(5)} | ${String(s.predicted).padStart(5)} | ${pct(s.precision)} | ${pct(s.recall)} |`;
  const table = (title: string, scores: Score[]) =>
    [
      `\n${title}`,
      '| label            | truth |  said | precision |  recall |',
      '|------------------|-------|-------|-----------|---------|',
      ...scores.map(line),
    ].join('\n');
  return [
    `labelled rows: ${report.rows}`,
    table(`intent (accuracy ${pct(report.intentAccuracy).trim()})`, report.intent),
    table('complexity', [report.complex]),
    table('personal data', report.personalData),
    table('silence (action = silent)', [report.silent]),
    table(`language (accuracy ${pct(report.languageAccuracy).trim()})`, report.language),
    table('escalation', report.escalation),
    table('negative tone', [report.negative]),
    '\ntargets',
    ...report.targets.map((t) => `  ${t.ok ? 'ok  ' : 'FAIL'} ${t.name}: ${t.value}`),
  ].join('\n');
}

export function formatSummary(reports: Array<{ name: string; report: EvalReport }>): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const header =
    '| set | rows | complex P / R | complaints silent / thanked | off-topic answered | hand-offs w/o reply | PD recall e-mail / phone / IBAN / card | language | intent acc. | silent P / R | L3 P / R | targets |';
  const rows = reports.map(({ name, report: r }) => {
    const level = (l: string) => r.escalation.find((s) => s.label === l) as Score;
    const pr = (s: Score) => `${pct(s.precision)} / ${pct(s.recall)}`;
    const recall = (kind: string) => {
      const s = r.personalData.find((p) => p.label === kind);
      return s === undefined ? 'n/a' : s.support === 0 ? '–' : pct(s.recall);
    };
    const offTopic = r.offTopicRows === 0 ? '–' : pct(r.offTopicAnswered.length / r.offTopicRows);
    return `| ${name} | ${r.rows} | ${pr(r.complex)} | ${r.silentComplaints.length} / ${r.thankedComplaints.length} | ${offTopic} (${r.offTopicAnswered.length}/${r.offTopicRows}) | ${pct(r.handoffsWithoutReply.length / r.rows)} | ${['email', 'phone', 'iban', 'payment_card'].map(recall).join(' / ')} | ${pct(r.languageAccuracy)} | ${pct(r.intentAccuracy)} | ${pr(r.silent)} | ${pr(level('L3'))} | ${r.targets.every((t) => t.ok) ? 'ok' : 'FAIL'} |`;
  });
  return ['\nsummary', header, `|${'---|'.repeat(12)}`, ...rows].join('\n');
}
