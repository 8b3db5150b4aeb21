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
