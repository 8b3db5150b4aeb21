import { describe, expect, it } from 'vitest';
import { erasureRequest } from '../../shared/policy/erasure-request.js';
import { decideText } from './helpers.js';

const REQUESTS = [
  'Löscht meine Daten!',
  'löscht bitte sofort alle meine Daten',
  'Bitte meine Daten löschen.',
  'Ich will dass ihr meine Daten löscht',
  'DSGVO Löschung bitte',
  'Antrag auf Löschung nach DSGVO',
  'Ich berufe mich auf das Recht auf Vergessenwerden',
  'Daten löschen',
  'Please delete my data',
  'delete all my personal data now',
  'Remove my data from your systems',
  'I invoke my right to be forgotten',
  'GDPR erasure request',
  'Erase my information please',
  // Swiss brands serve French and Italian (written for this test in our own words)
  'Je demande la suppression de mes données personnelles selon la LPD.',
  'Merci de supprimer mon compte et toutes mes données',
  "J'exerce mon droit à l'oubli : effacez tout ce que vous avez sur moi",
  'Vi chiedo di cancellare i miei dati personali, grazie',
  'Eliminate subito tutti i dati che avete su di me',
];
const NOT_REQUESTS = [
  'Ich habe die App gelöscht und neu installiert',
  'Bitte den Kommentar löschen, war ein Versehen',
  'Meine Daten stimmen, aber das Paket ist nicht da',
  'My data plan ran out',
  'Where is my parcel?',
  'Corse cancellate e zero informazioni in stazione',
  'Suppression du train de 7h12 sans aucune information',
];

describe('erasure requests (GDPR Art. 17)', () => {
  it.each(REQUESTS)('reads "%s" as one', (text) => {
    expect(erasureRequest(text)).toMatch(/^erasure_request\(/);
  });

  it.each(NOT_REQUESTS)('does not read "%s" as one', (text) => {
    expect(erasureRequest(text)).toBeUndefined();
  });

  it('hands the message to a person with the reason, in public and in a DM, at L2 for whoever may erase', () => {
    for (const channel of ['comment', 'dm'] as const) {
      const decision = decideText({ text: 'Löscht meine Daten!', channel });
      expect(decision.handoff).toBe(true);
      expect(decision.reasons.some((r) => r.startsWith('erasure_request'))).toBe(true);
      expect(decision).toMatchObject({ escalation: 'L2', priority: 'high' });
      expect(decision.reasons).toContain('escalation:L2(data protection request)');
    }
  });

  it('costs the same on a long text without any of its words', () => {
    expect(erasureRequest('a'.repeat(100_000))).toBeUndefined();
    expect(erasureRequest(`${'löschen '.repeat(5000)}`)).toBeUndefined();
  });
});
