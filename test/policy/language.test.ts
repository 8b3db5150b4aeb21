import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  detectLanguage,
  loadTrigramModel,
  needsTrigramModel,
  TrigramModelNotLoaded,
} from '../../shared/policy/language.js';

const shortSamples = readFileSync(new URL('./short-language.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as { text: string; language: string });

// runs first in this file's own module graph: nothing has loaded the trigram model yet
describe('the trigram model is loaded only for texts the word score is unsure of', () => {
  it('a clear word score needs no model', () => {
    expect(needsTrigramModel('where is my parcel', ['de', 'en'])).toBe(false);
    expect(detectLanguage('wo bleibt mein paket', ['de', 'en'], 'de')).toMatchObject({ method: 'words' });
    expect(detectLanguage('👍👍', ['de', 'en'], 'de')).toMatchObject({ method: 'default' });
  });

  it('an unsure one needs it, and is refused until it is loaded', async () => {
    expect(needsTrigramModel('Lastschrift doppelt abgebucht?!', ['de', 'en'])).toBe(true);
    expect(() => detectLanguage('Lastschrift doppelt abgebucht?!', ['de', 'en'], 'en')).toThrow(
      TrigramModelNotLoaded,
    );
    await loadTrigramModel();
    expect(detectLanguage('Lastschrift doppelt abgebucht?!', ['de', 'en'], 'en')).toMatchObject({
      language: 'de',
      method: 'trigrams',
    });
  });
});

describe('language of short social text', () => {
  beforeAll(() => loadTrigramModel());

  it.each([
    ['wo bleibt mein paket', 'de'],
    ['Immer noch nix 😤', 'de'],
    ['Paket ist da, danke!', 'de'],
    ['where is my parcel', 'en'],
    ['Still nothing.', 'en'],
    ['thanks a lot!', 'en'],
    ['@ParcelExpress wtf?? wo ist mein Packet https://t.co/abc', 'de'],
    ["@ParcelExpress where's my parcel?? https://t.co/abc", 'en'],
    ['Moin, Sendung hängt fest', 'de'],
    ['cheers mate', 'en'],
  ])('%s -> %s', (text, language) => {
    expect(detectLanguage(text, ['de', 'en'], 'de').language).toBe(language);
  });

  // round 5: everyday Italian and French words a Swiss brand's short questions are made of
  it.each([
    ["A che ora apre l'ufficio a Brig?", 'it'],
    ['Affittasi camera vicino alla stazione, libero da marzo', 'it'],
    ["allo ? quelqu'un ?", 'fr'],
  ])('%s -> %s (Swiss brand)', (text, language) => {
    expect(detectLanguage(text, ['de', 'fr', 'it', 'en'], 'de').language).toBe(language);
  });

  it('is right on at least 95% of the short samples', () => {
    const right = shortSamples.filter(
      (s) => detectLanguage(s.text, ['de', 'en'], 'de').language === s.language,
    );
    expect(shortSamples.length).toBeGreaterThanOrEqual(40);
    expect(right.length / shortSamples.length).toBeGreaterThanOrEqual(0.95);
  });

  it('falls back to the brand default when there is nothing to read', () => {
    expect(detectLanguage('👍👍', ['de', 'en'], 'de')).toMatchObject({ language: 'de', method: 'default' });
    expect(detectLanguage('@someone https://t.co/x', ['de', 'en'], 'en')).toMatchObject({
      language: 'en',
      method: 'default',
    });
  });

  it('names a language the brand does not speak, and says it is not served', () => {
    expect(detectLanguage('Where is my parcel? Still nothing', ['de'], 'de')).toMatchObject({
      language: 'en',
      served: false,
    });
  });

  it.each([
    ['Bonjour, où est mon colis ? J’attends depuis lundi', 'fr'],
    ['Il treno per Lugano è di nuovo in ritardo, perché?', 'it'],
    ['Grüezi, mis Päckli isch nöd cho', 'de'],
    ['Servus, is des Paketerl scho unterwegs?', 'de'],
    ['Hola, ¿dónde está mi paquete?', 'es'],
    ['Merhaba, siparişim nerede? Kargo hala gelmedi', 'tr'],
    ['Dzień dobry, gdzie jest moja paczka?', 'pl'],
    ['Alguém sabe se o trem para Genebra está lotado hoje?', 'pt'],
    ['Esqueci a mochila no trem, vocês acharam?', 'pt'],
  ])(
    'tells French, Italian, Swiss and Austrian German and unserved languages apart: %s',
    (text, language) => {
      expect(detectLanguage(text, ['de', 'fr', 'it', 'en'], 'de').language).toBe(language);
    },
  );

  // written for this test in our own words
  it.each([
    'salam, ya3tik sa7a, el colis mte3i ma wsolch mel jom3a',
    'kifech n9der nbadel el adresse? 3andi mochkla m3a el livraison',
  ])('Arabic in Latin letters with chat digits is Arabic, which the brand does not serve: %s', (text) => {
    expect(detectLanguage(text, ['de', 'en'], 'de')).toMatchObject({
      language: 'ar',
      method: 'chat_digits',
      served: false,
    });
  });

  it.each([
    '3rd time this month, 5th parcel gone',
    'Der 3er Bus um 9am war wieder weg, mein mp3 Player auch',
    'covid19 rules at 7am, my web3 wallet',
    'ich hab 3mal angerufen und 5mal geschrieben',
  ])('counts, ordinals, times and product names are no chat digits: %s', (text) => {
    expect(detectLanguage(text, ['de', 'en'], 'de').method).not.toBe('chat_digits');
  });

  it('a Swiss brand serves French and Italian; a German/English brand does not', () => {
    expect(detectLanguage('Où est mon colis ?', ['de', 'fr', 'it', 'en'], 'de').served).toBe(true);
    expect(
      detectLanguage('Bonjour, où est mon colis ? J’attends depuis lundi', ['de', 'en'], 'de'),
    ).toMatchObject({
      language: 'fr',
      served: false,
    });
  });
});

// written for this test in our own words: short Swiss Italian and French questions and offers
describe('short Italian and French posts to a Swiss brand', () => {
  it.each([
    ['Quanto costa il biglietto per i ragazzi sotto i 12 anni?', 'it'],
    ['Bisogna cambiare a Bellinzona o il treno va diretto?', 'it'],
    ['Servizio clienti gentilissimo, bravi!', 'it'],
    ['Gagnez un abonnement gratuit, remplissez le formulaire', 'fr'],
  ])('%s', (text, language) => {
    expect(detectLanguage(text, ['de', 'fr', 'it', 'en'], 'de').language).toBe(language);
  });
});

// written for this test in our own words
describe('languages a Swiss brand does not serve are not answered in one it does', () => {
  const SWISS = ['de', 'fr', 'it', 'en'];

  it.each([
    ['hi', 'नमस्ते, क्या रात की ट्रेन में साइकिल ले जा सकते हैं?'],
    ['hi', 'bhai kya aaj raat wali train chal rahi hai? station pe kuch nahi likha'],
    ['rm', 'Bundi! Nua pon ins cumprar in bigliet per il tren da la damaun? Grazia fitg'],
    ['sq', 'Mirëdita, a keni bileta për studentët? Faleminderit shumë'],
    ['tr', 'Merhaba, İsviçre treninde köpek için bilet gerekiyor mu? Ne kadar?'],
    ['nl', 'Goedemorgen, kunnen we met de kinderwagen in de trein naar Zermatt? Moeten we iets reserveren?'],
  ])('%s: %s', (language, text) => {
    expect(detectLanguage(text, SWISS, 'de')).toMatchObject({ language, served: false });
  });

  it.each([
    ['it', 'Grazie per la cura, hai già risposto a mia madre, siete gentili'],
    ['de', 'jo, de Zug isch scho wieder z spät, typisch'],
    ['en', 'lovely sun on the lake today, the train ride was a dream'],
    ['fr', 'Le train avait 20 minutes de retard, encore une fois'],
  ])('a served language keeps its reading with words the new lists share (%s): %s', (language, text) => {
    expect(detectLanguage(text, SWISS, 'de')).toMatchObject({ language, served: true });
  });

  it('Turkish that borrows a German word is still Turkish to a German brand', () => {
    const guess = detectLanguage('Almanyadan paket gönderiyor musunuz? Fiyatı ne kadar?', ['de', 'en'], 'de');
    expect(guess).toMatchObject({ language: 'tr', served: false });
  });
});

it('a Swiss "Hoi" stays German', () => {
  expect(detectLanguage('Hoi', ['de', 'fr', 'it', 'en'], 'de').language).toBe('de');
});
