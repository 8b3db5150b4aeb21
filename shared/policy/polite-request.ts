import type { CueHits } from './features.js';

/**
 * "Merci de confirmer par écrit", "merci de me rappeler", "merci de revoir ça": in French, thanks
 * followed by a verb asks for something to be done. It is a request, not praise; thanks for what
 * was done ("merci d'avoir retrouvé mon sac", "merci de votre aide") stay thanks.
 */
const MERCI_DE =
  /(?<!\p{L})merci(?: bien| beaucoup)? d(?:e |')(?:(?:me|m'|nous|vous|le|la|les|l'|bien) ?){0,2}(\p{L}+)/giu;
const INFINITIVE = /(?:er|ir|re)$/u;
const NOT_A_REQUEST: ReadonlySet<string> = new Set(['avoir', 'être', 'votre', 'notre', 'rien', 'lire']);
const THANKS: ReadonlySet<string> = new Set(['merci']);

/** Whether the text asks for something with "merci de" and a verb. */
function asksWithThanks(raw: string): boolean {
  for (const match of raw.matchAll(MERCI_DE)) {
    const word = (match[1] as string).toLowerCase();
    if (INFINITIVE.test(word) && !NOT_A_REQUEST.has(word)) return true;
  }
  return false;
}

/** The cue hits without the thanks that only ask for something: the request cue ("merci de") stays. */
export function withoutAskingThanks(hits: CueHits, raw: string): CueHits {
  if (!hits.praise.some((w) => THANKS.has(w)) || !asksWithThanks(raw)) return hits;
  return {
    ...hits,
    praise: hits.praise.filter((w) => !THANKS.has(w)),
    gratitude: hits.gratitude.filter((w) => !THANKS.has(w)),
  };
}
