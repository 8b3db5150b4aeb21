/**
 * An emergency that is over, told in a thank-you: the rescue words ("Krankenwagen", "Notarzt",
 * "ambulance") name the help that came, and nobody needs the crisis team now.
 */
import type { Features } from './features.js';

/** told afterwards: the danger is over ("letzte Woche", "yesterday", "musste kommen") */
const TOLD_AFTERWARDS =
  /(?<!\p{L})(?:letzte[nrs]? (?:woche|monat|jahr|winter|sommer)|gestern|vorgestern|damals|musste|mussten|last (?:week|month|year|winter|summer)|yesterday|had to|la semaine dernière|l'an dernier|l'hiver dernier|ieri|la settimana scorsa|l'anno scorso)(?!\p{L})/iu;

/** the danger words that name the help that came, not the danger itself (folded, as features read them) */
const RESCUE_WORDS: ReadonlySet<string> = new Set([
  'krankenwagen',
  'notarzt',
  'rettung',
  'rettungswagen',
  'rettungsdienst',
  'sanitaet',
  'sanitaeter',
  'ambulanz',
  'ambulance',
  'ambulanza',
  'feuerwehr',
  'pompiers',
  'polizei',
  'police',
  'polizia',
  'paramedic',
  'paramedics',
  'soccorsi',
  'notruf',
]);

/**
 * A thank-you for help in an emergency that is over ("Danke an die Zustellerin, die letzte Woche
 * den Krankenwagen gerufen hat"): the danger words tell the story, nobody is in danger now. Not
 * when the thanks are ironic, a question is asked, the message also complains, or it names
 * the danger itself ("gestern hat es gebrannt") rather than only the help that came.
 */
export function thanksAfterEmergency(f: Features, ironic: boolean): boolean {
  const { hits } = f;
  return (
    hits.safety.every((word) => RESCUE_WORDS.has(word)) &&
    hits.praise.length + hits.gratitude.length > 0 &&
    hits.complaint.length === 0 &&
    !f.sentences.questionMark &&
    !ironic &&
    TOLD_AFTERWARDS.test(f.raw)
  );
}
