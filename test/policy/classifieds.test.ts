import { describe, expect, it } from 'vitest';
import { alpenbahn, decideText, parcelExpress } from './helpers.js';

// Written for these tests in our own words; none is taken from a labelled, held-out, verification,
// tuning or blind set, nor from anyone's posts. Links and handles are made up.

const comment = (text: string) => ({ text, platform: 'facebook' as const, channel: 'comment' as const });

describe('classified ads and impersonation lures under a post are not answered', () => {
  it.each([
    ['Zu verkaufen: Kinderwagen, kaum benutzt, 80.-. Infos per PN', alpenbahn],
    ['Vendo bici da corsa usata, scrivetemi in privato', alpenbahn],
    ['Appartement à vendre près de la gare, écrivez-moi', alpenbahn],
    ['Wer Interesse an Konzertkarten hat, schreibt mir', parcelExpress],
    [
      'Your page violates our community standards. Verify your account here: page-review.info/ok',
      parcelExpress,
    ],
    ['Sehr geehrte Kunden, bestätigen Sie jetzt Ihre Daten: bahn-bonus.info/x', alpenbahn],
  ])('%s', (text, brand) => {
    expect(decideText(comment(text), { brand }).action).toBe('silent');
  });

  it.each([
    ['Mein Paket ist seit einer Woche weg, schreibt mir bitte per PN', parcelExpress],
    ['Mon billet a disparu de l’app, écrivez-moi en message privé svp', alpenbahn],
  ])('a customer who asks to be written to privately is answered: %s', (text, brand) => {
    expect(decideText(comment(text), { brand }).action).not.toBe('silent');
  });
});

describe('a headline shared with its link is news, not a concern', () => {
  it.each([
    'Neue Haltestelle in Wil eröffnet – Fahrplan ab Juni angepasst https://www.ostblatt.ch/a/wil-haltestelle',
    'Trafic interrompu entre Sion et Sierre après un éboulement https://www.valaisjournal.ch/eboulement',
  ])('%s', (text) => {
    expect(decideText(comment(text), { brand: alpenbahn }).action).toBe('silent');
  });

  it.each([
    'Schon wieder gesperrt, ich komme zu spät zur Arbeit https://www.ostblatt.ch/a/sperre',
    'Strecke wieder zu?! Wie lange noch https://www.ostblatt.ch/a/sperre',
  ])('an own complaint or a question with a link is answered: %s', (text) => {
    expect(decideText(comment(text), { brand: alpenbahn }).action).not.toBe('silent');
  });
});

describe('a listing of a regional or digital channel is no concern', () => {
  it('Regionalfernsehen with a time', () => {
    const text = 'Morgen 19:10 im Regionalfernsehen: ein Tag im Stellwerk Olten #tvtipp';
    expect(decideText(comment(text), { brand: alpenbahn }).action).toBe('silent');
  });
});
