/**
 * A customer who fell for a scam and gave something away: card or bank details typed into a fake
 * page, an account taken over, a card used by someone else ("hab auf den Link geklickt und meine
 * Kartendaten eingegeben", "my account was hacked", "quelqu'un a utilisé ma carte"). A specialist
 * takes it at once (L2, urgent): the card may need blocking today. Asking whether a message is a
 * scam ("ist das fake?", "didn't click it") is no such case.
 */
const GAVE_AWAY =
  /(?:(?:karten|kreditkarten|bank|konto|zugangs|login)daten|kreditkarte|iban|pin|passwort)[^.!?\n]{0,40}?(?:eingegeben|eingetippt|angegeben)|(?:put|entered|typed|gave)(?: in)? (?:my|her|his|our) (?:card|credit card|bank details|card details|iban|pin|password)|(?:rentré|entré|saisi|donné) (?:mes|ses) (?:coordonnées|données|informations) bancaires|(?:inserito|dato) i (?:miei )?dati (?:della carta|bancari)/iu;
const TAKEN_OVER =
  /(?:konto|kundenkonto|account|compte|profil[eo]?)(?:'s| ist| is| wurde| was| got| a été| è stato)? (?:gehackt|hacked|piraté|hackerato|drained|leergeräumt)|(?:quelqu'un a utilisé|on a utilisé) ma carte|clonato la carta|jemand hat (?:mit )?meine[rn]? (?:karte|kreditkarte)|unauthori[sz]ed (?:charges?|payments?|transactions?|debits?)|nicht autorisierte (?:abbuchung|zahlung|lastschrift)/iu;

/** a near miss: "hätte fast meine Kartendaten eingegeben", "nearly typed in my card" */
const NEAR_MISS = /(?<!\p{L})(?:fast|beinahe|almost|nearly|failli|quasi|per poco)(?!\p{L})/iu;

/** `fraud_victim(<words>)` when the customer says they gave details away or lost control, else undefined. */
export function fraudVictim(text: string): string | undefined {
  const gave = GAVE_AWAY.exec(text);
  const found = gave && !NEAR_MISS.test(text) ? gave : TAKEN_OVER.exec(text);
  return found ? `fraud_victim(${found[0].slice(0, 60)})` : undefined;
}
