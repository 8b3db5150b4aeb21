import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../shared/policy/personal-data.js';
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

describe('ticket, pass and reference numbers announced by their label', () => {
  const kinds = (text: string) => findPersonalData(text, alpenbahn).map((f) => f.kind);
  it.each([
    'Billett-Nr. 5521-0937-4410, Verspätung 40 Minuten, Entschädigung?',
    'numero del biglietto 6620-1183-907, il lettore non lo accetta',
    "mon numéro d'abo est 310-448-912-7 et l'app ne le montre plus",
    'GA Nr. 551-208-774 zweimal belastet',
    'abonnement n° AG 55-318-920 débité deux fois',
    'Abo-Nr. ABO 77120456, bitte Adresse ändern',
    'claim for my cancelled trip, ref KX-5520-1187',
    'rimborso per favore, riferimento TR-4410-2265',
    'Client 5518-22, je voudrais une facture',
  ])('%s is a customer number', (text) => {
    expect(kinds(text)).toContain('customer_number');
  });

  it.each([
    'Der GA kostet jetzt 3860 Franken, eine Frechheit',
    'as a client since 2015 I expected better',
    'Billett gekauft am 12.03.2026 um 08:15',
    'référence au message de 14:30',
  ])('finds no customer number in the decoy "%s"', (text) => {
    expect(kinds(text)).not.toContain('customer_number');
  });
});

describe('a demand in a public remark is no remark to the crowd', () => {
  it.each([
    'Ajoutez des wagons au train de 7h30 de Romont, on voyage debout tous les jours.',
    'Remettez les bancs sur le quai de Romont, les personnes âgées restent debout.',
    'Im Winter mehr Wagen am Morgen ab Aarau, bitte.',
    'Please more seats on the morning train from Aarau, it fills up early',
  ])('is never left silent: %s', (text) => {
    const d = decideText({ text, platform: 'facebook', channel: 'comment' }, { brand: alpenbahn });
    expect(d.action).not.toBe('silent');
    expect(d.reasons).not.toContain('intent:other(remark to the crowd)');
  });

  it('a cheer ("Allez …") is no order to the brand', () => {
    const d = decideText(
      {
        text: 'Allez les filles du HC Sierre, on se retrouve au quai 3 à 17h',
        platform: 'facebook',
        channel: 'comment',
      },
      { brand: alpenbahn },
    );
    expect(d.action).toBe('silent');
  });
});

describe('a parcel number in the S10 shape with a digit too few', () => {
  const kinds = (text: string) => findPersonalData(text, alpenbahn).map((f) => f.kind);
  it('after "Sendung" it is still the customer\'s tracking number', () => {
    expect(kinds('Sendung QL48120937CH hängt seit Dienstag im Zoll')).toContain('tracking_number');
  });

  it('without a shipment word before it, the shape alone is no tracking number', () => {
    expect(kinds('Gutscheincode QL48120937CH funktioniert nicht')).not.toContain('tracking_number');
  });
});
