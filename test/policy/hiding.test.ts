import { describe, expect, it } from 'vitest';
import { brandWith, decideText } from './helpers.js';

const IBAN = 'DE89 3704 0044 0532 0130 00';
const CARD = '4111 1111 1111 1111';

describe('hiding public comments (hideCommentsWith)', () => {
  it('by default hides a comment with a valid IBAN or card number, and answers it in DM', () => {
    for (const [text, kind] of [
      [`Bitte auf ${IBAN} erstatten, das Paket kam nie an`, 'iban'],
      [`Meine Karte ${CARD} wurde doppelt belastet`, 'payment_card'],
    ] as const) {
      const decision = decideText({ text });
      expect(decision.hide).toEqual([kind]);
      expect(decision.reasons).toContain(`hide:${kind}`);
      expect(decision.action).toBe('reply_and_dm');
      expect(decision.publicReply?.templateId).toMatch(/^personal_data/);
      expect(JSON.stringify(decision).replace(/\s/g, '')).not.toContain(IBAN.replace(/\s/g, ''));
    }
  });

  it('does not hide for a mistyped IBAN, a wrong card check digit, a phone number, or in a DM', () => {
    expect(decideText({ text: 'Meine IBAN DE12 3456 7890 1234 5678 90, Paket fehlt' }).hide).toBeUndefined();
    expect(decideText({ text: 'Karte 4111 1111 1111 1112 doppelt belastet' }).hide).toBeUndefined();
    expect(decideText({ text: 'Ruft mich an: 0171 2345678, Paket fehlt' }).hide).toBeUndefined();
    expect(decideText({ text: `IBAN ${IBAN} bitte erstatten`, channel: 'dm' }).hide).toBeUndefined();
  });

  it('hides for the kinds a brand adds, and for none when the brand turns hiding off', () => {
    const withPhone = brandWith((b) => {
      b.hideCommentsWith = ['iban', 'payment_card', 'phone'];
    });
    expect(
      decideText({ text: 'Ruft mich an: 0171 2345678, Paket fehlt' }, { brand: withPhone }).hide,
    ).toEqual(['phone']);
    const off = brandWith((b) => {
      b.hideCommentsWith = [];
    });
    const decision = decideText({ text: `IBAN ${IBAN} bitte erstatten` }, { brand: off });
    expect(decision.hide).toBeUndefined();
    expect(decision.personalData).toContain('iban');
  });

  it('says why where the platform cannot hide: an X post that answers no post of ours, a visitor post', () => {
    const x = decideText({
      text: `@ParcelExpress Karte ${CARD} doppelt belastet`,
      platform: 'x',
      channel: 'mention',
    });
    expect(x.hide).toBeUndefined();
    expect(x.reasons).toContain('hide_not_possible:x_not_a_reply_to_own_post');
    const reply = decideText(
      { text: `@ParcelExpress Karte ${CARD} doppelt belastet`, platform: 'x', channel: 'mention' },
      { event: { repliesToOwnPost: true } },
    );
    expect(reply.hide).toEqual(['payment_card']);
    expect(decideText({ text: `IBAN ${IBAN} bitte`, channel: 'post' }).reasons).toContain(
      'hide_not_possible:facebook_post',
    );
  });
});
