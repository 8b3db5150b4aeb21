import type { francAll } from 'franc-min';

/**
 * Language of a short social post. A small function-word and letter-pattern score for German
 * and English decides when it has clear evidence; otherwise franc-min's trigram model, limited to
 * the brand's languages, decides; with no usable text at all, the brand's default language is
 * used. The comparison with other detectors is in docs/policy.md.
 *
 * The trigram model is most of the policy's weight in a Lambda bundle and most posts never need
 * it, so it is loaded apart (`loadTrigramModel`): detectLanguage stays synchronous and refuses a
 * text that needs the model before it is loaded.
 */

const GERMAN_WORDS = new Set(
  (
    'der die das den dem des ein eine einen einem einer und oder aber nicht nich net ned kein keine keinen ' +
    'ich du er sie es wir ihr mich mir dich dir uns euch euer eure mein meine meinen meinem meiner dein ' +
    'ist sind war waren bin bist hat habe hab haben hatte wird werden wurde kann können könnt konnte ' +
    'muss soll will wollte schon noch mal doch auch nur sehr bitte danke dank gerne hallo moin servus ' +
    'seit für über mit von bei nach zum zur vom im am auf aus wie wo wann warum wieso was wer welche ' +
    'heute gestern morgen immer wieder jetzt hier dort da dann denn weil wenn dass ob oder sondern ' +
    'nix nichts alles mehr weg los ja nein genau echt gar ganz leider endlich eigentlich einfach ' +
    'euer eurem euren eurer hab isch nen ne nem gibt gibts geht macht an unser unsere unseren sein seine ' +
    'bis ohne gegen um durch man sich so wie zu einfach bester beste schön schöne grüße gut toll super klappt ' +
    'leute hallo liebe lieber viele vielen grad gerade bitte halt eh eben sogar trotzdem wegen statt'
  ).split(' '),
);

const ENGLISH_WORDS = new Set(
  (
    'the a an and or but not no is are was were be been am i you he she it we they me my mine your ' +
    'our us them their this that these those to of in on at for from with by about as into over ' +
    'has have had do does did done will would can could should shall may might must just still ' +
    'again already yet why where when what who which how please thanks thank hi hello hey there ' +
    'here now today yesterday tomorrow never ever always all any some more very so too really ' +
    "its it's i'm im ive i've dont don't didn't doesn't can't cant won't isn't wasn't u ur lol pls " +
    'thx gonna wanna got get getting guys literally since week weeks days nice one ok okay cool great good ' +
    'best love like yourselves yourself someone anyone everyone nobody again if then than only also'
  ).split(' '),
);

/** letter patterns typical of one language, counted once per word (bounded: a stem of 40 letters is no word) */
const GERMAN_PATTERNS = /sch|[äöüß]|ung\b|keit\b|heit\b|lich\b|chen\b|tz|ck\b|ei|ie\b|\bge\p{L}{3,40}t\b/u;
const ENGLISH_PATTERNS = /th|wh|ing\b|ght|\p{L}ed\b|tion\b|ly\b|ou|ea|ay\b|y\b/u;

const WORD = /[\p{L}']+/gu;

export interface LanguageGuess {
  language: string;
  /** which evidence decided: the word score, the trigram model, or the brand's default */
  method: 'words' | 'trigrams' | 'default';
  scores: { de: number; en: number };
}

/** ISO 639-1 (brand files) to ISO 639-3 (franc) for the languages franc-min knows that brands may use */
const ISO3: Record<string, string> = {
  de: 'deu',
  en: 'eng',
  fr: 'fra',
  es: 'spa',
  it: 'ita',
  nl: 'nld',
  pt: 'por',
  pl: 'pol',
  tr: 'tur',
};

let trigramModel: typeof francAll | undefined;

/** Loads franc-min's trigram model, once. */
export async function loadTrigramModel(): Promise<void> {
  trigramModel ??= (await import('franc-min')).francAll;
}

export class TrigramModelNotLoaded extends Error {
  constructor() {
    super('the word score is unsure of this text: await loadTrigramModel() before detectLanguage');
  }
}

function withoutLinksAndHandles(text: string): string {
  return text.replace(/https?:\/\/\S+|www\.\S+/giu, ' ').replace(/[@#][\p{L}\p{N}_.]+/gu, ' ');
}

function scoreText(cleaned: string): { de: number; en: number } {
  let de = 0;
  let en = 0;
  for (const word of cleaned.toLowerCase().match(WORD) ?? []) {
    if (GERMAN_WORDS.has(word)) de += 2;
    if (ENGLISH_WORDS.has(word)) en += 2;
    if (/[äöüß]/u.test(word)) de += 1.5;
    if (word.length >= 3) {
      if (GERMAN_PATTERNS.test(word)) de += 0.5;
      if (ENGLISH_PATTERNS.test(word)) en += 0.5;
    }
  }
  return { de, en };
}

function wordScoreDecides(scores: { de: number; en: number }, languages: readonly string[]): boolean {
  const winner = scores.de > scores.en ? 'de' : 'en';
  return Math.abs(scores.de - scores.en) >= 1 && languages.includes(winner);
}

function trigramLanguages(languages: readonly string[]): string[] {
  return languages.map((l) => ISO3[l]).filter((l): l is string => l !== undefined);
}

function trigramsCanRead(cleaned: string, languages: readonly string[]): boolean {
  return trigramLanguages(languages).length > 0 && /\p{L}{2}/u.test(cleaned);
}

/** Whether telling the language of `text` needs the trigram model: the word score is unsure. */
export function needsTrigramModel(text: string, languages: readonly string[]): boolean {
  const cleaned = withoutLinksAndHandles(text);
  return !wordScoreDecides(scoreText(cleaned), languages) && trigramsCanRead(cleaned, languages);
}

export function detectLanguage(
  text: string,
  languages: readonly string[],
  defaultLanguage: string,
): LanguageGuess {
  const cleaned = withoutLinksAndHandles(text);
  const scores = scoreText(cleaned);
  if (wordScoreDecides(scores, languages)) {
    return { language: scores.de > scores.en ? 'de' : 'en', method: 'words', scores };
  }
  if (trigramsCanRead(cleaned, languages)) {
    if (!trigramModel) throw new TrigramModelNotLoaded();
    const [best] = trigramModel(cleaned, { only: trigramLanguages(languages), minLength: 1 });
    const language = best && best[1] > 0 ? Object.keys(ISO3).find((k) => ISO3[k] === best[0]) : undefined;
    if (language) return { language, method: 'trigrams', scores };
  }
  return { language: defaultLanguage, method: 'default', scores };
}
