import { describe, expect, it } from 'vitest';
import { luhnValid, maskPaymentData } from '../../shared/policy/payment-data.js';

describe('Luhn check', () => {
  it('accepts test card numbers and refuses a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('378282246310005')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('41111')).toBe(false);
  });
});

describe('masking payment data in stored text', () => {
  it('replaces an IBAN and a card by their kind and last four characters', () => {
    const { text, masked } = maskPaymentData(
      'Bitte auf DE89 3704 0044 0532 0130 00 erstatten, abgebucht von 4111 1111 1111 1111.',
    );
    expect(text).toBe('Bitte auf [IBAN …3000] erstatten, abgebucht von [card …1111].');
    expect(masked).toEqual([
      { kind: 'iban', masked: '[IBAN …3000]', verified: true },
      { kind: 'payment_card', masked: '[card …1111]', verified: true },
    ]);
  });

  it('masks a mistyped IBAN announced as one, and leaves other numbers alone', () => {
    expect(maskPaymentData('IBAN DE12 3456 7890 1234 5678 90 (neu)').text).toBe('IBAN [IBAN …7890] (neu)');
    const plain = 'Sendung PX123456789DE, Tel 0171 2345678, Bestellung 88812345, Karte 4111 1111 1111 1112';
    expect(maskPaymentData(plain)).toEqual({ text: plain, masked: [] });
  });

  it('keeps an IBAN written without spaces and in lower case unreadable', () => {
    const { text } = maskPaymentData('gb82west12345698765432 bitte');
    expect(text).toBe('[IBAN …5432] bitte');
    expect(maskPaymentData(text).text).toBe(text);
  });
});
