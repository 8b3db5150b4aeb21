import { describe, expect, it } from 'vitest';
import { findPaymentData, luhnValid, maskPaymentData } from '../../shared/policy/payment-data.js';

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

describe('IBANs are found only where a country has them', () => {
  it('does not read a parcel number running into the next words as an IBAN', () => {
    const text = 'Otto-Kommentar: mein Paket PX333333333DE ist seit einer Woche unterwegs, wo bleibt es?';
    expect(findPaymentData(text)).toEqual([]);
    expect(maskPaymentData(text).text).toBe(text);
  });

  it('finds none in ten thousand random strings of an unknown country code, and a valid one at its exact length', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    for (let i = 0; i < 10_000; i++) {
      const tail = Array.from({ length: 24 }, () => alphabet[random() % alphabet.length]).join('');
      const text = `Nummer PX${String(random() % 100).padStart(2, '0')}${tail} bitte`;
      expect(findPaymentData(text)).toEqual([]);
    }
    const [found] = findPaymentData('IBAN DE89 3704 0044 0532 0130 00 ist meine');
    expect(found).toMatchObject({ kind: 'iban', verified: true, last4: '3000' });
  });
});

describe('IBANs as people write them, a digit short or long of the registry length', () => {
  it('finds a grouped Swiss IBAN one digit short when its checksum holds at the written length', () => {
    const [found] = findPaymentData('Rückzahlung bitte auf CH35 0483 0123 4567 8901 danke');
    expect(found).toMatchObject({ kind: 'iban', verified: true, last4: '8901' });
    const [announced] = findPaymentData('mon IBAN CH35 0483 0123 4567 8901 pour le remboursement');
    expect(announced).toMatchObject({ kind: 'iban', verified: true, last4: '8901' });
  });

  it('still needs the mod-97 check: the same shape with a wrong checksum and no announcement is no IBAN', () => {
    expect(findPaymentData('Rückzahlung bitte auf CH36 0483 0123 4567 8901 danke')).toEqual([]);
  });
});
