import { describe, expect, it } from 'vitest';
import { waitedThrough } from '../../shared/policy/waited.js';
import { alpenbahn, decideText, parcelExpress } from './helpers.js';

// Written for these tests in our own words; none is taken from a labelled, held-out, verification,
// tuning or blind set, nor from anyone's posts. Handles are made up.

const comment = (text: string) => ({ text, platform: 'facebook' as const, channel: 'comment' as const });

describe('a complaint, however rude or ironic, is never silent', () => {
  it.each([
    ['Zum vierten Mal diese Woche "Zustellversuch", und ich war daheim. Ihr seid ein Witz', parcelExpress],
    ['Jetzt schon das zweite Mal, dass die Sendung verschoben wurde. Lachnummer', parcelExpress],
    ['Paket komplett zerdatscht angekommen, passt halt nächstes Mal besser auf', parcelExpress],
    ['Eure Fahrer sollen aufhören, die Pakete zu werfen. Hab alles gefilmt.', parcelExpress],
    ['ok thanks… useless 🙄', parcelExpress],
    ['k thx, pathetic 🙄', alpenbahn],
    ['Encore trois retards cette semaine, vraiment bravo 👏', alpenbahn],
    ['Merci pour les correspondances ratées, génial.', alpenbahn],
    ['Prezzi assurdi per una tratta di 40 minuti.', alpenbahn],
    ['Trop cher pour un train toujours en retard.', alpenbahn],
    ['Pour la énième fois le train de 7h12 est supprimé.', alpenbahn],
    [
      'Witzig, dass ihr über Umweltschutz schreibt und dann vier Autos in dieselbe Gasse schickt 🤡',
      parcelExpress,
    ],
  ])('%s', (text, brand) => {
    expect(decideText(comment(text), { brand }).action).not.toBe('silent');
  });

  it('a clown alone, told to nobody, is still trolling', () => {
    expect(decideText(comment('🤡🤡🤡'), { brand: parcelExpress }).action).toBe('silent');
  });

  it('French "retards" (delays) is no insult', () => {
    const d = decideText(comment('Vos retards me coûtent mon travail.'), { brand: alpenbahn });
    expect(d.intent).not.toBe('abuse');
    expect(d.action).not.toBe('silent');
  });
});

describe('a bomb or a gun aimed at a train or a depot is a danger to people', () => {
  it.each(['an alle im Nachtzug morgen: viel Spass, es wird krachen 💣', 'Bombe im Depot, ihr werdet sehen'])(
    '%s',
    (text) => {
      const d = decideText(comment(text), { brand: alpenbahn });
      expect(d.action).not.toBe('silent');
      expect(d.escalation).toBe('L3');
    },
  );

  it('"the bomb" as praise stays praise', () => {
    const d = decideText(comment('Das neue Panorama-Abteil ist echt der Hammer 💣😍'), { brand: alpenbahn });
    expect(d.escalation).not.toBe('L3');
  });
});

describe('a rude word alone, or mockery, stays abuse', () => {
  it.each(['what a useless bunch of clowns', 'Saftladen. Punkt.', 'van in the bike lane again lmao classic'])(
    '%s',
    (text) => {
      expect(decideText(comment(text)).action).toBe('silent');
    },
  );
});

describe('a language the brand does not serve reaches a person, not silence', () => {
  it('"retard" is a delay in Romansh as in French: a late train there is no insult', () => {
    const d = decideText(
      { text: 'Jau sun puspè en retard a la lavur, il tren da Landquart è betg vegnì. Pertge adina nus?' },
      { brand: alpenbahn },
    );
    expect(d.intent).not.toBe('abuse');
    expect(d.action).toBe('handoff');
    expect(d.reasons).toContain('handoff:language_not_served(rm)');
  });

  it('an unserved language is handed to a person even where a served one was close (Hindi, Albanian)', () => {
    for (const [text, language] of [
      ['नमस्ते, मेरा बैग ट्रेन में रह गया, कृपया मदद करें', 'hi'],
      ['Përshëndetje, a mund të marr biçikletën në tren? Faleminderit', 'sq'],
    ] as const) {
      const d = decideText({ text }, { brand: alpenbahn });
      expect(d.action).toBe('handoff');
      expect(d.publicReply).toBeUndefined();
      expect(d.reasons).toContain(`handoff:language_not_served(${language})`);
    }
  });
});

describe('a tight smile 🙂 is no praise on its own', () => {
  it.each([
    'Zustellung angekündigt für Montag. Heute ist Donnerstag 🙂',
    'App sagt "zugestellt". Im Briefkasten: ein Werbeprospekt 🙂',
    'wieder kein Paket, dafür die dritte SMS mit "heute zwischen 8 und 20 Uhr" 🙂',
    'PX says delivered. My doorstep says otherwise 🙂',
  ])('a complaint with it is neither thanked nor left alone: %s', (text) => {
    const d = decideText(comment(text));
    expect(d.intent).not.toBe('praise');
    expect(d.action).not.toBe('silent');
    expect(d.action).not.toBe('reply');
  });

  it('thanks in words with it are still thanked', () => {
    expect(decideText(comment('Danke, alles heil angekommen 🙂'))).toMatchObject({
      intent: 'praise',
      action: 'reply',
    });
  });
});

// written for this test in our own words
describe('a wait counted in minutes or hours is a grievance, however it is told', () => {
  it.each([
    ['Seit 25 Minuten stehen wir vor Olten im Tunnel, kein Wort. Grüsse an @Alpenbahn', alpenbahn],
    ["Une heure d'attente à Romont dans le froid, merci @Alpenbahn pour l'ambiance", alpenbahn],
    ['Der Lieferwagen von ParcelExpress steht seit 15 Minuten quer in unserer Einfahrt', parcelExpress],
  ] as const)('is not left alone: %s', (text, brand) => {
    const d = decideText(comment(text), { brand });
    expect(d.action).not.toBe('silent');
  });

  it.each([
    ['Seit 25 Minuten stehen wir vor Olten', true],
    ["une heure d'attente dans le froid", true],
    ['waited 2 hours for the replacement bus', true],
    ['Mit dem Zug sind es nur 20 Minuten bis zum See', false],
    ['Toscana ora è bellissima, tre ore di sole', false],
    ['stand 2019 in der Zeitung, 40 Minuten Reportage', false],
  ] as const)('reads a counted wait only where one was sat through: %s', (text, waited) => {
    expect(waitedThrough(text)).toBe(waited);
  });
});

// written for this test in our own words
describe('a thank-you for help in an emergency that is over pages nobody', () => {
  it.each([
    [
      'Danke an die Zustellerin, die letzte Woche bei meinem Vater den Krankenwagen gerufen hat!',
      parcelExpress,
    ],
    ['Merci au contrôleur qui a appelé l’ambulance hier pour mon fils, vous êtes formidables', alpenbahn],
  ] as const)('is thanked, at L1: %s', (text, brand) => {
    const d = decideText(comment(text), { brand });
    expect(d).toMatchObject({ intent: 'praise', escalation: 'L1', action: 'reply' });
  });

  it.each([
    [
      'Gestern ist meine Mutter im Zug kollabiert, der Notarzt kam erst nach 40 Minuten. Danke für nichts',
      alpenbahn,
    ],
    [
      'Danke an den Fahrer, der gestern die Feuerwehr gerufen hat: bei euch im Depot brennt es immer noch!',
      parcelExpress,
    ],
  ] as const)('not when the thanks are ironic or the danger itself is named: %s', (text, brand) => {
    expect(decideText(comment(text), { brand }).escalation).toBe('L3');
  });
});

// written for this test in our own words
describe('"merci de" and a verb asks for something: it is no thanks', () => {
  it.each([
    "Depuis l'horaire d'hiver la correspondance à Romont ne fait plus que 2 minutes. Merci de revoir ça.",
    'Mon vélo est resté dans le train de 17h10 pour Sion. Merci de me rappeler au plus vite.',
  ])('is not thanked as praise: %s', (text) => {
    const d = decideText(comment(text), { brand: alpenbahn });
    expect(d.intent).not.toBe('praise');
    expect(d.publicReply?.templateId ?? '').not.toMatch(/^praise/);
  });

  it('a deletion request closed with "merci de confirmer" reaches a person as one', () => {
    const text = 'Je demande la suppression de mes données selon la LPD. Merci de confirmer par écrit.';
    const d = decideText(comment(text), { brand: alpenbahn });
    expect(d.handoff).toBe(true);
    expect(d.reasons.some((r) => r.startsWith('erasure_request('))).toBe(true);
  });

  it.each([
    "Merci d'avoir retrouvé mon bonnet dans le train de Bulle, vous êtes top",
    'Merci de votre aide, tout est réglé 🙏',
  ])('thanks for what was done stay thanks: %s', (text) => {
    expect(decideText(comment(text), { brand: alpenbahn }).intent).toBe('praise');
  });
});
