import type { Brand } from './brand.js';

/**
 * Someone posing as the brand's support under its posts: phishing aimed at the brand's customers.
 * It speaks as the brand (a name that carries the brand's name and a support word, written as a
 * handle, a signature, or with "write to us" or "I'm from") and leads off the platform (WhatsApp,
 * Telegram, a link, "link in bio") or asks for card data, codes or passwords. The brand's own
 * messages never reach the policy, so whoever writes this is not the brand. An answer from the
 * brand beside it would lend it the brand's voice: a person reports it instead.
 */

const SUPPORT_WORD =
  /^(?:support|supporto|kundenservice|kundendienst|service|helpdesk|help|hilfe|aide|assistenza|assistance|care|official|officiel|offiziell|ufficiale|team)$/iu;
/** the first word after the handles a reply opens with ("@ParcelExpress ParcelExpress_Care here!") */
const FIRST_WORD = /^(?:@[\p{L}\p{N}_]+\s+)*(\S+)/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** words joined into one name: "Alpenbahn_Support_Official", "Assistenza_Alpenbahn_IT" */
const JOINER = /[_.-]/u;
/** the brand's name, then a support word: "ParcelExpress Kundenservice", "Alpenbahn Help Desk" */
const SUPPORT_AFTER_NAME =
  /^[\s-]{0,3}(?:support|kundenservice|kundendienst|service client|service|help ?desk|hilfe|aide|care|team)\b/iu;
/** speaking as that service: to the customer as "us", or "I'm from" */
const AS_THE_SERVICE =
  /(?<!\p{L})(?:schreib (?:uns|mir)|schreibt uns|schreiben sie uns|kontaktiere uns|kontaktieren sie uns|contact us|message us|dm us|text us|write to us|envoyez-nous|écrivez-nous|contactez-nous|scrivici|contattaci|ich bin vom|i'?m from|je suis du|sono dell?)(?!\p{L})/iu;
/** a signature: the name after a dash or a tilde at the end of the text */
const SIGNATURE_DASH = /[–—~-]\s*$/u;
/** a messenger or the profile's link: where no care team sends its customers */
const OFF_PLATFORM =
  /whatsapp|telegram|wa\.me|t\.me\/|link in (?:unserer|der|our|my|meiner) bio|lien dans (?:notre|la|ma) bio|link nella (?:nostra )?bio/iu;
const LINK = /https?:\/\/|www\./iu;
const ASKS_FOR_SECRETS =
  /card details|card number|\bcvv\b|\bcvc\b|\bpin\b|password|passwort|kartendaten|kartennummer|numéro de (?:votre )?carte|code de sécurité|dati della (?:tua |vostra )?carta|(?:bestätigen sie|bestätige) (?:ihre|deine) daten|confirm your (?:details|data|account)/iu;

/** How the message poses as the brand's support, if it does and leads its readers astray. */
export function impersonationCues(
  raw: string,
  authorNames: ReadonlyArray<string | undefined>,
  brand: Brand,
  names: RegExp,
): string[] {
  const own = new Set(
    Object.values(brand.accounts).flatMap((accounts) => accounts.map((a) => handleKey(a.username))),
  );
  // a name that is the writer's (the author's, or one opening or signing the text) may lead to any
  // link; a name said in a sentence ("ich bin vom X Kundenservice") only with a messenger or a
  // request for secrets: a customer's complaint about the service often links a photo
  const named = [
    ...(authorNames.some((name) => name && !own.has(handleKey(name)) && supportName(name, names))
      ? ['author name']
      : []),
    ...joinedSupportNames(raw, names).filter((name) => !own.has(handleKey(name))),
  ];
  const spoken = spokenSupportNames(raw, names);
  const lure = [OFF_PLATFORM.exec(raw)?.[0], ASKS_FOR_SECRETS.exec(raw)?.[0]].filter(
    (cue) => cue !== undefined,
  );
  const link = LINK.exec(raw)?.[0];
  if (named.length > 0 && (lure.length > 0 || link))
    return [...named, ...spoken, ...lure, ...(link ? [link] : [])];
  return spoken.length > 0 && lure.length > 0 ? [...spoken, ...lure] : [];
}

/** a name as written in a handle: lower case, without an "@" */
function handleKey(name: string): string {
  return name.replace(/^@/u, '').toLowerCase();
}

/**
 * The brand's name and a support word in one joined name, as the writer's own: opening the text
 * ("Alpenbahn_Support_Official: ...", after the handles a reply starts with) or signing it. A
 * customer who tells of "someone called 'Alpenbahn_Support_Refunds'" names the impersonator.
 */
function joinedSupportNames(raw: string, names: RegExp): string[] {
  const text = raw.trim();
  const last = text.split(/\s+/u).at(-1) ?? '';
  const candidates = [
    FIRST_WORD.exec(text)?.[1],
    signedAt(text, text.length - last.length) ? last : undefined,
  ];
  return [...new Set(candidates)]
    .map((word) => (word === undefined ? '' : withoutOuterSigns(word)))
    .filter((name) => JOINER.test(name) && supportName(name, names));
}

/** the name at `at` signs the text: a dash or a tilde just before it */
function signedAt(text: string, at: number): boolean {
  return SIGNATURE_DASH.test(text.slice(Math.max(0, at - 20), at));
}

/** "'Alpenbahn_Support':" as the name it quotes: the signs around it taken off */
function withoutOuterSigns(chunk: string): string {
  const chars = [...chunk];
  let from = 0;
  let to = chars.length;
  while (from < to && !LETTER_OR_DIGIT.test(chars[from] as string)) from++;
  while (to > from && !LETTER_OR_DIGIT.test(chars[to - 1] as string)) to--;
  return chars.slice(from, to).join('');
}

function supportName(name: string, names: RegExp): boolean {
  names.lastIndex = 0;
  const carriesBrand = names.test(name);
  names.lastIndex = 0;
  return carriesBrand && name.split(/[\s_.-]+/u).some((part) => SUPPORT_WORD.test(part));
}

/**
 * "ParcelExpress Kundenservice 24/7 … schreib uns", "Ich bin vom Alpenbahn Kundenservice",
 * "– Alpenbahn Help Desk 24/7": the service named, and the message speaking as it or signed with it.
 */
function spokenSupportNames(raw: string, names: RegExp): string[] {
  const asTheService = AS_THE_SERVICE.test(raw);
  const found: string[] = [];
  for (const match of raw.matchAll(names)) {
    const at = match.index ?? 0;
    const after = SUPPORT_AFTER_NAME.exec(raw.slice(at + match[0].length));
    if (after && (asTheService || signedAt(raw, at))) found.push(`${match[0]}${after[0]}`.trim());
  }
  return found;
}
