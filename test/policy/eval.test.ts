import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, HELD_OUT_SET, LABELLED_SET, loadLabelledSet } from '../../devkit/policy-eval.js';
import { parcelExpress } from './helpers.js';

describe.each([
  ['the labelled set', LABELLED_SET],
  ['the held-out set', HELD_OUT_SET],
])('the eval targets hold on %s', (_name, path) => {
  const rows = existsSync(path) ? loadLabelledSet(path) : [];
  const report = evaluate(rows, parcelExpress);

  it('has a set worth measuring', () => {
    expect(rows.length).toBeGreaterThanOrEqual(100);
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

  it('detects the language (accuracy >= 95%)', () => {
    expect(report.languageAccuracy).toBeGreaterThanOrEqual(0.95);
  });
});
