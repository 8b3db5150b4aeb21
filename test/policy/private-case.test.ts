import { describe, expect, it } from 'vitest';
import { labelledSetBrands } from '../../devkit/policy-eval.js';
import { TRAINING_SETS } from '../../devkit/policy-sets.js';
import { loadExamples, quantise, train } from '../../devkit/private-case-training.js';
import {
  featureBucket,
  type PrivateCaseModel,
  privateCaseFeatures,
  privateCaseLogit,
  type RuleReading,
  readPrivateCase,
} from '../../shared/policy/private-case.js';
import { PRIVATE_CASE_MODEL } from '../../shared/policy/private-case-weights.js';
import { decideText } from './helpers.js';

const event = (text: string) => ({
  text,
  author: { id: 'a' },
  channel: 'comment' as const,
  platform: 'facebook' as const,
});

const rules = (overrides: Partial<RuleReading> = {}): RuleReading => ({
  intent: 'order_delivery',
  complex: true,
  negative: true,
  concern: true,
  unclear: false,
  personalData: [],
  reasons: ['language:de(words)', 'intent:order_delivery(paket)', 'complex:unhappy_about_own_case'],
  evidence: ['possessive', 'domain=order_delivery'],
  ...overrides,
});

/** A model with no weights: its log-odds are its bias, whatever the message says. */
const constantModel = (bias: number): PrivateCaseModel => ({
  bits: 4,
  scale: 1,
  bias,
  clearBelow: -1,
  addAbove: 0,
  weights: Buffer.alloc(16).toString('base64'),
});

describe('what the learned reading of a private case sees', () => {
  it('folded words and word pairs, numbers by their length, the rules and evidence by name', () => {
    const features = privateCaseFeatures(event('Wo bleibt MEIN Päckchen 12345?'), rules());
    expect(features).toEqual(
      expect.arrayContaining([
        'w=wo',
        'w=mein',
        'w=packchen',
        'b=mein_packchen',
        'w=#5',
        'w=?',
        'rules_complex=true',
        'intent=order_delivery',
        'rule=intent:order_delivery',
        'rule=complex:unhappy_about_own_case',
        'evidence=possessive',
        'evidence=domain=order_delivery',
        'negative',
        'concern',
      ]),
    );
  });

  it('neither the channel, the platform, the length nor the language and hours found', () => {
    const features = privateCaseFeatures(event('hallo'), rules());
    expect(features.filter((f) => /channel|platform|length|language|business_hours/.test(f))).toEqual([]);
  });

  it('puts a feature in a stable bucket (FNV-1a), the same in training and in the responder', () => {
    // FNV-1a of "a" is 0xe40c292c; its low 15 bits
    expect(featureBucket('a', 15)).toBe(0x292c);
    expect(featureBucket('w=paket', 15)).toBeLessThan(1 << 15);
  });
});

describe('when the learned reading decides', () => {
  it('never against a firm finding: personal data posted stays private', () => {
    const firm = rules({
      reasons: [...rules().reasons, 'complex:personal_data'],
      personalData: ['tracking_number'],
    });
    expect(readPrivateCase(event('PX123456789DE wo ist es'), firm, constantModel(-9))).toEqual({
      complex: true,
    });
  });

  it('clears a private case of the rules only when it is sure, and says so', () => {
    expect(readPrivateCase(event('paket weg'), rules(), constantModel(-0.5))).toEqual({ complex: true });
    expect(readPrivateCase(event('paket weg'), rules(), constantModel(-3))).toEqual({
      complex: false,
      reason: 'not_complex:learned_reading(0.05)',
    });
  });

  it('leaves a message without words to the rules: there is nothing for it to weigh', () => {
    expect(readPrivateCase(event('📦❌ 😤 ?!'), rules(), constantModel(-9))).toEqual({ complex: true });
    expect(readPrivateCase(event('📦 ok'), rules(), constantModel(-9)).complex).toBe(false);
  });

  it('makes a simple case of the rules private over even odds, and says so', () => {
    const simple = rules({ complex: false, reasons: ['intent:question(wie)'] });
    expect(readPrivateCase(event('paket weg'), simple, constantModel(-0.5))).toEqual({ complex: false });
    expect(readPrivateCase(event('paket weg'), simple, constantModel(2))).toEqual({
      complex: true,
      reason: 'complex:learned_reading(0.88)',
    });
  });

  it('reads the weights it was given: one heavy word moves the log-odds by its weight over √n', () => {
    const features = ['w=refund'];
    const weights = Buffer.alloc(16);
    weights.writeInt8(100, featureBucket('w=refund', 4));
    const model = { ...constantModel(0), scale: 0.02, weights: weights.toString('base64') };
    expect(privateCaseLogit(features, model)).toBeCloseTo(2, 6);
    expect(privateCaseLogit(['w=refund', 'w=other'], model)).toBeCloseTo(2 / Math.SQRT2, 6);
  });
});

describe('in the policy', () => {
  it('a where-is-my question about the own order still goes private', () => {
    expect(decideText({ text: 'wo bleibt meine Lieferung', channel: 'comment' }).complex).toBe(true);
  });

  it('an outage others see too gets a public answer first, with a person to follow up', () => {
    const d = decideText({
      text: 'STREAMING DOWN AGAIN?? whole street has no tv since 8',
      channel: 'mention',
      platform: 'x',
    });
    expect(d.complex).toBe(false);
    expect(d.handoff).toBe(true);
    expect(d.publicReply?.text).toBeTruthy();
  });
});

describe('the committed model', () => {
  it('is what training on the tuning sets gives (npm run train:private-case -- --write)', () => {
    const { brand, others } = labelledSetBrands();
    const trained = quantise(train(loadExamples(TRAINING_SETS, brand, others)));
    expect({ ...trained, weights: '' }).toEqual({ ...PRIVATE_CASE_MODEL, weights: '' });
    const committed = Buffer.from(PRIVATE_CASE_MODEL.weights, 'base64');
    const fresh = Buffer.from(trained.weights, 'base64');
    expect(fresh.length).toBe(committed.length);
    expect(fresh.equals(committed)).toBe(true);
  }, 60_000);
});
