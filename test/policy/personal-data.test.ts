import { describe, expect, it } from 'vitest';
import { findPersonalData, ibanChecksumValid } from '../../shared/policy/personal-data.js';
import { parcelExpress } from './helpers.js';

const kinds = (text: string) => findPersonalData(text, parcelExpress).map((f) => f.kind);

describe('IBAN checksum (ISO 7064 mod 97-10)', () => {
  it('accepts valid IBANs with and without spaces', () => {
    expect(ibanChecksumValid('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(ibanChecksumValid('DE89370400440532013000')).toBe(true);
    expect(ibanChecksumValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanChecksumValid('ch9300762011623852957')).toBe(true);
  });
  it('rejects a changed digit and swapped digits', () => {
    expect(ibanChecksumValid('DE89 3704 0044 0532 0130 01')).toBe(false);
    expect(ibanChecksumValid('DE98 3704 0044 0532 0130 00')).toBe(false);
  });
});

describe('personal data in public posts', () => {
  it.each([
    ['Schreibt mir an max.mustermann@web.de', 'email'],
    ['my email is jane_doe+parcels@example.co.uk thanks', 'email'],
    ['erreichbar unter anna.schmidt(at)gmx.de', 'email'],
    // round 5: an "@" on a line of its own, a dash as the phone number's separator
    ['die Adresse ist\nmarc.perrin\n@\nbluewin.ch\nmerci', 'email'],
    ['Tel. 0711 – 48 22 19 ab 18 Uhr', 'phone'],
    ['Ruft mich an: 0171 2345678', 'phone'],
    ['Tel. 030/12345678 bitte zurückrufen', 'phone'],
    ['call me on +44 20 7946 0958', 'phone'],
    ['+49 (0)151-234 567 89 ist meine Nummer', 'phone'],
    ['0049 171 2345678', 'phone'],
    ['US number (555) 123-4567 please', 'phone'],
    ['Handy 1745566778', 'phone'],
    ['Meine IBAN: DE89 3704 0044 0532 0130 00', 'iban'],
    ['refund to GB82WEST12345698765432 please', 'iban'],
    ['IBAN DE12 3456 7890 1234 5678 90 (neues Konto)', 'iban'],
    ['Sendung PX123456789DE hängt fest', 'tracking_number'],
    ['px 123 456 789 de', 'tracking_number'],
    ['Sendungsnummer 00340434161234567890', 'tracking_number'],
    ['tracking number: 1Z999AA10123456784', 'tracking_number'],
    ['Bestellung ORD-1234567 fehlt', 'order_number'],
    ['Bestellnummer 88812345 bitte prüfen', 'order_number'],
    ['order #4412345 never arrived', 'order_number'],
    ['Kundennummer KD1234567', 'customer_number'],
    ['meine Kundennummer ist 55512345', 'customer_number'],
    ['Lieferadresse Hauptstraße 12, 10115 Berlin', 'postal_address'],
    ['wohne in der Berliner Straße 5a', 'postal_address'],
    ['Am Mühlbach 4 in Erlangen', 'postal_address'],
    ['left at 221B Baker Street instead', 'postal_address'],
    ['my postcode is SW1A 1AA', 'postal_address'],
  ])('%s -> %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    'Das Paket hat 49,99 € gekostet, Versand 4,95 €.',
    'Bestellt am 12.03.2025, angekündigt für 01.04.2025',
    'Flug LH 1234 hatte 2 Stunden Verspätung',
    'flight BA 2490 delayed again, since 2019 every time',
    'Seit 2019 Kunde, 3 Pakete in 10 Tagen verloren',
    'wartet seit 14:30 Uhr, 20% Rabatt versprochen',
    'Zahlung am 2025-03-12 über $129.00',
    'DE89 3704 0044 0532 0130 01 war nur ein Beispiel',
    'Mein Sitzplatz 12 war kaputt',
    '10000 Follower sehen das',
    'Das dauert 3 Tage und 2 Stunden',
  ])('finds nothing in the decoy "%s"', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('lists each kind once and finds several kinds in one post', () => {
    const found = kinds('PX123456789DE und PX987654321DE, Mail: a.b@c.de, Tel 0171 2345678');
    expect(found.sort()).toEqual(['email', 'phone', 'tracking_number']);
  });
});

describe('a phone number in a WhatsApp link', () => {
  it('finds the number a wa.me link carries (after blind set 4 was read)', () => {
    const kinds = findPersonalData('Melde dich direkt hier: wa.me/41791234567', parcelExpress).map(
      (f) => f.kind,
    );
    expect(kinds).toEqual(['phone']);
  });
});

describe('personal data next to an IBAN', () => {
  it('still finds a phone number written after an IBAN', () => {
    expect(kinds('IBAN DE89 3704 0044 0532 0130 00 Tel 0171 2345678').sort()).toEqual(['iban', 'phone']);
  });
});

describe('payment card numbers (Luhn)', () => {
  it.each([
    ['Meine Karte 4111 1111 1111 1111 wurde belastet', 'payment_card'],
    ['Kreditkarte: 5555-5555-5555-4444, bitte erstatten', 'payment_card'],
    ['charged twice on card 4012888888881881!', 'payment_card'],
    ['Amex 3782 822463 10005 was used', 'payment_card'],
    ['Diners 3056 930902 5904 please refund', 'payment_card'],
    ['Visa 4111 1111 1111 1111 003 (19 Stellen)', 'payment_card'],
  ])('%s -> %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    'Karte 4111 1111 1111 1112 (falsche Prüfziffer)',
    'my card 5555-5555-5555-4445 is blocked',
    'Sendungsnummer 00340434161234567890',
    'Bestellnummer 1234567890123 ist weg',
    'Referenz 0111 1111 1111 1111 ohne Kartennummer',
    'Kontonummer 4111 1111 1111 1111 1111 ist zu lang für eine Karte',
  ])('no card in "%s"', (text) => {
    expect(kinds(text)).not.toContain('payment_card');
  });

  it('a card number is no phone number, and a valid IBAN is no card', () => {
    expect(kinds('Karte 4111 1111 1111 1111')).toEqual(['payment_card']);
    expect(kinds('IBAN DE89370400440532013000')).toEqual(['iban']);
  });

  it('marks verified findings: a valid IBAN and a card, not an announced mistyped IBAN', () => {
    const verified = (text: string) =>
      findPersonalData(text, parcelExpress).map((f) => [f.kind, f.verified ?? false]);
    expect(verified('IBAN DE89 3704 0044 0532 0130 00')).toEqual([['iban', true]]);
    expect(verified('IBAN DE12 3456 7890 1234 5678 90')).toEqual([['iban', false]]);
    expect(verified('card 4111111111111111')).toEqual([['payment_card', true]]);
  });
});

// written for this test in our own words
describe('an IBAN right after a carrier’s name is an IBAN', () => {
  it.each([
    'Die Kündigung ging per Post raus. Konto für die Rückzahlung: CH9300762011623852957',
    'Hab alles per DHL zurückgeschickt, Erstattung bitte auf DE89370400440532013000',
  ])('%s', (text) => {
    const kinds = findPersonalData(text, parcelExpress).map((f) => f.kind);
    expect(kinds).toContain('iban');
    expect(kinds).not.toContain('tracking_number');
  });

  it('a carrier’s number with card-like digits stays a tracking number', () => {
    const kinds = findPersonalData('DPD Paketnummer 0123 4567 8901 23 kam nie an', parcelExpress).map(
      (f) => f.kind,
    );
    expect(kinds).toEqual(['tracking_number']);
  });
});
