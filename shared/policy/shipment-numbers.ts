import type { PersonalDataKind } from './decision.js';

/**
 * Carriers' tracking numbers and shop order numbers as customers post them, each format with its
 * check digit where it has one (a number that fails its check is a mistyped number or no number).
 * These are the customer's own shipments: posted in public they let anyone follow the parcel to a
 * door, so they count as personal data like the brand's own numbers.
 */
export interface NumberFinding {
  kind: PersonalDataKind;
  rule: string;
  start: number;
  end: number;
}

/** Whether [start, end) shares a character with one of the spans already found. */
export function overlaps(
  spans: ReadonlyArray<{ start: number; end: number }>,
  start: number,
  end: number,
): boolean {
  return spans.some((s) => start < s.end && s.start < end);
}

// fixed-length shapes, optional single blanks between the groups: no repeat can overlap another
/** UPU S10 (Deutsche Post, Swiss Post, Royal Mail, La Poste ...): RR 12345678 9 DE */
const UPU_S10 = /(?<![\p{L}\p{N}])[a-z]{2} ?\d{3} ?\d{3} ?\d{3} ?[a-z]{2}(?![\p{L}\p{N}])/giu;
/** UPS: 1Z, six characters of the shipper, two of the service, seven of the parcel, a check digit (not tested: the shape alone is UPS's) */
const UPS_1Z = /(?<![\p{L}\p{N}])1z(?: ?[0-9a-z]){16}(?![\p{L}\p{N}])/giu;
/** DHL parcel label numbers: JJD and 12 to 22 digits */
const DHL_JJD = /(?<![\p{L}\p{N}])jjd(?: ?\d){12,22}(?![\p{L}\p{N}])/giu;
/** GS1 SSCC on parcel labels (DHL, DPD, GLS): 00 and 18 digits, the last a mod-10 check digit */
const SSCC = /(?<![\p{L}\p{N}])00(?: ?\d){18}(?!\d)/gu;
/** DHL parcel codes: 00 and DHL's company prefix 340434 (the label's SSCC, read also without its check) */
const DHL_PARCEL_PREFIX = '00340434';
/** a web shop's order number in the 3-7-7 digit form: 302-1234567-1234567 */
const SHOP_ORDER = /(?<![\p{N}-])\d{3}-\d{7}-\d{7}(?![\p{N}-])/gu;
/** a carrier or a tracking announcement: the number after it is a tracking number */
const CARRIER_CONTEXT =
  /(?<![\p{L}\p{N}])(?:dhl|dpd|hermes|gls|ups|fedex|tnt|evri|parcelforce|royal mail|postnl|swiss ?post|post|colissimo|chronopost|poste|brt|sda|sendungs-?(?:nummer|nr)|tracking(?:-?(?:nummer|number|nr|id|code))?|paketnummer|paket-nr|numéro de suivi|numero di (?:tracking|spedizione)|sendung|colis|pacco|parcel)(?![\p{L}\p{N}])/giu;
/** one run of capitals and digits: 8 to 24 characters, most of them digits */
const NUMBER_TOKEN = /(?<![\p{L}\p{N}])[a-z]{0,2}\d[0-9a-z]{7,21}(?![\p{L}\p{N}])/giu;
/** a number with its carrier in brackets after it: "14782360019472 (DPD)" */
const NUMBER_THEN_CARRIER =
  /(?<![\p{L}\p{N}])[a-z]{0,2}\d[0-9a-z]{7,21}\s?\((?:dhl|dpd|hermes|gls|ups|fedex|tnt|evri|postnl)\)/giu;
/** a carrier's number written in groups of four: "Hermes Nummer 0142 8830 1957 26" */
const GROUPED_TOKEN = /(?<![\p{N}])\d{4}(?: \d{2,4}){2,5}(?![\p{N}])/u;
/** the UPU S10 shape with a digit too few or too many ("PX63012874DE" after "Sendung"): a mistyped parcel number */
const S10_SHAPE = /^[a-z]{2}\d{8,10}[a-z]{2}$/i;
/** how far after a carrier's name its number may stand */
const CONTEXT_WINDOW = 60;
/** words for a shipment that name no carrier, and how far after them a number may stand */
const WEAK_CONTEXT: ReadonlySet<string> = new Set(['sendung', 'colis', 'pacco', 'parcel']);
const WEAK_CONTEXT_WINDOW = 20;

/** UPU S10: eight serial digits weighted 8 6 4 2 3 5 9 7, check = 11 - sum mod 11 (10 -> 0, 11 -> 5). */
export function s10CheckValid(compact: string): boolean {
  const digits = compact.slice(2, 11);
  if (!/^\d{9}$/.test(digits)) return false;
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = weights.reduce((total, w, i) => total + w * Number(digits[i]), 0);
  const check = 11 - (sum % 11);
  return (check === 10 ? 0 : check === 11 ? 5 : check) === Number(digits[8]);
}

/** GS1 mod 10: weights 3 and 1 from the right of the data digits. */
export function gs1CheckValid(digits: string): boolean {
  const data = digits.slice(0, -1);
  let sum = 0;
  for (let i = 0; i < data.length; i++) sum += Number(data[data.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return (10 - (sum % 10)) % 10 === Number(digits.at(-1));
}

/** A number that reads like a phone number (0 or 00 and 9 to 12 more digits, or after a +): left to the phone search. */
function phoneLike(token: string, before: string | undefined): boolean {
  return before === '+' || /^(?:0[1-9]\d{8,11}|00[1-9]\d{8,12})$/.test(token);
}

function findAll(
  text: string,
  re: RegExp,
  accept: (compact: string) => boolean,
  kind: PersonalDataKind,
  rule: string,
): NumberFinding[] {
  const found: NumberFinding[] = [];
  for (const match of text.matchAll(re)) {
    if (!accept(match[0].replace(/ /g, ''))) continue;
    const start = match.index ?? 0;
    found.push({ kind, rule, start, end: start + match[0].length });
  }
  return found;
}

const carrierNumber = (start: number, end: number): NumberFinding => ({
  kind: 'tracking_number',
  rule: 'carrier_number',
  start,
  end,
});

/**
 * The number in the window after a carrier's name (`from` is where the window starts in `text`):
 * one written in groups of four, else the first token of mostly digits or in the S10 shape.
 */
function numberInWindow(
  text: string,
  window: string,
  from: number,
  weak: boolean,
  taken: readonly NumberFinding[],
): NumberFinding | undefined {
  const grouped = weak ? null : GROUPED_TOKEN.exec(window);
  if (grouped && grouped[0].replace(/\D/g, '').length >= 12) {
    const start = from + grouped.index;
    if (!overlaps(taken, start, start + grouped[0].length))
      return carrierNumber(start, start + grouped[0].length);
  }
  for (const match of window.matchAll(NUMBER_TOKEN)) {
    const token = match[0];
    const digits = token.replace(/\D/g, '').length;
    const start = from + (match.index ?? 0);
    const mostlyDigits = digits >= (weak ? 10 : 8) && digits >= token.length - 2;
    if (!(mostlyDigits || S10_SHAPE.test(token)) || phoneLike(token, text[start - 1])) continue;
    if (!overlaps(taken, start, start + token.length)) return carrierNumber(start, start + token.length);
  }
  return undefined;
}

/**
 * Numbers of 8 to 24 characters, mostly digits, written shortly after a carrier's name or
 * "tracking" (DHL piece numbers, DPD, Hermes, GLS: formats without a check the text could test).
 */
function numbersAfterCarrier(text: string, taken: readonly NumberFinding[]): NumberFinding[] {
  const found: NumberFinding[] = [];
  for (const context of text.matchAll(CARRIER_CONTEXT)) {
    const from = (context.index ?? 0) + context[0].length;
    // "Sendung", "colis", "parcel" name no carrier: only a long number right after them counts
    const weak = WEAK_CONTEXT.has(context[0].toLowerCase());
    const window = text.slice(from, from + (weak ? WEAK_CONTEXT_WINDOW : CONTEXT_WINDOW));
    const number = numberInWindow(text, window, from, weak, taken);
    if (number) found.push(number);
  }
  for (const match of text.matchAll(NUMBER_THEN_CARRIER)) {
    const start = match.index ?? 0;
    const end = start + match[0].indexOf('(');
    if (!overlaps([...taken, ...found], start, end)) found.push(carrierNumber(start, end));
  }
  return found;
}

/** Carriers' tracking numbers (with their check digits) and 3-7-7 shop order numbers in a text. */
export function findShipmentNumbers(text: string): NumberFinding[] {
  const checked = [
    ...findAll(text, UPU_S10, s10CheckValid, 'tracking_number', 'upu_s10'),
    // the 1Z shape alone is specific: a number copied with a wrong check digit is still the customer's parcel
    ...findAll(text, UPS_1Z, () => true, 'tracking_number', 'ups_1z'),
    ...findAll(text, DHL_JJD, () => true, 'tracking_number', 'dhl_jjd'),
    ...findAll(
      text,
      SSCC,
      (c) => gs1CheckValid(c) || c.startsWith(DHL_PARCEL_PREFIX),
      'tracking_number',
      'sscc',
    ),
    ...findAll(text, SHOP_ORDER, () => true, 'order_number', 'shop_order_3_7_7'),
  ];
  return [...checked, ...numbersAfterCarrier(text, checked)];
}
