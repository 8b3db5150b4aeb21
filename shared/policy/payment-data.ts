/**
 * Payment data in a text: IBANs and payment card numbers, where they are, whether their check
 * digits hold, and the text with them masked. The policy reads the findings (kinds, and whether
 * the brand hides the comment); the store and the hand-offs keep only the masked text.
 */

/** A payment number found in a text, by character offsets. */
export interface PaymentDataSpan {
  kind: 'iban' | 'payment_card';
  start: number;
  end: number;
  /** the check digits hold (IBAN mod 97, card Luhn); an unverified one was announced as an IBAN */
  verified: boolean;
  /** which rule found it */
  rule: 'iban_checksum' | 'iban_announced' | 'card_luhn';
  /** its last four characters, for the masked form */
  last4: string;
}

/** A payment number in a stored text: what it was and how the text shows it now. */
export interface MaskedPaymentData {
  kind: 'iban' | 'payment_card';
  /** the placeholder in the text, e.g. `[IBAN …3000]` */
  masked: string;
  /** the check digits held (a mistyped IBAN announced as one is masked all the same) */
  verified: boolean;
}

const IBAN_CANDIDATE = /\b[a-z]{2}\d{2}(?:[ ]?[a-z0-9]){11,32}/giu;
const IBAN_CONTEXT = /\b(?:iban|bankverbindung|konto(?:nummer)?|bank account|account)\b\W{0,12}$/iu;
/**
 * The length of each country's IBAN (SWIFT's IBAN registry). Only these are checked, at exactly
 * their length: trying several lengths of an unknown prefix would let about one random string in
 * five pass mod 97 somewhere (a parcel number running into the next words, say).
 */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

/** ISO 7064 mod 97-10 as used by IBAN: move the first four characters to the end, letters A=10..Z=35. */
export function ibanChecksumValid(iban: string): boolean {
  const compact = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

/** The Luhn check of a payment card number (digits only). */
export function luhnValid(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** How many characters of `raw` (with spaces) hold its first `compactLength` non-space characters. */
function rawLength(raw: string, compactLength: number): number {
  let seen = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== ' ') seen++;
    if (seen === compactLength) return i + 1;
  }
  return raw.length;
}

/**
 * An IBAN as written in groups of four ("CH09 0900 0000 3012 3456"), compact: the groups up to the
 * first one without a digit (a word after the number); the whole run when it has no spaces.
 */
function writtenGroups(raw: string): string {
  const groups = raw.split(' ');
  let end = 1;
  while (end < groups.length && /\d/.test(groups[end] ?? '')) end++;
  return groups.slice(0, end).join('').toUpperCase();
}

/**
 * IBAN-shaped strings: a valid one (mod 97), or one announced as an IBAN and long enough (a
 * mistyped IBAN is still bank data posted in public). An IBAN-shaped string with a wrong checksum
 * and no announcement is returned as `claimed` only, so no other rule reads it as a phone number.
 */
export function findIbanSpans(text: string): { found: PaymentDataSpan[]; claimed: Array<[number, number]> } {
  const found: PaymentDataSpan[] = [];
  const claimed: Array<[number, number]> = [];
  for (const match of text.matchAll(IBAN_CANDIDATE)) {
    const raw = match[0];
    const compact = raw.replace(/ /g, '').toUpperCase();
    const countryLength = IBAN_LENGTH[compact.slice(0, 2)];
    if (countryLength === undefined) continue;
    const written = writtenGroups(raw);
    // as registered; else as written in groups, a digit short or long (checked at that one length only)
    const atCountryLength =
      compact.length >= countryLength && ibanChecksumValid(compact.slice(0, countryLength));
    const asWritten = !atCountryLength && written.length !== countryLength && ibanChecksumValid(written);
    if (!atCountryLength && !asWritten && compact.length < countryLength) continue;
    const valid = atCountryLength || asWritten;
    const start = match.index ?? 0;
    const length = asWritten ? written.length : countryLength;
    const end = start + rawLength(raw, length);
    claimed.push([start, end]);
    const announced = !valid && IBAN_CONTEXT.test(text.slice(Math.max(0, start - 30), start));
    if (!valid && !announced) continue;
    found.push({
      kind: 'iban',
      start,
      end,
      verified: valid,
      rule: valid ? 'iban_checksum' : 'iban_announced',
      last4: compact.slice(length - 4, length),
    });
  }
  return { found, claimed };
}

/**
 * Card numbers as people write them: 13 to 19 digits in one run, or in the usual groups of four
 * (16 and 19 digits, and 15 as 4-4-4-3) or 4-6-5 / 4-6-4 (Amex, Diners), with spaces or dashes. The issuer digit
 * (2 to 6: Mastercard, Visa, Amex, Discover, JCB, UnionPay, Maestro) and the Luhn check are
 * checked in code; a longer run of digits is no card, but an expiry date may follow ("… 04/29").
 */
const CARD_CANDIDATE =
  /(?<![\d-])(?:[2-6]\d{12,18}|[2-6]\d{3} \d{4} \d{4} \d{3,4}(?: \d{3})?|[2-6]\d{3}-\d{4}-\d{4}-\d{3,4}(?:-\d{3})?|[2-6]\d{3} \d{6} \d{4,5}|[2-6]\d{3}-\d{6}-\d{4,5})(?!\d|[ -](?!(?:0[1-9]|1[0-2])\/(?:20)?\d{2}(?![\d/]))\d)/g;

/** Payment card numbers with a valid Luhn check digit, outside the spans already claimed. */
export function findCardSpans(
  text: string,
  claimed: ReadonlyArray<readonly [number, number]>,
): PaymentDataSpan[] {
  const found: PaymentDataSpan[] = [];
  for (const match of text.matchAll(CARD_CANDIDATE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (claimed.some(([s, e]) => start < e && s < end)) continue;
    const digits = match[0].replace(/\D/g, '');
    if (!luhnValid(digits)) continue;
    found.push({
      kind: 'payment_card',
      start,
      end,
      verified: true,
      rule: 'card_luhn',
      last4: digits.slice(-4),
    });
  }
  return found;
}

/** Every IBAN and card number in a text, in order. */
export function findPaymentData(text: string): PaymentDataSpan[] {
  const ibans = findIbanSpans(text);
  const cards = findCardSpans(text, ibans.claimed);
  return [...ibans.found, ...cards].sort((a, b) => a.start - b.start);
}

const LABEL: Record<PaymentDataSpan['kind'], string> = { iban: 'IBAN', payment_card: 'card' };

/** How a masked number reads in the text: its kind and last four characters, `[IBAN …3000]`. */
export const maskedForm = (span: Pick<PaymentDataSpan, 'kind' | 'last4'>) =>
  `[${LABEL[span.kind]} …${span.last4}]`;

/**
 * The text with every IBAN and card number replaced by its masked form, and what was masked.
 * The same text masked again stays as it is.
 */
export function maskPaymentData(text: string): { text: string; masked: MaskedPaymentData[] } {
  const spans = findPaymentData(text);
  if (spans.length === 0) return { text, masked: [] };
  let out = '';
  let from = 0;
  for (const span of spans) {
    out += text.slice(from, span.start) + maskedForm(span);
    from = span.end;
  }
  out += text.slice(from);
  return {
    text: out,
    masked: spans.map((s) => ({ kind: s.kind, masked: maskedForm(s), verified: s.verified })),
  };
}

/**
 * A message as the table and the hand-offs keep it: IBANs and card numbers masked (the policy
 * read the text before; the full numbers are never written), with what was masked beside the text.
 */
export function maskedMessage<T extends { text: string; masked?: MaskedPaymentData[] }>(message: T): T {
  const { text, masked } = maskPaymentData(message.text);
  if (masked.length === 0) return message;
  return { ...message, text, masked: [...(message.masked ?? []), ...masked] };
}
