/**
 * A customer who fell for a scam and gave something away: card or bank details typed into a fake
 * page, an account taken over, a card used by someone else ("hab auf den Link geklickt und meine
 * Kartendaten eingegeben", "my account was hacked", "quelqu'un a utilisé ma carte"). A specialist
 * takes it at once (L2, urgent): the card may need blocking today. Asking whether a message is a
 * scam ("ist das fake?", "didn't click it") is no such case.
 */
/** German: the details and the typing in one sentence ("meine Kartendaten hab ich eingegeben") */
const DETAILS = /(?:karten|kreditkarten|bank|konto|zugangs|login)daten|kreditkarte|iban|passwort/iu;
const TYPED_IN = /(?<!\p{L})(?:eingegeben|eingetippt|angegeben)(?!\p{L})/iu;
const SENTENCE_BREAK = /[.!?\n]/u;
const GAVE_AWAY =
  /(?:put|entered|typed|gave)(?: in)? (?:my|her|his|our) (?:card|credit card|bank details|card details|iban|pin|password)|(?:rentré|entré|saisi|donné) (?:mes|ses) (?:coordonnées|données|informations) bancaires|(?:inserito|dato) i (?:miei )?dati (?:della carta|bancari)/iu;
const TAKEN_OVER =
  /(?:konto|kundenkonto|account|compte|profil[eo]?)(?:'s| ist| is| wurde| was| got| a été| è stato)? (?:gehackt|hacked|piraté|hackerato|drained|leergeräumt)|(?:quelqu'un a utilisé|on a utilisé) ma carte|clonato la carta|jemand hat (?:mit )?meine[rn]? (?:karte|kreditkarte)|unauthori[sz]ed (?:charges?|payments?|transactions?|debits?)|nicht autorisierte (?:abbuchung|zahlung|lastschrift)/iu;

/** a near miss: "hätte fast meine Kartendaten eingegeben", "nearly typed in my card" */
const NEAR_MISS = /(?<!\p{L})(?:fast|beinahe|almost|nearly|failli|quasi|per poco)(?!\p{L})/iu;

/** `fraud_victim(<words>)` when the customer says they gave details away or lost control, else undefined. */
export function fraudVictim(text: string): string | undefined {
  const gave = GAVE_AWAY.exec(text)?.[0] ?? typedInDetails(text);
  const found = gave && !NEAR_MISS.test(text) ? gave : TAKEN_OVER.exec(text)?.[0];
  return found ? `fraud_victim(${found.slice(0, 60)})` : undefined;
}

/** The German details word of the first sentence that also says they were typed in. */
function typedInDetails(text: string): string | undefined {
  for (const sentence of text.split(SENTENCE_BREAK)) {
    const details = DETAILS.exec(sentence);
    const typed = details && TYPED_IN.exec(sentence);
    if (details && typed) return `${details[0]} ${typed[0]}`;
  }
  return undefined;
}
