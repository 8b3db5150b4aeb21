import { describe, expect, it } from 'vitest';
import { decideText } from './helpers.js';

// Written for these tests in our own words; none is taken from a labelled, held-out, verification,
// tuning or blind set, nor from anyone's posts. Handles and numbers are made up.

describe('a newspaper or a channel named alone', () => {
  it.each([
    'Kann ich bei euch eine Zeitung als Päckchen verschicken oder gilt das als Brief?',
    'Does your parcel tracking page work with the BBC news app browser?',
    'Stand heute in der Zeitung, dass ihr ein neues Lager baut. Schön für die Region',
  ])('is no press signal: %s', (text) => {
    const d = decideText({ text, platform: 'facebook', channel: 'comment' });
    expect(d.escalation).not.toBe('L3');
    expect(d.reasons.some((r) => r.startsWith('press'))).toBe(false);
  });

  it.each([
    'Mein Paket ist seit drei Wochen weg und keiner hilft. Das geht jetzt an die Zeitung!',
    'Lost parcel, no reply for weeks. The newspaper will love this story!',
    'Ich bin Journalistin und recherchiere zu Zustellproblemen in Köln. Wen kann ich fragen?',
  ])('is press with a grievance or a journalist: %s', (text) => {
    const d = decideText({ text, platform: 'facebook', channel: 'comment' });
    expect(d.reasons.some((r) => r.startsWith('press'))).toBe(true);
    expect(d.escalation).toBe('L3');
  });
});

describe('a call to share', () => {
  it('with a headline and a link shares news: no press, no reply', () => {
    const d = decideText({
      text: 'Teilt das bitte: "Mehr Pakete als je zuvor – Zusteller im Dauereinsatz" https://news.example.org/pakete-rekord',
      platform: 'facebook',
      channel: 'comment',
    });
    expect(d.reasons.some((r) => r.startsWith('press'))).toBe(false);
    expect(d.escalation).not.toBe('L3');
  });

  it('around a grievance goes public', () => {
    const d = decideText({
      text: 'Drei Wochen kein Paket und keine Antwort vom Kundenservice. Teilt das, damit alle es sehen!',
      platform: 'facebook',
      channel: 'comment',
    });
    expect(d.reasons.some((r) => r.startsWith('press'))).toBe(true);
  });
});

describe('a headline shared with a link', () => {
  it.each([
    'Parcel firms and late deliveries: new report reveals problems in rural areas https://news.example.org/rural-parcels',
    'Pendeln in der Schweiz: neue Studie zu Verspätungen und Ausfällen https://news.example.org/pendeln-studie',
  ])('is left alone: %s', (text) => {
    const d = decideText({ text, platform: 'facebook', channel: 'comment' });
    expect(d.action).toBe('silent');
  });
});
