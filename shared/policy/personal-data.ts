import { findAnnouncedNumbers } from './announced-numbers.js';
import type { Brand } from './brand.js';
import type { PersonalDataKind } from './decision.js';
import { findCardSpans, findIbanSpans, type PaymentDataSpan } from './payment-data.js';
import { findShipmentNumbers, overlaps } from './shipment-numbers.js';
import { ALPINE_POSTAL_RULES } from './street-addresses.js';
import { policyText } from './text-limit.js';
import { findWrittenOutEmail } from './written-out-email.js';

export { ibanChecksumValid } from './payment-data.js';

/**
 * Personal data a customer posted. Kinds and reasons only: the policy never copies the data
 * itself anywhere (the reply does not repeat it, the decision lists only the kinds).
 */
export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** which rule found it, for the decision's reasons */
  rule: string;
  /** the check digits hold (IBAN mod 97, card Luhn): what a brand hides comments for */
  verified?: true;
}

interface Span {
  start: number;
  end: number;
}

// the address starts where its run of characters starts (a start inside the run would read it again)
// and its domain ends where the host does, so no label is tried both as a label and as the top level
const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+(?:@|\s?[([]at[)\]]\s?|\s{1,3}@\s{1,3})[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,}(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/giu;

/**
 * IBANs and cards. An IBAN with valid check digits wins over a carrier's number around it ("per
 * Post geschickt. Konto: CH56…"); a card number never takes one (`carrierNumbers`).
 */
function findPayment(
  text: string,
  found: PersonalDataFinding[],
  spans: Span[],
  carrierNumbers: Span[],
): void {
  const ibans = findIbanSpans(text);
  const claimedBefore = [...spans, ...carrierNumbers].map((s): [number, number] => [s.start, s.end]);
  for (const iban of ibans.found) {
    if (!overlaps(spans, iban.start, iban.end)) found.push(findingOf(iban));
  }
  // the IBAN itself (and an IBAN-shaped string with a wrong checksum) is no card or phone number either
  for (const [start, end] of ibans.claimed) {
    if (!overlaps(spans, start, end)) spans.push({ start, end });
  }
  for (const card of findCardSpans(text, [...claimedBefore, ...ibans.claimed])) {
    found.push(findingOf(card));
    spans.push({ start: card.start, end: card.end });
  }
}

function findingOf(span: PaymentDataSpan): PersonalDataFinding {
  return { kind: span.kind, rule: span.rule, ...(span.verified ? { verified: true } : {}) };
}

/** Things that look like digits but are not contact data: masked before the phone search. */
const PHONE_DECOYS: RegExp[] = [
  /\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})\b/g, // dates 01.02.2025
  /\b\d{4}-\d{2}-\d{2}\b/g, // ISO dates
  /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/g, // 02/03/2025
  /\b\d{1,2}:\d{2}\b/g, // times
  /(?:€|\$|£|eur|chf)\s?\d[\d.,]*|(?<![\d.,])[.,]*\d[\d.,]*\s?(?:€|\$|£|eur\b|euro|chf|usd)/gi, // prices
  /\b(?:[A-Z]{2,3}|[A-Z]\d|\d[A-Z])\s?[1-9]\d{0,3}\b/g, // flight and train numbers (LH 1234, ICE 578, U2 4521)
];

const PHONE_NUMBER =
  /(?:\+|\b00)[1-9][\d ()/.-]{6,20}\d|(?:\(0\d{1,5}\)|\b0\d{1,5})(?:[ /–-]{0,3}\d){5,12}\b|\(\d{3}\)\s?\d{3}[-. ]\d{4}\b|\b\d{3}-\d{3}-\d{4}\b/g;
const PHONE_CONTEXT =
  /\b(?:tel(?:efon)?|telefonnummer|handy(?:nummer)?|mobil(?:nummer)?|festnetz|rufnummer|phone|cell|mobile|whatsapp|wa\.me|call me|ruf(?:t|en sie)? mich)\b[^\d\n]{0,20}(\d[\d /–-]{5,18}\d)/giu;

function digitsOf(s: string): number {
  return s.replace(/\D/g, '').length;
}

function mask(text: string, spans: Span[]): string {
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + ' '.repeat(s.end - s.start) + out.slice(s.end);
  return out;
}

function findPhones(text: string, found: PersonalDataFinding[], spans: Span[]): void {
  let masked = mask(text, spans);
  for (const decoy of PHONE_DECOYS) masked = masked.replace(decoy, (m) => ' '.repeat(m.length));
  for (const match of masked.matchAll(PHONE_NUMBER)) {
    const digits = digitsOf(match[0]);
    const international = /^(?:\+|00)/.test(match[0]);
    if (digits < (international ? 8 : 7) || digits > 15) continue;
    found.push({ kind: 'phone', rule: international ? 'phone_international' : 'phone_national' });
    return;
  }
  for (const match of masked.matchAll(PHONE_CONTEXT)) {
    const digits = digitsOf(match[1] ?? '');
    if (digits >= 6 && digits <= 15) {
      found.push({ kind: 'phone', rule: 'phone_announced' });
      return;
    }
  }
}

const STREET_SUFFIX =
  '(?:straße|strasse|str\\.|weg|allee|(?<!sitz|park|stell|arbeits|fenster|gang|steh)platz|gasse|ring|damm|ufer|chaussee|steig|pfad|markt|zeile|kamp|stieg|graben|wall|berg|hof|park|feld|garten|anger)';
const STREET_NUMBER =
  '\\s?\\d{1,4}(?:\\s?[a-z](?!\\p{L}))?(?![\\d.,:]|\\s?(?:€|%|uhr|min|tag|std|stund|woche|monat|jahr|mal|stück|km|kg|h\\b|x\\b|week|day|hour|month|year|time))';
// street names start at the start of a word: a start inside a long word would read it again
export const POSTAL_RULES: Array<[string, RegExp]> = [
  // Hauptstraße 5, Hauptstr. 5a, Am Lindenweg 12
  ['street_de', new RegExp(`(?<!\\p{L})\\p{L}{2,}${STREET_SUFFIX}${STREET_NUMBER}`, 'iu')],
  // Berliner Straße 12, Unter den Linden 7 (a capitalised word before a German street word; read
  // from the street word back, so a run of capitalised words is not read again from each of them)
  [
    'street_de_words',
    new RegExp(
      `(?<=(?<![\\p{L}\\p{N}_])\\p{Lu}\\p{L}{1,30}\\s)(?:Straße|Strasse|Str\\.|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer|Chaussee|Markt)${STREET_NUMBER}`,
      'u',
    ),
  ],
  [
    'street_de_prefix',
    /\b(?:Am|An der|An den|Auf dem|Im|In der|Unter den|Zum|Zur)\s\p{Lu}\p{Ll}+\s\d{1,4}[a-z]?\b/u,
  ],
  // 221B Baker Street, 10 Downing St
  [
    'street_en',
    /\b\d{1,5}[a-zA-Z]?\s(?:\p{Lu}\p{L}+\s){1,3}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Dr\.?|Way|Close|Court|Ct\.?|Boulevard|Blvd\.?|Place|Pl\.?|Terrace|Crescent|Square|Sq\.?|Gardens|Grove|Row|Mews|Hill|Park)\b/u,
  ],
  // UK postcode: SW1A 1AA
  ['postcode_uk', /\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b/u],
  // ", 10115 Berlin" after something: a postcode and a town as part of an address line
  ['postcode_de', /(?:,|\bin)\s(?:D-)?\d{5}\s\p{Lu}\p{Ll}{2,}/u],
];

/** Brand patterns are compiled with these flags: global, case-insensitive, Unicode. */
export const BRAND_PATTERN_FLAGS = 'giu';

/** Brand patterns compiled once per brand object. */
const compiledPatterns = new WeakMap<Brand, Array<{ kind: PersonalDataKind; re: RegExp; index: number }>>();

function brandPatterns(brand: Brand) {
  let compiled = compiledPatterns.get(brand);
  if (!compiled) {
    compiled = brand.personalDataPatterns.map((p, index) => ({
      kind: p.kind,
      re: new RegExp(p.pattern, BRAND_PATTERN_FLAGS),
      index,
    }));
    compiledPatterns.set(brand, compiled);
  }
  return compiled;
}

/** Finds the kinds of personal data in a text (each kind once). */
export function findPersonalData(message: string, brand: Brand): PersonalDataFinding[] {
  const text = policyText(message);
  const found: PersonalDataFinding[] = [];
  const spans: Span[] = [];

  for (const match of text.matchAll(EMAIL)) {
    found.push({ kind: 'email', rule: 'email' });
    spans.push({ start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
    break;
  }
  const writtenOut = findWrittenOutEmail(text);
  if (writtenOut) {
    found.push({ kind: 'email', rule: 'email_written_out' });
    spans.push(writtenOut);
  }
  // carriers' numbers first: "Order RB908172638IT" is a tracking number, not an announced order number
  const carrierNumbers: Array<Span & { kind: PersonalDataKind; rule: string }> = [];
  for (const number of findShipmentNumbers(text)) {
    if (overlaps(spans, number.start, number.end)) continue;
    if (number.rule === 'carrier_number') {
      carrierNumbers.push(number);
      continue;
    }
    found.push({ kind: number.kind, rule: number.rule });
    spans.push({ start: number.start, end: number.end });
  }
  for (const { kind, re, index } of brandPatterns(brand)) {
    re.lastIndex = 0;
    for (const match of text.matchAll(re)) {
      const start = match.index ?? 0;
      if (!overlaps(spans, start, start + match[0].length)) {
        found.push({ kind, rule: `brand_pattern_${index}` });
      }
      spans.push({ start, end: start + match[0].length });
    }
  }
  findPayment(text, found, spans, carrierNumbers);
  // a number after a carrier's name is a tracking number, unless it is an IBAN; no phone number either
  for (const number of carrierNumbers) {
    if (overlaps(spans, number.start, number.end)) continue;
    found.push({ kind: number.kind, rule: number.rule });
    spans.push({ start: number.start, end: number.end });
  }
  for (const number of findAnnouncedNumbers(text)) {
    if (overlaps(spans, number.start, number.end)) continue;
    found.push({ kind: number.kind, rule: number.rule });
    spans.push({ start: number.start, end: number.end });
  }
  findPhones(text, found, spans);
  const unmasked = mask(text, spans);
  for (const [rule, re] of [...POSTAL_RULES, ...ALPINE_POSTAL_RULES]) {
    if (re.test(unmasked)) {
      found.push({ kind: 'postal_address', rule });
      break;
    }
  }

  const seen = new Set<PersonalDataKind>();
  return found.filter((f) => {
    if (seen.has(f.kind)) return false;
    seen.add(f.kind);
    return true;
  });
}
