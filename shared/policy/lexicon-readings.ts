/**
 * Cue words for readings that decide whether a care team answers and how (same syntax as
 * lexicon.ts): listings shared, thanks for something done, and an own case in a language the brand
 * does not serve.
 */

/**
 * A case of the customer's own in languages a brand here rarely serves (Spanish, Portuguese,
 * Dutch, Polish, Turkish): the message goes to a person unanswered either way, and these words say
 * whether that person will need the order or account in private.
 */
export const OWN_CASE_UNSERVED = [
  'mi paquete',
  'mi pedido',
  'mi cuenta',
  'mi factura',
  'me cobraron',
  'reembolso',
  'minha encomenda',
  'meu pedido',
  'minha conta',
  'mijn pakket',
  'mijn bestelling',
  'mijn rekening',
  'terugbetaling',
  'moja paczka',
  'moje zamówienie',
  'moje konto',
  'zwrot',
  'kargom',
  'siparişim',
  'hesabım',
  'hesabımdan',
  'faturam',
  'iade',
];

/**
 * Television and radio listings: a channel or "im TV" with a clock time is a listing shared
 * (read with the time in features.ts), no concern for a care team.
 */
export const TV_LISTING = [
  'im tv',
  'heute im tv',
  'im fernsehen',
  'im ersten',
  'ard',
  'zdf',
  '3sat',
  'arte',
  'phoenix',
  'srf',
  'srf 1',
  'srf 2',
  'orf',
  'orf 1',
  'orf 2',
  'rts',
  'rts 1',
  'rsi',
  'rsi la1',
  'la1',
  'rai',
  'rai 1',
  'rai 2',
  'rai 3',
  'tf1',
  'france 2',
  'france 3',
  'm6',
  'bbc one',
  'bbc two',
  'bbc four',
  'channel 4',
  'itv',
  'on tv',
  'à la télé',
  'alla tv',
  'in tv',
  'stasera su',
  'ce soir sur',
  'tonight on',
];

/** Thanks for something done: praise, even when it names what had gone wrong ("nach dem Hagelschaden"). */
export const GRATITUDE = [
  'danke für die',
  'danke für den',
  'danke für das',
  'danke für eure',
  'danke für ihre',
  'vielen dank für',
  'merci vielmal für',
  'merci für',
  'thank you for',
  'thanks for the',
  'thanks for sorting',
  'thanks for fixing',
  'merci pour votre',
  'merci pour le',
  'merci pour la',
  'grazie per il',
  'grazie per la',
  'grazie mille per',
  'fair play',
];
