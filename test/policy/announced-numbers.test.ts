import { describe, expect, it } from 'vitest';
import { findAnnouncedNumbers } from '../../shared/policy/announced-numbers.js';
import { findPersonalData } from '../../shared/policy/personal-data.js';
import { alpenbahn, parcelExpress } from './helpers.js';

// Numbers made up for these tests in the forms shops and insurers use; none is a real account.
const kinds = (text: string, brand = parcelExpress) => findPersonalData(text, brand).map((f) => f.kind);

describe('order and customer numbers announced by their label', () => {
  it.each([
    'Bestellung 4711-2024-889 ist nie angekommen',
    'can I change order 4410-2026-1187 to size M?',
    'Commande n° 88401-FR-2291 toujours pas reçue',
    'Ordine n. 2026-IT-449120 non ancora arrivato',
    'bestellnr. AMZ-302-8811923-4410875 wurde übergeben',
    'Order number G-55120 has not arrived',
    'siparişim gelmedi, sipariş numarası TR-8841207',
    'numer zamówienia 4471-0093-12 nadal nie dotarło',
  ])('order number: %s', (text) => {
    expect(findAnnouncedNumbers(text).map((f) => f.kind)).toEqual(['order_number']);
    expect(kinds(text, alpenbahn)).toContain('order_number');
  });

  it.each([
    'Kundennummer 88 420 117: die Franchise wurde zweimal abgezogen',
    'Vertragskonto 201 558 7391 – Guthaben nicht überwiesen',
    'Numéro client 4019 2283 11 : vous m’avez prélevé 210 €',
    'Codice cliente 8802 119 374: il contratto doveva finire',
    'Policennummer 4.118.220.9. Danke',
    'mein kredit (vertragsnr. 44-901-2277) wurde doppelt eingezogen',
    'Zweimal abgebucht, Buchung XT-7K2M9P. Bitte zurück',
    'changed my trip, booking ref QZ-3H8W1L, still charged twice',
    'numéro de réservation LM-5R2T8C introuvable dans l’app',
    'numero di prenotazione RP-6B1N4D, posso cambiare data?',
    'Abo-Nr. 733-410-268, bitte pausieren',
    "Numéro d'abonnement 305-118-472, changement de nom",
    'abbonamento annuale n. 804-227-913 rimborsato?',
    // round 5: the label alone, Swiss spellings, a word between label and number, mixed codes
    'Erstattung? réservation KP-4471-2093, toujours rien',
    'kundenummer 5520-1184-07, bitte prüfe',
    'buechigsnummer TR-M4X81Q isch nöd cho',
    'travelpass nr ZX-40917735 gilt nicht mehr',
    'mein Buchungscode 8RT2-40573 klappt nicht, Buchungsnummer 8RT2-40573',
    'my booking 5K2-WQ7-803 vanished',
    'booking ref DE-5582-MNP not in the app',
    'le numéro de réservation était le QA-8830-114, merci',
    "mon numéro d'abonnement général c'est le 612-904-377",
    'mein Abo, AG 507-228-916, wird nicht angezeigt',
    'Ho cambiato indirizzo (n. cliente 5521 9043 18)',
    // after blind set 4 was read: ticket, pass, invoice and case labels, a letter prefix before
    // spaced digit groups, a number in brackets after its label
    'Die Busse ist falsch, Ticketnummer 5820 3317 0942 war gültig',
    'Pass-Nr. KR 6614 0382 7, bitte sperren',
    "n° de billet 4410 8823 5571, l'amende est injuste",
    'Numero abbonamento TL 7702 4418 9, è stato rubato',
    "ma carte d'abonnement (n° 318-552-640) est perdue",
    'Dossier ANN-2026-5813: toujours aucune réponse',
    'Die Rechnung RB-2026-0047719 ist zu hoch',
    'Bestätigungsnummer HT-44019, aber niemand hat geholfen',
    'hab e Bestätigung Nr. KL-551203 becho',
    'Buchigsnummer 7PX-2231-QA isch falsch',
    'my confirmation code is 4BX-7719-LM',
    'our booking reference is QR4-19TT-AZ, seats missing',
    'mon abonnement annuel n° GA-5512-0841-33 ne marche plus',
    'numéro de carte P-7730-1184-02, elle est perdue',
    'Boekingsnummer KT-301-5528 klopt niet',
  ])('customer number: %s', (text) => {
    expect(findAnnouncedNumbers(text).map((f) => f.kind)).toEqual(['customer_number']);
    expect(kinds(text, alpenbahn)).toContain('customer_number');
  });

  it('a customer number is no phone number', () => {
    expect(kinds('Kundennummer 0301 234 5678, bitte zurückrufen', alpenbahn)).toEqual(['customer_number']);
  });

  it.each([
    'Bestellung vom 12.11.2026 fehlt',
    'Bestellung 12.11. fehlt',
    'meine Bestellung 3 Tage zu spät',
    'Order 2 of 3 arrived',
    'Auftrag 150 € zu teuer',
    'Buchung ab 12.03. nicht möglich',
    'booking for 2 adults, is that enough?',
    'Abo-Nr. steht auf der Karte, oder?',
    'Bestätigung vom 12.03. kam nie',
    'booking for x-mas eve, is it open?',
    'numéro de carte bancaire oublié, je fais comment ?',
  ])('no number: %s', (text) => {
    expect(findAnnouncedNumbers(text)).toEqual([]);
  });

  it('a card number stays a card number, whatever label stands before it', () => {
    expect(kinds('Kundennummer 4539 1488 0343 6467 bitte prüfen', alpenbahn)).toEqual(['payment_card']);
  });
});

// written for this test in our own words
describe('travel-pass, group-booking and case numbers as Swiss riders write them', () => {
  it.each([
    'Mein Abo (Nr. ZK-4410-2287) wurde doppelt verlängert',
    'Senioren-Abo 12-3345-881 zeigt in der App ungültig',
    'ho perso la tessera, numero GA-5512-8830-04',
    'réservation de groupe GX-44120, deux élèves de moins',
    'Busse erhalten (Fall RX-220931), die Karte war gültig',
  ])('%s', (text) => {
    expect(findAnnouncedNumbers(text).map((n) => n.kind)).toEqual(['customer_number']);
  });

  it.each([
    'auf jeden Fall 10000 Leute im Zug, unglaublich',
    'Gruppenreservation für 12 Personen am Freitag, geht das noch?',
    'das Abo kostet 3400 CHF im Jahr',
  ])('no number where none is announced: %s', (text) => {
    expect(findAnnouncedNumbers(text)).toEqual([]);
  });
});
