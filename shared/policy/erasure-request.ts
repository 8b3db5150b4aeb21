/**
 * A customer asking for their data to be erased (GDPR Art. 17, Swiss DSG/LPD): "löscht meine
 * Daten", "delete my data", "DSGVO Löschung", "right to be forgotten", "supprimez mes données",
 * "droit à l'oubli", "cancellate i miei dati". Such a message always goes to a person with
 * the reason `erasure_request`; a supervisor erases through the agent API or the inbox. Matching
 * is on words (one linear split, then set lookups), so it costs the same on any text.
 */
const ERASE = new Set([
  'löschen',
  'löscht',
  'lösch',
  'lösche',
  'löschung',
  'gelöscht',
  'loeschen',
  'loescht',
  'loeschung',
  'geloescht',
  'entfernen',
  'entfernt',
  'vernichten',
  'delete',
  'deleted',
  'deletion',
  'erase',
  'erased',
  'erasure',
  'remove',
  'removed',
  'wipe',
]);
const DATA = new Set([
  'daten',
  'kundendaten',
  'datensätze',
  'personendaten',
  'informationen',
  'data',
  'information',
  'details',
]);

/** French and Italian: only with their own words for data, "suppression du train … information" is none */
const ERASE_FR_IT = new Set([
  'supprimer',
  'supprimez',
  'supprime',
  'suppression',
  'effacer',
  'effacez',
  'efface',
  'effacement',
  'cancellare',
  'cancellate',
  'cancellazione',
  'eliminare',
  'eliminate',
  'eliminazione',
]);
const DATA_FR_IT = new Set(['données', 'donnees', 'dati']);
const LAW = new Set([
  'dsgvo',
  'gdpr',
  'datenschutz',
  'datenschutzgrundverordnung',
  'dsg',
  'rgpd',
  'lpd',
  'nlpd',
]);
const PHRASES = [
  'right to be forgotten',
  'right to erasure',
  'recht auf vergessenwerden',
  'recht auf vergessen werden',
  'recht auf löschung',
  'droit à l oubli',
  'droit à l effacement',
  'diritto all oblio',
  'diritto alla cancellazione',
];

const WORD_BREAKS = /[^\p{L}\p{N}]+/u;

/** `erasure_request(<words>)` when the text asks for erasure, else undefined. */
export function erasureRequest(text: string): string | undefined {
  const words = text.toLowerCase().split(WORD_BREAKS).filter(Boolean).slice(0, 400);
  const joined = ` ${words.join(' ')} `;
  const phrase = PHRASES.find((p) => joined.includes(` ${p} `));
  if (phrase) return `erasure_request(${phrase})`;
  const erase = words.find((w) => ERASE.has(w));
  const object = words.find((w) => DATA.has(w) || LAW.has(w));
  if (erase && object) return `erasure_request(${erase}, ${object})`;
  const eraseFrIt = words.find((w) => ERASE_FR_IT.has(w));
  const dataFrIt = words.find((w) => DATA_FR_IT.has(w) || LAW.has(w));
  return eraseFrIt && dataFrIt ? `erasure_request(${eraseFrIt}, ${dataFrIt})` : undefined;
}

/** The reason's code, as hand-offs and the agent view carry it. */
export const isErasureRequestReason = (reason: string) => reason.startsWith('erasure_request');
