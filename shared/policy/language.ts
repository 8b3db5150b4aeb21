import type { francAll } from 'franc-min';

/**
 * Language of a short social post. A small function-word and letter-pattern score for German
 * (with Swiss and Austrian forms), English, French, Italian and a few languages brands here rarely
 * serve decides when it has clear evidence; otherwise franc-min's trigram model decides among the
 * same languages, a language the brand does not serve needing a clear lead; with no usable text
 * at all, the brand's default language is used. A message in a language the brand does not serve
 * is reported as such (`served: false`): the decision hands it to a person and answers nothing.
 * The comparison with other detectors is in docs/policy.md.
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
    'leute hallo liebe lieber viele vielen grad gerade bitte halt eh eben sogar trotzdem wegen statt ' +
    // Swiss and Austrian forms
    'grüezi grüessech isch nöd nüt mis mini üsi öppis scho hoi vilmal vielmal gsi het hät chunt uf ' +
    'bitzeli päckli heast oida leiwand hob bissl gscheit jänner paketerl grüß gott ' +
    // the care words themselves: a short post may hold nothing else ("stromausfall in Bielefeld?")
    'stromausfall störung paket sendung lieferung zug verspätung rechnung'
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
    'best love like yourselves yourself someone anyone everyone nobody again if then than only also ' +
    // the care words themselves: "power cut in Düsseldorf Bilk? whole street dark"
    'power cut outage whole street dark train cancelled delivery parcel every single eat shit'
  ).split(' '),
);

/**
 * Function words of the other languages customers write in: French and Italian (served by Swiss
 * brands) and the ones a brand here usually does not serve, so that such a message is recognised
 * and handed to a person instead of being answered in a wrong language. Words shared with German
 * or English ("in", "a", "die", "dat") are left out: they would blur the score.
 */
const OTHER_WORDS: Record<string, Set<string>> = {
  fr: words(
    'le la les un une aux et est sont je tu il elle nous vous ils mes ton votre vos ' +
      "notre nos ce cette ces qui que quoi où pourquoi comment quand pas n'est c'est j'je suis " +
      'avec pour sur dans chez depuis toujours encore déjà très bien merci bonjour bonsoir salut svp ' +
      "s'il vous plaît colis commande livraison retard billet rien jamais aujourd'hui demain " +
      "mais donc alors aussi avez été fait peut veux voudrais j'attends qu'il d'un d'une l'on " +
      "au mon ton son sa ses leur ne tout tous peux puis faire quel quelle voleurs j'ai franchement " +
      "des gagnez gratuit remplissez formulaire voyageurs calendrier allô allo quelqu'un vu gris",
  ),
  it: words(
    'il lo gli le una uno del della dei delle nel nella è sono io tu lui lei noi voi loro mio mia miei ' +
      'tuo vostro nostra che chi cosa dove perché perche quando non su dal dalla ' +
      'ancora già molto grazie buongiorno buonasera salve pacco ordine consegna ritardo treno ' +
      'biglietto niente oggi ieri domani quindi anche avete stato fatto può voglio vorrei ' +
      "sto aspetto c'è questo questa ogni sempre per con alla alle al ai sul sulla nei hai ha abbiamo " +
      'posso come più qualcuno tutto tutti nessuno subito bene vale treni spedite' +
      ' dazi ciao vuoi puoi può quanto quanta costa ci vuole sotto anni bisogna cambiare volte ' +
      'servizio clienti arrivato giorni bravi andiamo giornaliera ragazzi ora apre aperto chiuso ' +
      'ufficio stazione vicino libero privato piedi',
  ),
  es: words(
    'el las una unos está están estoy soy mi mis nuestro qué dónde cómo cuándo porque pero ' +
      'gracias hola buenos buenas paquete pedido entrega todavía nunca hoy ayer mañana también tengo ' +
      'hay muy bien ningún ninguna este esta aquí mira vestido ropa bonito precioso ' +
      'quiero compré billete tren dinero retraso llegó horas maleta encuentro devuelvan perdí vergüenza',
  ),
  nl: words(
    'het een niet ik mijn jullie geen nog waar hoe bedankt alstublieft nooit vandaag gisteren heb ' +
      'hebben wordt geleverd naar voor pakket bestelling zijn wij onze jij bent kunnen graag bij mij ook ' +
      'gewoon werkte moeten iets goedemorgen goedemiddag kunt wil willen ons deze maar omdat welke ' +
      'wanneer waarom kaartje fiets fietsen',
  ),
  pt: words(
    'não está estou meu minha nosso obrigado obrigada olá encomenda entrega ainda nunca hoje ontem ' +
      'amanhã também tenho muito bem você vocês onde quando amei adorei chegou casaco roupa demorou ' +
      'comboio bilhete perdi mala trem sim gente então alguém sabe esqueci comprei bilhetes pessoas ' +
      'aparecem pagamos lotado sem criança pequena esperava semana passada usei olha essa eu isso ' +
      'nós vamos muito obrigada saudade legal agora depois',
  ),
  pl: words(
    'jest moja mój moje gdzie kiedy dlaczego dziękuję dzień dobry paczka paczki zamówienie ' +
      'dostawa jeszcze nigdy dzisiaj wczoraj jutro bardzo dobrze czy się że jak ale już',
  ),
  tr: words(
    'bir ve bu için ile değil yok var nerede neden nasıl zaman teşekkürler merhaba paketim ' +
      'siparişim kargo hala hiç bugün dün yarın çok iyi daha abi yine ne artık lütfen ' +
      'musunuz misiniz mısınız müsünüz miyim mıyım mı mü kadar benim bizim siz sizin ' +
      'gibi çünkü hangi şimdi fiyat fiyatı kaç sadece tamam evet hayır kardeşim',
  ),
  sq: words(
    'është një për në nga unë ju jeni keni kemi dhe ose ku kur pse çfarë ' +
      'faleminderit përshëndetje mirëdita mirë shumë sot nesër dje treni bileta biletë',
  ),
  // Romansh (Sursilvan and Vallader forms): a Swiss language brands here rarely serve
  rm: words(
    'jau nus vus èn avain cun sin betg gea grazia fitg bundi allegra pertge nua tgi tge ' +
      'mintga adina damaun puspè anc bigliet bigliets staziun pon pudai vuless vegn vegnan ' +
      'ina tgau engraziel perstgisai dumonda pussaivel nagin nagina quai ussa',
  ),
  // Hindi written in Latin letters: the words that are Hindi alone
  hi: words(
    'hain kya nahi nahin bahut mera meri humara humari hamara hamari aap aapka aapki ' +
      'kaise kitna kitne bhai yaar accha acha abhi kuch tha thi raha rahe rahi sakte sakta wala ' +
      'wali liye bhi agle hafte namaste dhanyavaad shukriya',
  ),
  sv: words(
    'och är jag inte att som för med har mitt mina till från hej tack vad hur varför när nya ' +
      'älskar snabb leverans kommer paketet',
  ),
  da: words('og jeg ikke af mit mine fra hej tak hvad hvordan hvorfor hvornår aldrig samme pakken kom'),
  hr: words('je nije ja mi vi što kako zašto gdje kada radi cijeli nitko javlja sramota hvala molim'),
  ro: words('este nu sunt și pentru cu din ce cum unde când bună ziua mulțumesc valabil trenurile biletul'),
};

function words(list: string): Set<string> {
  return new Set(list.split(' '));
}

/** letter patterns typical of one language, counted once per word (bounded: a stem of 40 letters is no word) */
const LETTER_PATTERNS: Record<string, RegExp> = {
  de: /sch|[äöüß]|ung\b|keit\b|heit\b|lich\b|chen\b|tz|ck\b|ei|ie\b|\bge\p{L}{3,40}t\b/u,
  en: /th|wh|ing\b|ght|\p{L}ed\b|tion\b|ly\b|ou|ea|ay\b|y\b/u,
  fr: /[éèêàçùôûîœ]|eau|aux\b|oux\b|ette\b|ment\b|qu'/u,
  it: /zione\b|zioni\b|gli|cch|zz|[àìòù]\b|\p{L}{2}ett[oa]\b/u,
  es: /ñ|ción\b|[áíóú]/u,
  nl: /ij|aa|uu|oe/u,
  pt: /ção\b|ões\b|[ãõ]/u,
  pl: /[ąćęłńśźż]|rz|cz|sz/u,
  tr: /[ğış]|[iıuü]yor|m[iıuü]s[iıuü]n[iıuü]z\b/u,
  sq: /ë|xh|gj/u,
  rm: /tg|tsch/u,
  sv: /[å]|ck\b/u,
  da: /[æø]/u,
  hr: /[čćđ]|ij/u,
  ro: /[ăîș]/u,
};
/** letters that belong to one language only: a stronger hint than a pattern */
const OWN_LETTERS: Record<string, RegExp> = {
  de: /[äöüß]/u,
  fr: /[êçœ]/u,
  es: /ñ/u,
  pt: /[ãõ]/u,
  pl: /[ąćęłńśźż]/u,
  tr: /[ğış]/u,
  sq: /ë/u,
  da: /[æø]/u,
  ro: /[ăș]/u,
  hr: /đ/u,
};

const WORD = /[\p{L}']+/gu;

export type LanguageScores = Record<string, number>;

export interface LanguageGuess {
  language: string;
  /** which evidence decided: the word score, the trigram model, or the brand's default */
  method: 'words' | 'trigrams' | 'script' | 'chat_digits' | 'default';
  /** whether the brand answers in this language; when not, the message goes to a person unanswered */
  served: boolean;
  scores: LanguageScores;
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
  sv: 'swe',
  da: 'dan',
  hr: 'hrv',
  ro: 'ron',
};
/** the languages the policy tells apart, served by the brand or not: the trigram model's, and three it lacks */
const KNOWN_LANGUAGES = [...Object.keys(ISO3), 'sq', 'rm', 'hi'];
const TRIGRAM_LANGUAGES = Object.keys(ISO3);

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

function wordLists(language: string): Set<string> | undefined {
  if (language === 'de') return GERMAN_WORDS;
  if (language === 'en') return ENGLISH_WORDS;
  return OTHER_WORDS[language];
}

function scoreText(cleaned: string): LanguageScores {
  const scores: LanguageScores = Object.fromEntries(KNOWN_LANGUAGES.map((l) => [l, 0]));
  // the opening marks "¿" and "¡" are Spanish alone
  scores.es = 2 * (cleaned.match(/[¿¡]/gu)?.length ?? 0);
  for (const word of cleaned.toLowerCase().match(WORD) ?? []) {
    for (const language of KNOWN_LANGUAGES) {
      let points = 0;
      if (wordLists(language)?.has(word)) points += 2;
      if (OWN_LETTERS[language]?.test(word)) points += 1.5;
      if (word.length >= 3 && LETTER_PATTERNS[language]?.test(word)) points += 0.5;
      scores[language] = (scores[language] ?? 0) + points;
    }
  }
  return scores;
}

/** The best two languages by word score. */
function ranked(scores: LanguageScores): [string, number, number] {
  const order = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [first, second] = order;
  return [first?.[0] ?? 'de', first?.[1] ?? 0, second?.[1] ?? 0];
}

/**
 * The language the word score settles on, if it is clear: one point ahead for a language the brand
 * serves, more (two function words, two points ahead) before a message is taken for one it does not.
 */
function wordScoreLanguage(scores: LanguageScores, languages: readonly string[]): string | undefined {
  const [best, score, runnerUp] = ranked(scores);
  if (languages.includes(best)) return score - runnerUp >= 1 ? best : undefined;
  return score >= 4 && score - runnerUp >= 2 ? best : undefined;
}

/**
 * The trigram model named a language the words barely show: half the top word score or less, with
 * the top at least two function words ("Bahut sundar train journey tha!" read as Italian).
 */
function wordsSayOtherwise(scores: LanguageScores, language: string): boolean {
  const [, top] = ranked(scores);
  return top >= 4 && (scores[language] ?? 0) <= top / 2;
}

/** The word score's leader, a language the brand serves first among equals. */
function wordLeader(scores: LanguageScores, languages: readonly string[]): string {
  const [best, top] = ranked(scores);
  return languages.find((language) => scores[language] === top) ?? best;
}

function trigramsCanRead(cleaned: string): boolean {
  return /\p{L}{2}/u.test(cleaned);
}

/** Whether telling the language of `text` needs the trigram model: the word score is unsure. */
export function needsTrigramModel(text: string, languages: readonly string[]): boolean {
  const cleaned = withoutLinksAndHandles(text);
  if (languageByScript(cleaned) || arabicInChatDigits(cleaned)) return false;
  return wordScoreLanguage(scoreText(cleaned), languages) === undefined && trigramsCanRead(cleaned);
}

/**
 * The trigram model's reading among all known languages. A language the brand does not serve must
 * lead clearly (the served ones far behind, and more than a few letters to read), or lead the word
 * score too (or trail its lead of two function words or more by a point at most): short texts are
 * where the model errs, and a wrong "not served" leaves a customer waiting for a person; a wrong
 * "served" answers them in a language they did not write.
 */
function trigramLanguage(
  cleaned: string,
  languages: readonly string[],
  scores: LanguageScores,
): string | undefined {
  if (!trigramModel) throw new TrigramModelNotLoaded();
  const ranking = trigramModel(cleaned, {
    only: TRIGRAM_LANGUAGES.map((l) => ISO3[l] as string),
    minLength: 1,
  });
  const fromIso3 = (code: string) => TRIGRAM_LANGUAGES.find((l) => ISO3[l] === code);
  const best = ranking[0];
  if (!best || best[1] <= 0) return undefined;
  const bestLanguage = fromIso3(best[0]);
  if (bestLanguage && languages.includes(bestLanguage)) return bestLanguage;
  const [wordLead, top] = ranked(scores);
  const wordsAgree = bestLanguage === wordLead || (top >= 4 && (scores[bestLanguage ?? ''] ?? 0) >= top - 1);
  if (bestLanguage && wordsAgree) return bestLanguage;
  const served = ranking.find(([code]) => languages.includes(fromIso3(code) ?? ''));
  const letters = cleaned.replace(/[^\p{L}]/gu, '').length;
  if (bestLanguage && letters >= 12 && (served?.[1] ?? 0) < 0.8) return bestLanguage;
  return served ? fromIso3(served[0]) : undefined;
}

/**
 * Scripts that name their language on their own: Arabic, Cyrillic, Greek, Hebrew, Japanese, Korean,
 * Chinese, Thai, Devanagari (Hindi), Bengali, Tamil, Armenian, Georgian.
 */
const SCRIPTS: ReadonlyArray<[language: string, letters: RegExp]> = [
  ['ar', /\p{Script=Arabic}/gu],
  ['ru', /\p{Script=Cyrillic}/gu],
  ['el', /\p{Script=Greek}/gu],
  ['he', /\p{Script=Hebrew}/gu],
  ['ja', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['ko', /\p{Script=Hangul}/gu],
  ['zh', /\p{Script=Han}/gu],
  ['th', /\p{Script=Thai}/gu],
  ['hi', /\p{Script=Devanagari}/gu],
  ['bn', /\p{Script=Bengali}/gu],
  ['ta', /\p{Script=Tamil}/gu],
  ['hy', /\p{Script=Armenian}/gu],
  ['ka', /\p{Script=Georgian}/gu],
];
const LATIN = /\p{Script=Latin}/gu;
/** Ukrainian letters Russian does not have */
const UKRAINIAN = /[іїєґ]/iu;

/** The language of a text written mostly in a script other than Latin (Japanese mixes kana with Chinese characters). */
function languageByScript(cleaned: string): string | undefined {
  const latin = cleaned.match(LATIN)?.length ?? 0;
  for (const [language, letters] of SCRIPTS) {
    const count = cleaned.match(letters)?.length ?? 0;
    if (count === 0 || count < latin) continue;
    if (language === 'ru' && UKRAINIAN.test(cleaned)) return 'uk';
    return language;
  }
  return undefined;
}

/**
 * Arabic written in Latin letters with digits for the sounds Latin lacks ("3andi", "ya3ref",
 * "mte3kom", "7abibi"): two such words make the text Arabic, which no word list or trigram model
 * here knows. Not a count, an ordinal or a unit ("3rd", "5ème", "9am", "mp3").
 */
const CHAT_DIGIT_WORD = /^(?:[3579][aeiou]\p{L}+|\p{L}+[3579]\p{L}+|\p{L}{3,}[3579])$/u;
const COUNT_OR_UNIT = /^\d(?:am|er|ers|ern|es|eme|ème|ieme|ième|ore|uhr)$/u;

function arabicInChatDigits(cleaned: string): boolean {
  let found = 0;
  for (const token of cleaned.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (CHAT_DIGIT_WORD.test(token) && !COUNT_OR_UNIT.test(token)) found++;
    if (found === 2) return true;
  }
  return false;
}

export function detectLanguage(
  text: string,
  languages: readonly string[],
  defaultLanguage: string,
): LanguageGuess {
  const cleaned = withoutLinksAndHandles(text);
  const scores = scoreText(cleaned);
  const guess = (language: string, method: LanguageGuess['method']): LanguageGuess => ({
    language,
    method,
    served: languages.includes(language),
    scores,
  });
  const byScript = languageByScript(cleaned);
  if (byScript) return guess(byScript, 'script');
  if (arabicInChatDigits(cleaned)) return guess('ar', 'chat_digits');
  const byWords = wordScoreLanguage(scores, languages);
  if (byWords) return guess(byWords, 'words');
  if (trigramsCanRead(cleaned)) {
    const byTrigrams = trigramLanguage(cleaned, languages, scores);
    // a served language the words barely show would answer in a language the customer did not use
    const doubted =
      byTrigrams !== undefined && languages.includes(byTrigrams) && wordsSayOtherwise(scores, byTrigrams);
    if (byTrigrams && !doubted) return guess(byTrigrams, 'trigrams');
    if (byTrigrams) return guess(wordLeader(scores, languages), 'words');
  }
  return guess(defaultLanguage, 'default');
}
