import { describe, expect, it } from 'vitest';
import { crisisSettings } from '../../shared/policy/brand.js';
import { DecisionSchema } from '../../shared/policy/decision.js';
import { alpenbahn, brandWith, decideText, parcelExpress } from './helpers.js';

describe('silence: better silent than a bad dialogue', () => {
  it.each([
    ['spam', 'Krypto-Gewinne von 5000€ pro Woche!! Link in Bio 👉 bit.ly/reich'],
    ['spam', 'Follow @cheap.bags.outlet for 70% off designer bags 🔥 link in bio'],
    ['abuse aimed at others', '@tom_hh halt doch einfach die Fresse, keiner hat dich gefragt'],
    ['abuse aimed at others', '@dan_the_man89 mate you are an idiot'],
    ['no customer concern', '@lena_k91 guck mal, die haben jetzt auch Paketautomaten im Rewe 😂'],
  ])('%s: %s', (_, text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d.action).toBe('silent');
    expect(d.handoff).toBe(false);
    expect(d.publicReply).toBeUndefined();
    expect(d.reasons.some((r) => r.startsWith('silent:'))).toBe(true);
  });

  it.each([
    'Eure Hotline ist eine Frechheit. 50 Minuten Warteschleife und dann fliegt man raus.',
    'Every single time I use your service something goes wrong.',
    'Your prices have gone up 3 times this year and the service keeps getting worse. Shameful.',
    'Das geht jetzt an die Presse.',
    'Ihr Idioten, mein Paket ist seit 2 Wochen weg',
  ])('a complaint is never silent: %s', (text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d.action).not.toBe('silent');
    expect(d.handoff).toBe(true);
  });

  // written for this test in our own words
  it.each([
    'Wallah ParcelExpress m3a el colis mte3i 7keya kbira, ma3adech nestanna',
    'Znowu ParcelExpress, trzeci raz w tym miesiącu to samo',
  ])('a post naming the brand in a language it does not serve goes to a person: %s', (text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d).toMatchObject({ action: 'handoff', handoff: true });
    expect(d.publicReply).toBeUndefined();
  });

  it('a complaint the bot may not answer (already acknowledged) still goes to a person', () => {
    const d = decideText(
      { text: 'Immer noch nichts passiert, das ist eine Frechheit!', channel: 'comment' },
      { conversation: { automaticReplies: 1 } },
    );
    expect(d.action).toBe('handoff');
    expect(d.handoff).toBe(true);
    expect(d.publicReply).toBeUndefined();
    expect(d.reasons).toContain('no_ack:already_acknowledged');
  });
});

describe('acknowledgements', () => {
  it('acknowledges a simple question publicly and hands it to a person', () => {
    const d = decideText({ text: 'Liefert ihr auch sonntags?', channel: 'comment', name: 'Jana Beckmann' });
    expect(d).toMatchObject({
      action: 'reply_and_handoff',
      intent: 'question',
      complex: false,
      language: 'de',
    });
    expect(d.publicReply?.templateId).toMatch(/^acknowledge\.de\.\d$/);
    expect(d.publicReply?.text).toContain('Jana');
    expect(d.dueBy).toBeDefined();
  });

  it('moves a complex public case to DM with the DM link and a private opening message', () => {
    const d = decideText({
      text: 'Where is my parcel? Ordered 2 weeks ago and still nothing',
      platform: 'x',
      channel: 'mention',
    });
    expect(d.action).toBe('reply_and_dm');
    expect(d.complex).toBe(true);
    expect(d.publicReply?.text).toContain('https://x.com/messages/compose?recipient_id=930524282358325248');
    expect(d.privateReply?.templateId).toMatch(/^dm_opening\.en\./);
    expect(d.handoff).toBe(true);
  });

  it('answers in the DM itself when the customer wrote a DM', () => {
    const d = decideText({
      text: 'Hallo, meine Bestellung ORD-1234567 ist nicht angekommen',
      platform: 'facebook',
      channel: 'dm',
    });
    expect(d.action).toBe('reply_and_handoff');
    expect(d.privateReply).toBeDefined();
    expect(d.publicReply).toBeUndefined();
  });

  it('never repeats personal data and asks to continue in DM', () => {
    const text = 'Mein Paket PX123456789DE ist weg, ruft mich an: 0171 2345678, Mail jana.b@web.de';
    const d = decideText({ text, channel: 'comment' });
    expect(d.action).toBe('reply_and_dm');
    expect(d.personalData.sort()).toEqual(['email', 'phone', 'tracking_number']);
    expect(d.publicReply?.templateId).toMatch(/^personal_data\.de\./);
    for (const secret of ['PX123456789DE', '0171', 'jana.b@web.de']) {
      expect(d.publicReply?.text).not.toContain(secret);
      expect(d.privateReply?.text).not.toContain(secret);
      expect(d.reasons.join(' ')).not.toContain(secret);
    }
  });

  it('thanks for praise once, without a hand-off', () => {
    const d = decideText({ text: 'Super schnelle Lieferung, danke an den Fahrer! 👍', channel: 'comment' });
    expect(d).toMatchObject({ action: 'reply', intent: 'praise', handoff: false });
    expect(d.publicReply?.templateId).toMatch(/^praise\.de\./);
    const again = decideText(
      { text: 'Super schnelle Lieferung, danke an den Fahrer! 👍', channel: 'comment' },
      { conversation: { automaticReplies: 1 } },
    );
    expect(again.action).toBe('silent');
  });

  it.each(['😍😍😍🔥', '👍', '🚂❤️🏔️'])('leaves bare emoji under a post alone: %s', (text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d).toMatchObject({ action: 'silent', intent: 'praise', handoff: false });
    expect(d.reasons).toContain('silent:emoji_reaction');
  });

  it.each([
    ['words with the emoji', { text: 'Danke! 😍', channel: 'comment' as const }],
    [
      'the emoji in a mention, which speaks to the brand',
      { text: '@ParcelExpress 😍', channel: 'mention' as const },
    ],
    ['the emoji in a DM', { text: '👍', channel: 'dm' as const }],
  ])('still thanks %s', (_, message) => {
    expect(decideText(message).action).not.toBe('silent');
  });

  it.each(['🙄', '😡😡😡', '📦➡️🗑️'])(
    'a displeased emoji under a post is no reaction to leave alone: %s',
    (text) => {
      expect(decideText({ text, channel: 'comment' }).reasons).not.toContain('silent:emoji_reaction');
    },
  );

  it('sends no automatic acknowledgement once a person has answered', () => {
    const d = decideText(
      { text: 'Und wann kommt das Paket jetzt?', channel: 'comment' },
      { conversation: { humanReplied: true } },
    );
    expect(d.action).toBe('handoff');
    expect(d.publicReply).toBeUndefined();
    expect(d.reasons).toContain('no_ack:person_already_answered');
  });

  it('never answers the brand’s own posts or echoes', () => {
    const d = decideText(
      { text: 'Danke für deine Nachricht! Wir kümmern uns darum.', channel: 'comment' },
      { event: { fromAccount: true, sentBy: 'bot' } },
    );
    expect(d.action).toBe('silent');
    expect(d.reasons).toContain('silent:own_message');
    const human = decideText(
      { text: 'Hallo Jana, ich schaue nach.', channel: 'dm' },
      { event: { fromAccount: true, sentBy: 'human' } },
    );
    expect(human.action).toBe('silent');
  });

  it('every decision is a valid Decision', () => {
    const d = decideText({ text: 'Meine Rechnung ist doppelt abgebucht worden!', channel: 'comment' });
    expect(DecisionSchema.parse(d)).toEqual(d);
    expect(d.intent).toBe('account_billing');
  });
});

describe('escalation and priority', () => {
  it('legal threats go to experts with urgent priority', () => {
    const d = decideText({
      text: 'Mein Paket ist verloren, ich schalte jetzt meinen Anwalt ein.',
      channel: 'comment',
    });
    expect(d.escalation).toBe('L2');
    expect(d.priority).toBe('urgent');
    expect(d.reasons.some((r) => r.startsWith('legal_threat'))).toBe(true);
  });

  // written for this test in our own words
  it.each([
    ['I am a solicitor acting for Mrs Brandt. Three letters to you went unanswered.', parcelExpress],
    ['Ho già parlato con un avvocato, mi avete rifiutato il rimborso senza motivo.', alpenbahn],
  ] as const)('a legal threat goes to L2 even when nothing else reads as a concern: %s', (text, brand) => {
    expect(decideText({ text, channel: 'comment' }, { brand }).escalation).toBe('L2');
  });

  it('"does not do it justice" under a photo is no legal threat', () => {
    const text = 'Sunset over the bay from the ferry last night, the photo does not do it justice';
    const d = decideText({ text, channel: 'comment' });
    expect(d.reasons.some((r) => r.startsWith('legal_threat'))).toBe(false);
    expect(d.privateReply).toBeUndefined();
  });

  // written for this test in our own words; the card numbers are test numbers that pass Luhn
  it.each([
    'Ich hab mich vertippt, hier nochmal meine Karte 4111 1111 1111 1111, bitte Bestellung prüfen',
    'my new card is 5555 5555 5555 4444, please use it for my subscription from now on',
  ])('a payment card in the open goes to L2: it may need blocking: %s', (text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d.personalData).toContain('payment_card');
    expect(d.escalation).toBe('L2');
    expect(d.reasons).toContain('escalation:L2(payment card posted)');
  });

  it('an author with a large reach goes to L3', () => {
    const d = decideText({
      text: 'Where is my parcel, still nothing after 2 weeks',
      platform: 'x',
      channel: 'mention',
      followers: 250_000,
    });
    expect(d.escalation).toBe('L3');
    expect(d.priority).toBe('urgent');
  });

  it('press goes to L3', () => {
    const d = decideText({
      text: 'I am a journalist at the Guardian, could your press office contact me?',
      channel: 'comment',
    });
    expect(d.escalation).toBe('L3');
    expect(d.complex).toBe(true);
  });
});

describe('crisis: a burst of negative posts on one topic', () => {
  const { threshold } = crisisSettings(parcelExpress);
  const negative = {
    text: 'Schon wieder kein Paket, das ist eine Frechheit! 😡',
    channel: 'comment' as const,
    topicId: 'post-1',
  };

  it('exposes the window and threshold the responder counts with', () => {
    expect(crisisSettings(parcelExpress)).toEqual({ windowMs: 30 * 60_000, threshold: 5 });
  });

  it('below the threshold each post is handled on its own', () => {
    const d = decideText(negative, {
      burst: { negativeInWindow: threshold - 2, crisisAlreadyEscalated: false },
    });
    expect(d.crisis).toBeUndefined();
    expect(d.negative).toBe(true);
  });

  it('the post that completes the burst triggers one crisis escalation with crisis wording', () => {
    const d = decideText(negative, {
      burst: { negativeInWindow: threshold - 1, crisisAlreadyEscalated: false },
    });
    expect(d.crisis).toBe('trigger');
    expect(d.escalation).toBe('L3');
    expect(d.priority).toBe('urgent');
    expect(d.handoff).toBe(true);
    expect(d.publicReply?.templateId).toMatch(/^crisis\.de\./);
  });

  it('later posts are linked to the crisis and acknowledged with crisis wording', () => {
    const d = decideText(negative, {
      burst: { negativeInWindow: threshold + 3, crisisAlreadyEscalated: true },
    });
    expect(d.crisis).toBe('member');
    expect(d.publicReply?.templateId).toMatch(/^crisis\.de\./);
  });

  it('a positive post on a crisis topic is not part of it', () => {
    const d = decideText(
      { text: 'Danke, bei mir kam alles pünktlich an 👍', channel: 'comment', topicId: 'post-1' },
      { burst: { negativeInWindow: 20, crisisAlreadyEscalated: true } },
    );
    expect(d.crisis).toBeUndefined();
    expect(d.negative).toBe(false);
  });
});

describe('wording that cannot be rendered', () => {
  it('hands the case to a person with the reason instead of failing the message', () => {
    const brand = brandWith((b) => {
      const templates = b.templates as Record<string, Record<string, string[]>>;
      (templates.acknowledge as Record<string, string[]>).de = ['x'.repeat(300), 'y'.repeat(300)];
    });
    const d = decideText(
      { text: 'Liefert ihr auch sonntags?', platform: 'x', channel: 'mention' },
      { brand },
    );
    expect(d.action).toBe('handoff');
    expect(d.handoff).toBe(true);
    expect(d.publicReply).toBeUndefined();
    expect(
      d.reasons.some((r) => r.startsWith('template_error:no "acknowledge" variant in "de" fits x')),
    ).toBe(true);
  });
});

describe('complaints written for this test are never silent', () => {
  it.each([
    'Seit drei Wochen warte ich auf Rückmeldung. Das ist doch kein Service mehr.',
    'Zum dritten Mal angerufen, jedes Mal vertröstet. Reicht jetzt.',
    'Your staff at the counter were so rude today',
    'Der Zusteller hat einfach nicht geklingelt und eine Karte eingeworfen. Ich war zuhause!',
    'Scheiß Laden, nie wieder',
    'cancelled my contract 2 months ago and you still take money from my account',
    'Mein Internet ist seit gestern tot',
    'why is nobody answering my emails???',
    'Hab jetzt 45 Minuten in der Hotline gehangen. Danke für nichts.',
    'parcel left in the rain, everything soaked',
    'Wieso stellt ihr Pakete einfach vor die Tür?? Geklaut natürlich.',
    'the app keeps logging me out, super annoying',
    'Ich bin echt enttäuscht von euch',
    'Unverschämt was ihr euch erlaubt',
    'been a customer 10 years and this is how you treat me',
    'Paket beim Nachbarn abgegeben den ich nicht kenne, toll',
    '@ParcelExpress ihr habt mein Paket verloren. Ich will mein Geld zurück.',
    'So ein Mist, Lieferung wieder verschoben',
    'worst experience ever with your company',
    'Ich warte immer noch auf meine Erstattung!!',
  ])('%s', (text) => {
    const d = decideText({ text, channel: 'comment' });
    expect(d.action).not.toBe('silent');
    expect(d.handoff).toBe(true);
  });
});

describe('a customer’s DM is never left unseen, spam aside', () => {
  const photo = [{ type: 'image', url: 'https://scontent.xx.fbcdn.net/p.jpg' }];

  it.each([
    ['a photo without words', '', photo, 'handoff:attachment_only'],
    ['only a question mark', '?', [], 'handoff:dm_not_left_silent(other)'],
    ['only question marks and a photo', '??', photo, 'handoff:dm_not_left_silent(other)'],
  ])('%s gets neutral words and goes to a person', (_, text, attachments, reason) => {
    const d = decideText({ text, channel: 'dm' }, { event: { attachments } });
    expect(d).toMatchObject({ action: 'reply_and_handoff', handoff: true });
    expect(d.privateReply?.templateId).toMatch(/^received\.de\.\d$/);
    expect(d.publicReply).toBeUndefined();
    expect(d.reasons).toContain(reason);
    expect(d.dueBy).toBeDefined();
  });

  it.each([
    ['a laugh', 'haha 😂', [], 'handoff:dm_not_left_silent(other)'],
    ['an insult', 'ihr seid alle Idioten', [], 'handoff:dm_not_left_silent(abuse)'],
  ])('%s goes to a person without an automatic answer', (_, text, attachments, reason) => {
    const d = decideText({ text, channel: 'dm' }, { event: { attachments } });
    expect(d).toMatchObject({ action: 'handoff', handoff: true });
    expect(d.privateReply).toBeUndefined();
    expect(d.reasons).toContain(reason);
    expect(d.dueBy).toBeDefined();
  });

  it('the same photo without words under a post may stay silent', () => {
    expect(decideText({ text: '', channel: 'comment' }, { event: { attachments: photo } }).action).toBe(
      'silent',
    );
  });

  it('spam in a DM stays silent', () => {
    const spam = 'Krypto-Gewinne von 5000€ pro Woche!! Link in Bio 👉 bit.ly/reich';
    expect(decideText({ text: spam, channel: 'dm' }).reasons).toContain('silent:spam');
  });

  it('a lone like sticker stays silent', () => {
    const like = [{ type: 'like_sticker', url: 'https://scontent.xx.fbcdn.net/like.png' }];
    const d = decideText({ text: '', channel: 'dm' }, { event: { attachments: like } });
    expect(d).toMatchObject({ action: 'silent', handoff: false });
    expect(d.reasons).toContain('silent:like_sticker');
  });

  it('a message on a thread another app owns (standby) is never answered', () => {
    const d = decideText(
      { text: 'Mein Paket PX123456789DE ist weg!', channel: 'dm' },
      { event: { standby: true } },
    );
    expect(d).toMatchObject({ action: 'silent', handoff: false });
    expect(d.privateReply).toBeUndefined();
  });
});
