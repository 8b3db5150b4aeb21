import { describe, expect, it } from 'vitest';
import { alpenbahn, brandWith, decideText, parcelExpress } from './helpers.js';

describe('someone posing as the brand’s support (phishing under its posts)', () => {
  it.each([
    'ParcelExpress_Hilfe_Team: Ihre Sendung wird zurückgehalten. Zollgebühr jetzt begleichen unter https://px-zoll.example/pay',
    'Hallo, ich bin vom ParcelExpress Kundenservice 🙋 schreib mir auf WhatsApp, dann klären wir die Erstattung sofort',
    'Sorry for the trouble! Send us your card number and expiry here so we can refund you today – ParcelExpress Support',
    'parcelexpress.care.official: your account will be closed, confirm your details in the link in our bio',
  ])('is not answered, goes to a person at L2 and is hidden: %s', (text) => {
    const d = decideText({ text });
    expect(d.intent).toBe('spam');
    expect(d.action).toBe('handoff');
    expect(d.publicReply).toBeUndefined();
    expect(d.privateReply).toBeUndefined();
    expect(d.escalation).toBe('L2');
    expect(d.priority).toBe('high');
    expect(d.reasons).toContain('handoff:impersonates_brand(report it, warn the customer)');
    expect(d.reasons.some((r) => r.startsWith('spam:impersonates_brand('))).toBe(true);
    expect(d.hide).toEqual(['impersonation']);
  });

  it('reads the author’s name as the platform sends it', () => {
    const text = 'Wir erstatten die Fahrt sofort, schreib uns kurz über Telegram 👉 t.me/erstattung_ch';
    const posing = decideText(
      { text },
      { event: { author: { id: '771', name: 'Parcelexpress Kundenservice' } } },
    );
    expect(posing.action).toBe('handoff');
    expect(posing.hide).toEqual(['impersonation']);
    // the same words from an ordinary account are spam at worst, never a case for the brand's voice
    expect(decideText({ text }, { event: { author: { id: '772', name: 'Jana' } } }).hide).toBeUndefined();
  });

  it('works in the brand’s other languages (Alpenbahn: French, Italian)', () => {
    for (const text of [
      'Alpenbahn_Service_Client: bonjour, pour le remboursement envoyez-nous le numéro de votre carte en privé',
      'Supporto_Alpenbahn: ciao! per il rimborso mandaci i dati della tua carta su WhatsApp',
    ]) {
      const d = decideText({ text }, { brand: alpenbahn });
      expect(d.action).toBe('handoff');
      expect(d.reasons).toContain('handoff:impersonates_brand(report it, warn the customer)');
    }
  });

  it.each([
    // a customer who tells of the impostor needs an answer, and their warning stays visible
    "@ParcelExpress ein Account namens 'ParcelExpress_Support_DE' will per DM meine Kartennummer, ist das echt?",
    // a customer who calls the brand's service by its name, with a link to their photo
    'ParcelExpress Kundenservice, warum meldet sich keiner? Foto vom kaputten Karton: https://imgur.example/k4',
    'Hab beim ParcelExpress Kundenservice angerufen, die haben mir eine PIN für die Packstation geschickt, geht nicht',
    'Ich bin vom ParcelExpress Kundenservice echt enttäuscht, schaut euch das Video an: https://video.example/v/88',
  ])('a customer naming the brand’s service is no impostor: %s', (text) => {
    const d = decideText({ text });
    expect(d.reasons.some((r) => r.startsWith('spam:impersonates_brand'))).toBe(false);
    expect(d.hide ?? []).not.toContain('impersonation');
    expect(d.action).not.toBe('silent');
  });

  it('the brand’s own accounts are not impostors, and a brand may turn the hiding off', () => {
    const withHelpAccount = brandWith((b) => {
      b.accounts.facebook = [
        ...(b.accounts.facebook ?? []),
        { id: '5550001', username: 'ParcelExpress_Hilfe' },
      ];
    });
    const own = decideText(
      { text: 'Hier geht es zum Formular: https://parcelexpress.example/hilfe' },
      { brand: withHelpAccount, event: { author: { id: '5550002', name: 'ParcelExpress_Hilfe' } } },
    );
    expect(own.reasons.some((r) => r.startsWith('spam:impersonates_brand'))).toBe(false);

    const noHiding = brandWith((b) => {
      b.hideCommentsWith = ['iban', 'payment_card'];
    });
    const d = decideText(
      { text: 'ParcelExpress_Support: Paket gestoppt, Gebühr zahlen unter https://px-pay.example' },
      { brand: noHiding },
    );
    expect(d.action).toBe('handoff');
    expect(d.hide).toBeUndefined();
  });

  it('is reported where the platform cannot hide it: an X mention that answers no post of ours', () => {
    const d = decideText({
      text: '@ParcelExpress ParcelExpress_Care here! DM us on WhatsApp wa.me/4915100000000 for your refund',
      platform: 'x',
      channel: 'mention',
    });
    expect(d.action).toBe('handoff');
    expect(d.reasons).toContain('hide_not_possible:x_not_a_reply_to_own_post');
  });

  it('the default brand file hides impersonations', () => {
    expect(parcelExpress.hideCommentsWith).toContain('impersonation');
  });
});

// written for this test in our own words
describe('a customer asking whether a message is really the brand’s', () => {
  it.each([
    [
      "Hab gerade eine SMS gekriegt: 'Ihr Paket liegt beim Zoll, zahlen Sie 2,49 € unter px-zoll-pay.example' – ist das echt?",
      parcelExpress,
    ],
    [
      "got a DM from 'ParcelExpress_Refunds' saying I won a voucher, just need to pay shipping via their link. is this legit?",
      parcelExpress,
    ],
    [
      "mi è arrivato un messaggio: 'hai vinto un abbonamento gratis, clicca qui e inserisci la carta' - è una truffa?",
      alpenbahn,
    ],
  ] as const)('is answered and reaches a person, however much of the scam it quotes: %s', (text, brand) => {
    const d = decideText({ text }, { brand });
    expect(d.intent).not.toBe('spam');
    expect(d.action).not.toBe('silent');
    expect(d.handoff).toBe(true);
  });

  it.each([
    "Kam per WhatsApp: 'Glückwunsch, Sie haben gewonnen! Jetzt klicken und Gratis-Guthaben sichern' – ist das von euch?",
    "Got this text: 'You won a free rail pass! Click here to claim now' - is this legit?",
    "Per SMS: 'Verdiene 500€ am Tag von zuhause, schreib mir auf WhatsApp' – ist das jemand von euch?",
  ])('quoting a scam word for word, it is a question and no spam: %s', (text) => {
    const d = decideText({ text });
    expect(d.intent).toBe('question');
    expect(d.reasons).toContain('intent:question(asks whether a message is really the brand’s)');
    expect(d.action).toBe('reply_and_handoff');
  });

  it('"ist das echt euer Ernst" is no such question', () => {
    const d = decideText({ text: 'Ist das echt euer Ernst? Dritter Zustellversuch, keiner hat geklingelt' });
    expect(d.reasons).not.toContain('intent:question(asks whether a message is really the brand’s)');
    expect(d.action).not.toBe('silent');
  });
});
