import { describe, expect, it } from 'vitest';
import { alpenbahn, decideText } from './helpers.js';

// Written for these tests in our own words; none is taken from a labelled, held-out, verification,
// tuning or blind set, nor from anyone's posts. Handles and numbers are made up.

const replies = (d: ReturnType<typeof decideText>) =>
  d.publicReply !== undefined || d.privateReply !== undefined;

describe('who a handle is', () => {
  it.each([
    '@parcelexpress_de Paket seit 5 Tagen nicht da, obwohl ich zuhause war',
    '@ParcelExpressHilfe mein Paket ist seit Montag nicht angekommen',
  ])('a handle with the brand’s name is the brand’s: %s', (text) => {
    const d = decideText({ text, platform: 'x', channel: 'mention' });
    expect(d.action).not.toBe('silent');
    expect(d.reasons).not.toContain('intent:other(talking to another user)');
  });

  it('on X a mention with no known handle is addressed to its first handle that is no person’s', () => {
    const d = decideText({
      text: '@paket_hilfe danke für nichts 🙄 Paket liegt wieder in der Filiale',
      platform: 'x',
      channel: 'mention',
    });
    expect(d.action).not.toBe('silent');
    expect(d.negative).toBe(true);
    expect(d.intent).not.toBe('praise');
  });

  it.each([
    ['@Jana Berger guck mal, genau wie bei dir letzte Woche 😂', 'facebook'],
    ['@lena.mueller die Jacke wäre was für dich 😍', 'instagram'],
    ['@tobi_88 lol same, meins kam auch erst nach einer Woche', 'x'],
    ['Hat sich erledigt, danke @Tom Becker, du hattest recht mit dem Zettel', 'facebook'],
  ])('users talking to each other are left alone: %s', (text, platform) => {
    const d = decideText({ text, platform: platform as 'facebook', channel: 'comment' });
    expect(d.action).toBe('silent');
  });
});

describe('what no care team answers', () => {
  it.each([
    'Heute 20:15 im Ersten: Doku über die Geschichte der Eisenbahn',
    'Ce soir sur RTS 1 à 20h10 : reportage sur les trains de nuit',
    'Stasera su RSI LA1 alle 21:00 uno speciale sulle ferrovie alpine',
    'Channel 4 tonight 9pm: inside a parcel hub at Christmas',
  ])('a TV listing: %s', (text) => {
    const d = decideText({ text }, { brand: alpenbahn });
    expect(d.action).toBe('silent');
  });

  it('a retweet passes on a post, also one that praises', () => {
    const d = decideText({
      text: 'RT @railfan_news: Die schönsten Strecken im Schnee 😍 https://t.co/abc123',
      platform: 'x',
      channel: 'mention',
    });
    expect(d.action).toBe('silent');
  });

  it.each([
    'Unser Hund rennt zur Tür, sobald er das Paketauto hört 😂',
    'paying the internet bill is peak adulthood lol #grownup',
  ])('a joke told to the crowd: %s', (text) => {
    expect(decideText({ text }).action).toBe('silent');
  });

  it.each(['Paket schon wieder nicht da lol', 'lol, third time my parcel went to the wrong house'])(
    'a laugh after a problem is no joke to leave alone: %s',
    (text) => {
      const d = decideText({ text });
      expect(d.action).not.toBe('silent');
    },
  );

  it('an advert with a messenger and a phone number is spam, the number the advertiser’s', () => {
    const d = decideText({ text: 'Günstige Handys, original, nur heute!!! WhatsApp +49 151 23456789' });
    expect(d).toMatchObject({ intent: 'spam', action: 'silent' });
  });

  it.each([
    'Verkaufe Halbtax-Abo, noch 5 Monate gültig, 90.- VB, Abholung in Thun, bei Interesse PN',
    'Wer verkauft seine Tageskarte für Samstag? Zahle gut, bitte per PN',
    "Je cherche quelqu'un pour partager une carte journalière samedi, 20 CHF chacun, écrivez-moi",
  ])('a classified ad to the crowd, with a price or a contact: %s', (text) => {
    const d = decideText({ text }, { brand: alpenbahn });
    expect(d.action).toBe('silent');
  });

  it.each([
    'We boost your SEO and get your shop to rank #1 on Google, message us on WhatsApp',
    'Hello dear, I am looking for an honest friend to talk to, reply me please',
    'Glückwunsch! Ihre Nummer wurde als Gewinner ausgewählt, Preis abholen unter win-now.xyz',
    'Kostenlose Proben unserer Zahnpasta, nur heute, hier klicken: smile-shop.example',
  ])('an offer no customer writes: %s', (text) => {
    expect(decideText({ text })).toMatchObject({ intent: 'spam', action: 'silent' });
  });

  it.each([
    'Ich verkaufe viel über Kleinanzeigen und jetzt ist schon das dritte Paket an einen Käufer verschwunden. Was ist da los?',
    "Je cherche quelqu'un qui peut m'aider, mon colis de 80 € est perdu depuis une semaine",
  ])('a seller or a searcher with a problem is a customer, not an ad: %s', (text) => {
    const d = decideText({ text });
    expect(d.action).not.toBe('silent');
    expect(d.handoff).toBe(true);
  });

  it('spam that says so twice is spam even when it names parcels', () => {
    const d = decideText({
      text: 'Fahrer gesucht! Bar auf die Hand, ohne Papiere, 120€/Tag, Pakete ausliefern',
    });
    expect(d.intent).toBe('spam');
  });
});

describe('a journey late or cancelled', () => {
  it.each([
    ['Mein Zug nach Bern ist heute schon wieder ausgefallen', 'de'],
    ['My train to Zurich was cancelled and I missed my connection', 'en'],
    ['Mon train de 7h12 pour Genève est encore supprimé, la troisième fois cette semaine !', 'fr'],
    ['Il mio treno per Milano è stato cancellato di nuovo', 'it'],
    ['Warum isch dr Zug vo Olten scho wieder 15 Minute z spät??', 'de'],
  ])('is a complaint answered in public, no device fault: %s', (text, language) => {
    const d = decideText({ text }, { brand: alpenbahn });
    expect(d).toMatchObject({
      intent: 'complaint',
      complex: false,
      escalation: 'L1',
      negative: true,
      language,
    });
    expect(d.action).toBe('reply_and_handoff');
  });

  it('with money back asked for it is private', () => {
    const d = decideText(
      { text: 'Mein Zug ist ausgefallen, bekomme ich mein Geld für das Ticket zurück?' },
      { brand: alpenbahn },
    );
    expect(d.complex).toBe(true);
  });

  it('a device on the train that fails is still a fault', () => {
    expect(
      decideText({ text: 'Das WLAN im IC 712 geht schon wieder nicht' }, { brand: alpenbahn }).intent,
    ).toBe('technical_fault');
  });

  it('a price rise asked about with an insult is a general grievance, answered in public', () => {
    const d = decideText(
      { text: 'Wieso kostet das Billett nach Zürich jetzt schon wieder mehr? Frechheit.' },
      { brand: alpenbahn },
    );
    expect(d).toMatchObject({ complex: false, negative: true });
  });

  it('a fine with a travelcard number is private', () => {
    const d = decideText(
      { text: 'Mein Sohn hat sein Halbtax vergessen und muss 100 CHF Busse zahlen. Abo-Nummer 4471 2290 11' },
      { brand: alpenbahn },
    );
    expect(d.complex).toBe(true);
    expect(d.personalData).toContain('customer_number');
  });
});

describe('thanks and irony', () => {
  it('thanks for something done is praise, even when it names the damage', () => {
    const d = decideText(
      { text: 'Merci vielmal für die schnelle Abwicklung nach dem Wasserschaden! Top Service' },
      { brand: alpenbahn },
    );
    expect(d.intent).toBe('praise');
    expect(d.complex).toBe(false);
  });

  it('"danke für nichts" stays a complaint', () => {
    const d = decideText({
      text: 'Danke für nichts, der Schaden ist nach 6 Wochen immer noch nicht bezahlt',
    });
    expect(d.intent).not.toBe('praise');
    expect(d.negative).toBe(true);
  });
});

describe('irony is no praise (never thanked)', () => {
  it.each([
    'Top Service, danke für nix 👍',
    'great job @ParcelExpress... not 👍',
    'So zuverlässig wie immer 👍 #not',
    'Zug gestrichen, Anschluss weg, 40 Minuten am Perron gestanden. Bravo.',
    'Schöne neue Uniformen, aber liefert erstmal meine Bestellung',
    'Nice new logo, but maybe fix the app first',
    'Paket zwei Tage in Hamburg, dann drei in Köln, jetzt wieder in Hamburg. Ganz großes Kino 👏',
  ])('%s', (text) => {
    const d = decideText({ text });
    expect(d.intent).not.toBe('praise');
    expect(d.action).not.toBe('reply');
    expect(d.handoff).toBe(true);
  });

  it.each([
    'Paket kam nach zwei Wochen doch noch an, super, danke!',
    'Lange gedauert, aber am Ende hat alles super geklappt, danke!',
    'Super netter Fahrer heute, vielen Dank!',
  ])('sincere thanks are still thanked: %s', (text) => {
    expect(decideText({ text })).toMatchObject({ intent: 'praise', action: 'reply' });
  });

  it('a praise word beside smoke or danger is no praise: a person takes over at once', () => {
    const d = decideText({ text: 'Im Zug riecht es mega nach Rauch, wir haben Angst' }, { brand: alpenbahn });
    expect(d.intent).not.toBe('praise');
    expect(d).toMatchObject({ escalation: 'L3', priority: 'urgent' });
  });
});

describe('danger to people', () => {
  it.each([
    ['Ein kleiner Junge sitzt alleine im Zug nach Chur und weint, kein Personal da', 'de'],
    ['Quelqu’un est tombé sur le quai à Lausanne, il faut une ambulance', 'fr'],
    ['sul binario 3 qualcuno è caduto, serve aiuto', 'it'],
    ['medical emergency in coach 7, a man collapsed', 'en'],
    ['Im Bahnhof Bern liegt ein Mann am Boden und bewegt sich nicht, bitte schnell!', 'de'],
    ['Seit dem Zählertausch piept der CO-Melder in der Küche', 'de'],
  ])('%s: L3, urgent, the safety wording', (text, language) => {
    const d = decideText({ text }, { brand: alpenbahn });
    expect(d).toMatchObject({ escalation: 'L3', priority: 'urgent', language });
    expect(d.publicReply?.templateId).toMatch(/^safety\./);
  });

  it.each([
    'Der Zug ist heute wieder total überfüllt, kein Sitzplatz',
    'Commande toujours pas reçue, le suivi ne bouge plus',
  ])('no danger: %s', (text) => {
    expect(decideText({ text }, { brand: alpenbahn }).escalation).not.toBe('L3');
  });
});

describe('languages', () => {
  it.each([
    ['مرحبا، طردي لم يصل بعد', 'ar'],
    ['Здравствуйте, где моя посылка?', 'ru'],
    ['Добрий день, мені досі не прийшла посилка', 'uk'],
    ['荷物がまだ届きません', 'ja'],
  ])('a text in another script is named by its script and handed to a person: %s', (text, language) => {
    const d = decideText({ text });
    expect(d).toMatchObject({ language, action: 'handoff' });
    expect(replies(d)).toBe(false);
  });

  it('chatter in a language the brand does not serve stays silent in public', () => {
    expect(decideText({ text: '@Pablo Ruiz jajaja igual que yo 😂' }).action).toBe('silent');
  });

  it('a general question in an unserved language goes to a person, not to private', () => {
    const d = decideText({ text: '¿Hacéis envíos a Canarias? ¿Cuánto tarda?' });
    expect(d).toMatchObject({ language: 'es', action: 'handoff', complex: false });
  });

  it('an own case in an unserved language is private', () => {
    expect(decideText({ text: 'Hola, mi paquete no ha llegado y nadie responde' }).complex).toBe(true);
  });
});

describe('when a question needs the account', () => {
  it('a how-to question gets a public answer', () => {
    expect(decideText({ text: 'Wie beantrage ich eine Entschädigung für eine Verspätung?' }).complex).toBe(
      false,
    );
  });

  it('money taken twice, asked in French, is private', () => {
    const d = decideText(
      { text: 'Vous m’avez prélevé deux fois 49 CHF pour le même billet, remboursez-moi svp' },
      { brand: alpenbahn },
    );
    expect(d).toMatchObject({ complex: true, intent: 'account_billing' });
  });
});

describe('personal data as it is written', () => {
  it.each([
    'meine Mail ist anna punkt beispiel at web punkt de',
    'contact : p.durand (at) exemple (point) fr. Merci',
    'my email is sam.taylor at example dot com. Please call',
    'écrivez-moi : claire point morel arobase exemple point ch',
    'la mia mail è marco punto bianchi chiocciola esempio punto it, grazie',
    'mi correo: ana arroba ejemplo punto es',
  ])('a written-out e-mail: %s', (text) => {
    expect(decideText({ text }).personalData).toContain('email');
  });

  it('a 15-digit card (Amex) grouped 4-4-4-3', () => {
    expect(decideText({ text: 'Amex 3782 8224 6310 005 zweimal belastet' }).personalData).toContain(
      'payment_card',
    );
    expect(decideText({ text: 'Amex 3782 8224 6310 006 zweimal belastet' }).personalData).not.toContain(
      'payment_card',
    );
  });

  it('a card number followed by its expiry date', () => {
    expect(decideText({ text: 'Karte 4539 1488 0343 6467 12/28 wird abgelehnt' }).personalData).toContain(
      'payment_card',
    );
  });
});
