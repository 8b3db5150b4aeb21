import { describe, expect, it } from 'vitest';
import { triage } from '../../shared/policy/triage.js';
import { customerEvent, parcelExpress } from './helpers.js';

// Written for these tests; none is taken from the labelled, held-out or verification sets.
function read(text: string) {
  return triage(customerEvent({ text, channel: 'comment' }), parcelExpress);
}

describe('unsure whether it is simple: an unhappy customer goes to a person', () => {
  it.each([
    'Honestly fed up with how you handled the return, what a mess',
    'Sent you an email last week and still no answer',
  ])('a negative concern is complex: %s', (text) => {
    const t = read(text);
    expect(t.negative).toBe(true);
    expect(t.reasons).toContain('complex:unhappy_about_own_case');
  });

  it('a general question stays simple even when it sounds cross', () => {
    expect(read('Do you deliver on Sundays?').complex).toBe(false);
  });
});

describe('a first-person incident with the service is complex', () => {
  it.each([
    'Ich war heute in eurer Filiale am Bahnhof und musste ewig warten',
    'I stood at your counter for forty minutes and the parcel was still not there',
  ])('%s', (text) => {
    const t = read(text);
    expect(t.concern).toBe(true);
    expect(t.reasons).toContain('complex:own_incident');
  });
});

describe('a contact that did not help is complex', () => {
  it.each([
    'Ich habe drei Mal bei der Hotline angerufen und keiner hilft mir',
    'Sent you an email last week and still no answer',
  ])('%s', (text) => {
    const t = read(text);
    expect(t.complex).toBe(true);
    expect(t.reasons).toContain('complex:unanswered_contact');
  });
});
