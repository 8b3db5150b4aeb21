/**
 * A customer asking for their data to be erased (GDPR Art. 17): "löscht meine Daten", "delete my
 * data", "DSGVO Löschung", "right to be forgotten". Such a message always goes to a person with
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
const LAW = new Set(['dsgvo', 'gdpr', 'datenschutz', 'datenschutzgrundverordnung']);
const PHRASES = [
  'right to be forgotten',
  'right to erasure',
  'recht auf vergessenwerden',
  'recht auf vergessen werden',
  'recht auf löschung',
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
  return erase && object ? `erasure_request(${erase}, ${object})` : undefined;
}

/** The reason's code, as hand-offs and the agent view carry it. */
export const isErasureRequestReason = (reason: string) => reason.startsWith('erasure_request');
