import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, loadLabelledSet } from '../../devkit/policy-eval.js';
import { HELD_OUT_SET, LABELLED_SET, REAL_WORLD_TUNING_SET } from '../../devkit/policy-sets.js';
import { loadBrands } from '../../shared/policy/brand-files.js';
import { parcelExpress } from './helpers.js';

const examples = loadBrands(fileURLToPath(new URL('../../brands/examples', import.meta.url)));

describe.each([
  ['the labelled set', LABELLED_SET],
  ['the held-out set', HELD_OUT_SET],
  ['the real-world tuning set', REAL_WORLD_TUNING_SET],
])('the eval targets hold on %s', (_name, path) => {
  const rows = existsSync(path) ? loadLabelledSet(path) : [];
  const report = evaluate(rows, parcelExpress, examples);

  it('has a set worth measuring', () => {
    expect(rows.length).toBeGreaterThanOrEqual(90);
  });

  it('answers at most 10% of the off-topic posts and hands at most 15% of all to a person without a word', () => {
    expect(report.offTopicRows).toBeGreaterThan(0);
    expect(report.offTopicAnswered.length / report.offTopicRows).toBeLessThanOrEqual(0.1);
    expect(report.handoffsWithoutReply.length / report.rows).toBeLessThanOrEqual(0.15);
  });

  it('never leaves a complaint silent', () => {
    expect(report.silentComplaints).toEqual([]);
  });

  it('finds every e-mail, phone, IBAN and configured number', () => {
    for (const kind of ['email', 'phone', 'iban', 'tracking_number', 'order_number', 'customer_number']) {
      const score = report.personalData.find((s) => s.label === kind);
      expect({ kind, recall: score?.recall }).toEqual({ kind, recall: 1 });
    }
  });

  it('recognises complex cases (recall >= 95%, precision >= 85%)', () => {
    expect(report.complex.recall).toBeGreaterThanOrEqual(0.95);
    expect(report.complex.precision).toBeGreaterThanOrEqual(0.85);
  });

  it('detects the language (accuracy >= 98%)', () => {
    expect(report.languageAccuracy).toBeGreaterThanOrEqual(0.98);
  });
});

describe.each([
  ['the labelled set', LABELLED_SET],
  ['the real-world tuning set', REAL_WORLD_TUNING_SET],
])('irony on %s', (_name, path) => {
  it('never thanks a complaint as praise', () => {
    expect(evaluate(loadLabelledSet(path), parcelExpress, examples).thankedComplaints).toEqual([]);
  });
});

describe('a row without words', () => {
  const row = (id: string, text: string, language: string) => ({
    id,
    text,
    platform: 'facebook' as const,
    channel: 'comment' as const,
    language,
    intent: 'other' as const,
    complex: false,
    personalData: [],
    silent: true,
    escalation: 'L1' as const,
    negative: false,
    offTopic: false,
  });

  it("may be labelled 'und' and stays out of the language figures", () => {
    const report = evaluate(
      [row('w-1', 'Danke, hat alles geklappt mit der Lieferung!', 'de'), row('w-2', '👍👍', 'und')],
      parcelExpress,
    );
    expect(report.languageAccuracy).toBe(1);
    expect(report.language.map((s) => s.label)).toEqual(['de']);
    expect(report.mistakes.filter((m) => m.field === 'language')).toEqual([]);
  });

  it('counts a wrong language against the policy when the row has words', () => {
    const report = evaluate(
      [row('w-3', 'Danke, hat alles geklappt mit der Lieferung!', 'fr')],
      parcelExpress,
    );
    expect(report.languageAccuracy).toBe(0);
  });
});
