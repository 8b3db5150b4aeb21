import { describe, expect, it } from 'vitest';
import { alpenbahn, decideText } from './helpers.js';

// Written for these tests in our own words; none is taken from a labelled, held-out, verification
// or tuning set, nor from anyone's posts.

describe('when agents go private: only for an account, order, identity, data, money, legal or safety matter', () => {
  it.each([
    'Gibt es in Bremen gerade eine Netzstörung?',
    'is the app down for everyone right now?',
    'Eure Preise sind schon wieder gestiegen, langsam reicht es.',
    'Please bring back the old timetable page, the new one is useless',
  ])('a general question or grievance gets a public answer first: %s', (text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d.complex).toBe(false);
    expect(d.action).toBe('reply_and_handoff');
    expect(d.publicReply).toBeDefined();
  });

  it.each([
    'Kann ich euch privat schreiben? Es geht um meine Adresse.',
    'Can I message you privately about a refund?',
  ])('the customer asks to go private: %s', (text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d.reasons).toContain('complex:asks_for_private');
    expect(d.action).toBe('reply_and_dm');
  });

  it('an own parcel said with irony still needs the order', () => {
    const d = decideText({ text: 'Paket liegt laut App im Briefkasten. Es ist ein Fahrrad. 🙃' });
    expect(d.complex).toBe(true);
  });
});

describe('irony never makes a complaint silent or praised', () => {
  it.each([
    'Paket schon wieder beim falschen Haus abgegeben 🤡',
    'Wunderbar, dritte Verspätung in Folge 👏',
    'great job with the delivery window… not',
    'k thx. still no call back from anyone',
    'Super gemacht… Abholschein, obwohl ich zuhause war',
    'fantastic, the app logged me out again 😂',
  ])('%s', (text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d.action).not.toBe('silent');
    expect(d.intent).not.toBe('praise');
    expect(d.intent).not.toBe('abuse');
    expect(d.negative).toBe(true);
  });

  it('a clap after good news stays praise', () => {
    expect(decideText({ text: 'Heute bestellt, morgen geliefert. Stark 👏' }).intent).toBe('praise');
  });
});

describe('silence only for what no care team would answer', () => {
  it.each([
    ['a shared headline', 'Eilmeldung: Neue Paketpreise ab Januar https://zeitung.example/artikel-42'],
    ['a TV listing', 'TV-Tipp: Reportage über Nachtschichten im Verteilzentrum, heute 21:45'],
    [
      'a link shared without words for the brand',
      'Long read on how parcel hubs work https://mag.example/hubs',
    ],
    ['a passing mention', 'Im Café neben der ParcelExpress-Filiale gibt es den besten Kuchen der Stadt'],
    ['users talking to each other', '@jonas_r77 kommst du heute Abend auch mit?'],
  ])('%s stays silent', (_, text) => {
    expect(decideText({ text, channel: 'post' }).action).toBe('silent');
  });

  it('a shared article with a question to the brand is answered', () => {
    const d = decideText({ text: 'Stimmt das, was hier steht? https://zeitung.example/paketpreise' });
    expect(d.action).not.toBe('silent');
  });
});

describe('danger to people is L3, urgent, acknowledged at once and handed off, in every channel', () => {
  it.each([
    ['de', 'Im Zug nach Mainz qualmt es aus einer Steckdose, Wagen 4', 'comment'],
    ['de', 'Der Akku aus eurem Shop ist beim Laden explodiert', 'dm'],
    ['en', 'Strong smell of gas outside your depot on Mill Lane', 'mention'],
    ['en', 'people are being crushed against the barriers at the exit, send staff now', 'comment'],
  ] as const)('%s: %s (%s)', (language, text, channel) => {
    const d = decideText({ text, channel });
    expect(d).toMatchObject({
      escalation: 'L3',
      priority: 'urgent',
      handoff: true,
      action: 'reply_and_handoff',
    });
    const reply = channel === 'dm' ? d.privateReply : d.publicReply;
    expect(reply?.templateId).toMatch(new RegExp(`^safety\\.${language}\\.\\d$`));
  });

  it.each([
    ['fr', 'Il y a une odeur de brûlé dans le bus 12, vite'],
    ['it', 'Fuga di gas alla stazione, nessuno del personale in giro'],
  ] as const)('in French and Italian for a Swiss brand: %s', (language, text) => {
    const d = decideText({ text, channel: 'comment' }, { brand: alpenbahn });
    expect(d).toMatchObject({ escalation: 'L3', priority: 'urgent', language });
    expect(d.publicReply?.templateId).toMatch(new RegExp(`^safety\\.${language}\\.\\d$`));
  });

  it('is acknowledged even after an earlier automatic reply in the conversation', () => {
    const d = decideText(
      { text: 'Jetzt riecht es im ganzen Treppenhaus nach Gas!', channel: 'dm' },
      { conversation: { automaticReplies: 1 } },
    );
    expect(d.action).toBe('reply_and_handoff');
    expect(d.privateReply?.templateId).toMatch(/^safety\.de\.\d$/);
  });

  it('a case a person holds gets it as an urgent update, without an automatic reply', () => {
    const d = decideText(
      { text: 'Jetzt riecht es im ganzen Treppenhaus nach Gas!', channel: 'dm' },
      { conversation: { automaticReplies: 1, handedOff: true } },
    );
    expect(d).toMatchObject({ action: 'handoff', priority: 'urgent', escalation: 'L3' });
  });

  it('"on fire" as praise is no danger', () => {
    expect(decideText({ text: 'Your drivers are on fire this week, everything early 🔥' }).escalation).toBe(
      'L1',
    );
  });
});

describe('languages: a Swiss brand answers in French and Italian; no brand answers in a language it does not serve', () => {
  it.each([
    ['fr', 'Bonjour, à quelle heure ouvre le guichet de la gare ?'],
    ['it', 'Buongiorno, a che ora apre lo sportello della stazione?'],
  ])('%s', (language, text) => {
    const d = decideText({ text, channel: 'comment' }, { brand: alpenbahn });
    expect(d.language).toBe(language);
    expect(d.publicReply?.templateId).toMatch(new RegExp(`\\.${language}\\.\\d$`));
  });

  it.each([
    ['es', 'Hola, ¿por qué no ha llegado todavía mi pedido?'],
    ['fr', 'Bonjour, mon colis est bloqué depuis une semaine, pouvez-vous vérifier ?'],
  ])('a %s message to a German/English brand goes to a person without a reply', (language, text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d).toMatchObject({ action: 'handoff', handoff: true, language });
    expect(d.publicReply).toBeUndefined();
    expect(d.privateReply).toBeUndefined();
    expect(d.reasons).toContain(`handoff:language_not_served(${language})`);
  });
});
