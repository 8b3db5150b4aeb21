import { describe, expect, it } from 'vitest';
import { alpenbahn, decideText } from './helpers.js';

// Issue 13, sixth round: each rule is written for a cause seen across writers, tested here in our
// own words (none is taken from a labelled, held-out, verification, tuning or blind set). Handles,
// names and addresses are made up.

describe('a question put to the other readers', () => {
  it.each([
    "Qui d'autre prend le 6h48 de Morges chaque matin? On pourrait se saluer 👋",
    'Chi altro va alla sagra di Giubiasco domenica col treno delle 9?',
    'Qualcuno ha già provato il sentiero da Airolo a Bedretto a piedi?',
  ])('asks the crowd, not the brand, and is left alone: %s', (text) => {
    const d = decideText({ text, platform: 'facebook', channel: 'comment' }, { brand: alpenbahn });
    expect(d.action).toBe('silent');
    expect(d.reasons).toContain('intent:other(written to the crowd)');
  });

  it("asking the crowd about the brand's own broken thing is still answered", () => {
    const d = decideText(
      {
        text: "Qui d'autre n'arrive pas à acheter son billet dans votre app depuis ce matin?",
        platform: 'facebook',
        channel: 'comment',
      },
      { brand: alpenbahn },
    );
    expect(d.action).not.toBe('silent');
  });
});

describe('a person attacked, harassed or in reach of a drunk', () => {
  it.each([
    'Im Bus nach Olten hat ein Typ eine Schülerin bedrängt und angefasst, niemand greift ein',
    'im Zug nach Aarau sind zwei besoffene Männer und pöbeln alle an, Wagen 2',
    'sur le quai de Nyon un homme a bousculé une dame âgée qui est tombée',
    "mon collègue s'est fait agresser à la gare de Renens ce soir",
    'the man in seat 12 is drunk and just groped the woman next to him',
  ])('is L3, urgent, with the safety wording: %s', (text) => {
    const d = decideText({ text, platform: 'x', channel: 'mention' }, { brand: alpenbahn });
    expect(d.escalation).toBe('L3');
    expect(d.priority).toBe('urgent');
    expect(d.reasons.some((r) => r.startsWith('intent:complaint(danger to people)'))).toBe(true);
  });
});
