import type { PersonalDataKind } from './decision.js';
import { type NumberFinding, overlaps } from './shipment-numbers.js';

/**
 * Order, customer, contract, policy and claim numbers as customers announce them: "Bestellung
 * 4410-2026-1187", "Commande n° 88401-FR-2291", "Kundennummer 88 420 117", "Codice cliente 8802 119
 * 374", "Policennummer 4.118.220.9", a booking code "Buchung AB-6C4V8J" (travel briefs count booking
 * and travel-pass numbers as the customer's own number, like a contract). Every shop and insurer has its own format, so the label says
 * what the number is; the brand's own patterns (personalDataPatterns) still come first.
 */

const ORDER_LABEL =
  /(?<![\p{L}\p{N}])(?:bestellung|bestellnummer|bestell-nr|bestellnr|auftragsnummer|auftrag|order|commande|ordine|zamówienie|zamówienia|sipariş(?: numarası)?|pedido|encomenda|bestelling|bestelnummer)(?![\p{L}])/giu;
const CUSTOMER_LABEL =
  /(?<![\p{L}\p{N}])(?:kunden?nummer|(?:ag|ga)(?=[ -]?\d{3,4}-)|(?:ag|ga|abo|abonnement)(?= ?\(?(?:nr\b|n°))|(?:\p{L}{2,12}-)?abo(?= \d{2,4}-\d)|fall(?= [a-z]{1,4}-\d)|fallnummer|réservation de groupe|prenotazione di gruppo|group booking|gruppenreservation|gruppenbuchung|client(?= \d)|billett(?:-?nr|nummer)|(?:numero|numéro|n°) (?:del |du |de )?(?:biglietto|billet)|ticket(?: number| no|[ -]?nr|nummer)|dossier|rechnungsnummer|rechnung|invoice (?:number|no)|(?:numéro de )?facture|(?:numero (?:di )?)?fattura|ref(?:erence|erenz)?|référence|riferimento|n\. cliente|kunden-nr|kundennr|vertragskonto|vertragsnummer|vertrags-nr|vertragsnr|policennummer|polizzennummer|versichertennummer|versicherungsnummer|mitgliedsnummer|bahncard-nummer|abo-nummer|abonummer|abonnementsnummer|swisspass-nummer|ga-nummer|abo-nr|abo nr|buchungsnummer|buchung|buechigsnummer|buchigsnummer|bestätigungsnummer|bestaetigungsnummer|bestätigung|confirmation (?:number|no|code)|reservierung|reservierungsnummer|reservationsnummer|schadennummer|schadensnummer|zählernummer|customer (?:number|no|id)|account (?:number|no)|contract (?:number|no)|policy (?:number|no)|claim (?:number|no)|membership (?:number|no)|booking (?:ref(?:erence)?|number|no|code)|booking|reservation|réservation|\p{L}{0,12}pass[ -](?:nr|no|number|nummer)|numéro (?:de |d')?(?:réservation|abo(?:nnement)?(?: général)?)|n° (?:de |d')?(?:réservation|abonnement)|numéro (?:de )?(?:client|contrat|police|sinistre)|n° (?:de )?client|codice cliente|numero (?:di )?(?:cliente|contratto|polizza|pratica|sinistro|prenotazione|abbonamento)|prenotazione|abbonamento(?: annuale)?|pratica|abonnement annuel|numéro de (?:la )?carte(?! bancaire| de crédit| de credit)|boekingsnummer|reserveringsnummer|klantnummer)(?![\p{L}])/giu;

/**
 * What follows the label: separators and a "no."-word, then digit groups joined by one dash, dot,
 * slash or blank (letter groups only between dashes: "88401-FR-2291"), or a shop prefix ("AMZ-").
 * Read on a short slice after the label, so its work is bounded whatever the message holds.
 */
const NUMBER_AFTER_LABEL =
  /^[\s:#.°º(-]{0,4}(?:(?:ist|lautet|war|is|was|était|est|c'est|è|era)(?: le| la| il)? )?(?:(?:n[°º.]?|no\.?|nr\.?|number|nummer|numéro|numero)[\s:#.°º-]{0,3})?([a-z]{1,4}-\d{2,10}-[a-z]{2,4}|(?:[a-z]{1,4}-|[a-z]{2,4} (?=\d[\d -]{5,}\d))?\d{1,12}(?:[-./ ](?:\d{1,12}|[a-z]{2,3}(?=-))){0,6}|[a-z]{1,4}-[a-z0-9]{5,10}|\d[a-z0-9]{1,7}(?:-[a-z0-9]{2,8}){1,3}|[a-z0-9]{2,6}(?:-[a-z0-9]{2,8}){1,3})(?![\p{L}\p{N}])/iu;
/** how many characters after a label the number is read in */
const SLICE = 60;
/** a date, an amount or a time is no order or customer number */
const NOT_A_NUMBER = /^\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?$|^\d{4}-\d{2}-\d{2}$/u;

function numbersAfter(text: string, label: RegExp, kind: PersonalDataKind, rule: string): NumberFinding[] {
  const found: NumberFinding[] = [];
  for (const match of text.matchAll(label)) {
    const from = (match.index ?? 0) + match[0].length;
    const after = NUMBER_AFTER_LABEL.exec(text.slice(from, from + SLICE));
    const number = after?.[1];
    if (!after || !number) continue;
    const digits = number.replace(/\D/g, '').length;
    if (digits < (/[a-z]/iu.test(number) ? 2 : 5) || NOT_A_NUMBER.test(number)) continue;
    if (/^\s?(?:€|%|eur|chf|uhr|h\b)/iu.test(text.slice(from + after[0].length))) continue;
    const start = from + after[0].length - number.length;
    found.push({ kind, rule, start, end: start + number.length });
  }
  return found;
}

/** Order and customer numbers announced by their label, in any format; a number two labels announce ("abonnement n° GA-…") once. */
export function findAnnouncedNumbers(text: string): NumberFinding[] {
  const found = [
    ...numbersAfter(text, ORDER_LABEL, 'order_number', 'order_number_announced'),
    ...numbersAfter(text, CUSTOMER_LABEL, 'customer_number', 'customer_number_announced'),
  ];
  return found.filter((n, i) => !overlaps(found.slice(0, i), n.start, n.end));
}
