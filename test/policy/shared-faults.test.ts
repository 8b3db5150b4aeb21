import { describe, expect, it } from 'vitest';
import { alpenbahn, decideText } from './helpers.js';

// Written for these tests in our own words; none is taken from a labelled, held-out, verification,
// tuning or blind set, nor from anyone's posts. Handles and numbers are made up.

describe('a fault every traveller meets gets a public answer first', () => {
  it.each([
    'Der Fahrkartenautomat in Gleis 2 nimmt seit Montag keine Karte mehr an.',
    'Der Billettautomat in Bern nimmt seit Montag keine Karte mehr an.',
    'Im ganzen Zug ist die Heizung defekt, drei Stunden Fahrt bei 12 Grad. Ich bin sprachlos.',
  ])('not private: %s', (text) => {
    const d = decideText({ text, platform: 'facebook', channel: 'comment' }, { brand: alpenbahn });
    expect(d.complex).toBe(false);
    expect(d.action).not.toBe('silent');
  });

  it.each([
    'Der Automat hat mir 40 Franken abgebucht und kein Billett ausgegeben.',
    'Meine Karte wurde im Restaurant dreimal abgelehnt, sonst geht sie überall.',
    'Im Zug wurde mein Koffer beschädigt, ich möchte den Schaden melden.',
  ])('still private with money, an own card or an own thing: %s', (text) => {
    const d = decideText({ text, platform: 'facebook', channel: 'comment' }, { brand: alpenbahn });
    expect(d.complex).toBe(true);
  });
});
