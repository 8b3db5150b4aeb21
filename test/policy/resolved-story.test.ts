import { describe, expect, it } from 'vitest';
import { alpenbahn, decideText } from './helpers.js';

// Written for these tests in our own words; none is taken from a labelled, held-out, verification,
// tuning or blind set, nor from anyone's posts. Handles and numbers are made up.

describe('thanks for something put right', () => {
  it.each([
    'Router was dead on Monday, your chat support fixed it in five minutes. Well done',
    'Refund came through the next morning. Thanks @ParcelExpress',
    'Lost parcel, but the depot team went above and beyond and it turned up. Thank you!',
    'Danke! Der Wasserschaden wurde in einer Woche reguliert, ganz ohne Papierkrieg.',
    'Danke an die Fahrerin, hat mir das Paket trotz Glatteis bis vor die Tür gebracht 👍',
    'Thanks for the fast payout after the break-in at our flat, that helped a lot.',
  ])('is praise, no private case and no danger: %s', (text) => {
    const d = decideText({ text, platform: 'facebook', channel: 'comment' });
    expect(d.intent).toBe('praise');
    expect(d.complex).toBe(false);
    expect(d.escalation).not.toBe('L3');
  });

  it('in French for a Swiss brand', () => {
    const d = decideText(
      {
        text: 'Merci beaucoup, mon problème de billet a été réglé en une heure.',
        platform: 'facebook',
        channel: 'comment',
      },
      { brand: alpenbahn },
    );
    expect(d.intent).toBe('praise');
    expect(d.complex).toBe(false);
  });

  it.each([
    'thanks for nothing 🙄 the "fixed" router dropped out again tonight',
    'Support says it is fixed? My internet is still down. Thanks.',
    'Danke für nix, angeblich behoben, aber die Störung ist immer noch da',
    'Refund came through but only half of it, thanks. Where is the rest?',
  ])('is no praise when irony, a question or something still wrong comes with it: %s', (text) => {
    const d = decideText({ text, platform: 'facebook', channel: 'comment' });
    expect(d.intent).not.toBe('praise');
    expect(d.action).not.toBe('silent');
  });

  it('a smell of smoke stays danger even with thanks', () => {
    const d = decideText({
      text: 'Thanks for fixing the heater, but now there is smoke coming out of it',
      platform: 'facebook',
      channel: 'comment',
    });
    expect(d.escalation).toBe('L3');
  });
});
