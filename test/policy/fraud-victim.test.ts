import { describe, expect, it } from 'vitest';
import { fraudVictim } from '../../shared/policy/fraud-victim.js';
import { alpenbahn, decideText } from './helpers.js';

// written for this test in our own words
const VICTIMS = [
  'Hab auf den Link in der Paket-SMS geklickt und meine Kartendaten eingegeben, was jetzt?',
  'My dad typed in his card details on that fake redelivery page this morning',
  'Mein Kundenkonto wurde gehackt, da sind Bestellungen drin, die ich nie gemacht habe',
  "Quelqu'un a utilisé ma carte pour acheter trois billets Genève–Zurich",
  'Ho inserito i dati della carta su un sito falso di rimborsi, aiuto',
  'there are unauthorised charges on my statement from your app',
];
const NOT_VICTIMS = [
  'Got a text asking for £1.99 for redelivery, that is a scam right? Did not click it',
  'Ist die SMS mit dem Zoll-Link echt oder fake?',
  'Hätte fast meine Kartendaten eingegeben, zum Glück hat meine Tochter es gesehen',
  'thanks for catching that fraud attempt on my account before anything happened',
  'Meine Kreditkarte ist abgelaufen, wo gebe ich die neue ein?',
];

describe('a customer who fell for a scam', () => {
  it.each(VICTIMS)('is read as a victim: %s', (text) => {
    expect(fraudVictim(text)).toMatch(/^fraud_victim\(/);
  });

  it.each(NOT_VICTIMS)('is not: %s', (text) => {
    expect(fraudVictim(text)).toBeUndefined();
  });

  it('goes to a specialist at once (L2, urgent), in public and in a DM', () => {
    for (const channel of ['comment', 'dm'] as const) {
      const d = decideText({ text: VICTIMS[0] as string, channel }, { brand: alpenbahn });
      expect(d).toMatchObject({ handoff: true, escalation: 'L2', priority: 'urgent' });
      expect(d.reasons).toContain('escalation:L2(scam victim: details given away or account taken over)');
    }
  });

  it('reads a long text of the cue words alone as no case (the redos test times every pattern)', () => {
    expect(fraudVictim('kartendaten '.repeat(20_000))).toBeUndefined();
    expect(fraudVictim('a'.repeat(100_000))).toBeUndefined();
  });
});
