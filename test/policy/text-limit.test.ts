import { describe, expect, it } from 'vitest';
import { POLICY_TEXT_LIMIT, triage } from '../../shared/policy/index.js';
import { findPersonalData } from '../../shared/policy/personal-data.js';
import { decideText, parcelExpress } from './helpers.js';

/** A calm opening padded with words to exactly `length` characters. */
function padded(length: number): string {
  const opening = 'Hallo, eine Frage zu eurem Service. ';
  return opening + 'bla '.repeat(length).slice(0, length - opening.length);
}

const author = { id: 'customer-1' };

describe('the policy reads a bounded prefix of a long text', () => {
  it('is 5,000 characters', () => {
    expect(POLICY_TEXT_LIMIT).toBe(5_000);
  });

  it('finds personal data inside the prefix and not after it', () => {
    const inside = `${padded(POLICY_TEXT_LIMIT - 20)} PX123456789DE`;
    const after = `${padded(POLICY_TEXT_LIMIT + 10)} PX123456789DE`;
    expect(findPersonalData(inside, parcelExpress).map((f) => f.kind)).toEqual(['tracking_number']);
    expect(findPersonalData(after, parcelExpress)).toEqual([]);
    expect(triage({ text: after, author, channel: 'comment' }, parcelExpress).personalData).toEqual([]);
  });

  it('decides a 100 KB text as it decides its prefix', () => {
    const long = `${padded(POLICY_TEXT_LIMIT)}Anwalt! Mein Paket ist kaputt, ORD-1234567${' bla'.repeat(25_000)}`;
    expect(decideText({ text: long })).toEqual(decideText({ text: long.slice(0, POLICY_TEXT_LIMIT) }));
  });

  it('does not split an emoji at the bound', () => {
    const text = `${'a'.repeat(POLICY_TEXT_LIMIT - 1)}📦 wo ist es`;
    const t = triage({ text, author, channel: 'comment' }, parcelExpress);
    expect(t.reasons.join(' ')).not.toContain('\uFFFD');
    expect(
      triage({ text: 'a'.repeat(POLICY_TEXT_LIMIT - 1), author, channel: 'comment' }, parcelExpress),
    ).toEqual(t);
  });
});
