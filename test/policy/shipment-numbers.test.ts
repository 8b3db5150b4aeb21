import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../shared/policy/personal-data.js';
import { findShipmentNumbers, gs1CheckValid, s10CheckValid } from '../../shared/policy/shipment-numbers.js';
import { findWrittenOutEmail } from '../../shared/policy/written-out-email.js';
import { parcelExpress } from './helpers.js';

// Numbers made up for these tests, with their check digits computed; none is a real shipment.
const kinds = (text: string) => findPersonalData(text, parcelExpress).map((f) => f.kind);

describe('check digits', () => {
  it('UPU S10: weights 8 6 4 2 3 5 9 7, 10 -> 0, 11 -> 5', () => {
    expect(s10CheckValid('EE314159268GB')).toBe(true);
    expect(s10CheckValid('EE314159265GB')).toBe(false);
    expect(s10CheckValid('CP555019230FR')).toBe(true); // remainder gives 11 - 1 = 10 -> 0
  });

  it('GS1 SSCC: weights 3 and 1 from the right', () => {
    expect(gs1CheckValid('00340434123456789012')).toBe(true);
    expect(gs1CheckValid('00340434123456789013')).toBe(false);
  });
});

describe('tracking and shop order numbers as customers post them', () => {
  it.each([
    ['Sendung RR473829103DE liegt im Zoll', 'upu_s10'],
    ['my parcel lx 120 938 474 ch is stuck', 'upu_s10'],
    ['UPS says 1Z4F8E210367812340 was delivered', 'ups_1z'],
    ['Label zeigt JJD00011234567890123', 'dhl_jjd'],
    ['SSCC 00340434123456789012 on the box', 'sscc'],
    ['DPD Paketnummer 01505012345678 hängt im Depot', 'carrier_number'],
    ['Hermes Sendung H1002345678901234567 nie gekommen', 'carrier_number'],
    ['GLS tracking 62437481934 not moving', 'carrier_number'],
    // round 5: the carrier in brackets after the number; a carrier's number in groups of four
    ['el número es 05501288734410 (DPD), gracias', 'carrier_number'],
    ['GLS Nummer 4410 2935 7781 03, angeblich an euch übergeben', 'carrier_number'],
  ])('%s', (text, rule) => {
    expect(findShipmentNumbers(text).map((f) => f.rule)).toContain(rule);
    expect(kinds(text)).toContain('tracking_number');
  });

  it('a UPS 1Z number is one by its shape, also copied with a wrong check digit', () => {
    expect(kinds('1Z999AA10123456785 shows delivered, it is not here')).toEqual(['tracking_number']);
  });

  it('a DHL parcel code (00 340434 ...) is one also without a valid check digit', () => {
    expect(kinds('il mio pacco 00340434199028716631 risulta consegnato')).toEqual(['tracking_number']);
  });

  it('a 14-digit DPD number named after it is no phone number', () => {
    expect(kinds('meine sendung 01505012911476 (dpd) bitte in den paketshop')).toEqual(['tracking_number']);
  });

  it('a 3-7-7 shop order number is an order number', () => {
    expect(kinds('Bestellung 302-1234567-1234567 nicht versandt')).toEqual(['order_number']);
  });

  it('an S10 with a wrong check digit, or an S10-shaped word, is none', () => {
    expect(findShipmentNumbers('ref AB123456789CD please')).toEqual([]);
  });

  it('a number after a carrier that reads like a phone number is left to the phone search', () => {
    expect(kinds('DHL hat mich von 01711234567 angerufen')).toEqual(['phone']);
    expect(kinds('DHL rief von +491711234567 an')).toEqual(['phone']);
  });

  it('an S10 announced as an order is still a tracking number', () => {
    expect(kinds('Order RB908172638IT never arrived')).toEqual(['tracking_number']);
  });
});

describe('e-mail addresses written out', () => {
  it.each([
    'max.muster at firma punkt de',
    'jane.doe (at) example (dot) co (dot) uk',
    'anna.k[at]web[punkt]de',
    'kontakt (at) laden (punkt) ch',
    'info @ shop . ch',
    'anna_k at gmx.de',
    // a less common top-level domain, with "at" and "dot" both written out after a name-like part
    'lea-marie.k at bergpost dot swiss',
    'tom_88 at mailbox dot online',
  ])('%s', (text) => {
    expect(findWrittenOutEmail(text)).toBeDefined();
    expect(kinds(`schreibt mir: ${text}`)).toContain('email');
  });

  it.each([
    'I ordered at amazon.de last week',
    'we were at home dot the whole day',
    'treffen wir uns at the station',
    'we were at home dot then left',
    'arrived at 5.30 at platform dot seven',
  ])('no address: %s', (text) => {
    expect(findWrittenOutEmail(text)).toBeUndefined();
  });
});

describe('phone numbers in international forms', () => {
  it.each([
    '+41 79 123 45 67',
    '0041 79 123 45 67',
    '0043 660 / 123 45 67',
    '+43 (0)660 1234567',
    '+44 (0)20 7946 0958',
    '+49 (0) 30 / 123 456 78',
    '079 123 45 67',
  ])('%s', (number) => {
    expect(kinds(`Ruft mich an: ${number}`)).toContain('phone');
  });
});

describe('addresses in Swiss, Austrian, French and Italian forms', () => {
  it.each([
    'Lieferadresse Bahnhofstrasse 10, 8001 Zürich',
    'bitte an Mariahilfer Straße 45/3/12, 1060 Wien',
    'livrer à Rue du Rhône 12, Genève',
    'livrer au 12 rue de la Paix',
    'consegnare in Via Nassa 5, Lugano',
    'Piazza della Riforma 1 a Lugano',
    // a lower-case street word, with the postcode and the place after it
    'spedire a: via Cantonale 8, 6600 Locarno',
    'mon adresse: chemin des Vignes 3, 1009 Pully',
  ])('%s', (text) => {
    expect(kinds(text)).toContain('postal_address');
  });

  it.each([
    'arrived via DHL 3 days late',
    'Via Roma 3 giorni fa, nessuna notizia',
    'Im ICE 578 Wagen 7',
    'Place 2 orders and get one free',
    'arrived via DHL 3, 6 days late',
  ])('no address: %s', (text) => {
    expect(kinds(text)).not.toContain('postal_address');
  });
});
