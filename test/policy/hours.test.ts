import { describe, expect, it } from 'vitest';
import { businessHoursOf } from '../../shared/policy/brand.js';
import { addBusinessMinutes, isOpen, nextOpening } from '../../shared/policy/hours.js';
import { describeNextOpening, describeOpeningHours } from '../../shared/policy/templates.js';
import { brandWith, decideText, parcelExpress } from './helpers.js';

// ParcelExpress: Mon–Fri 08:00–20:00, Sat 09:00–16:00, Europe/Berlin
const hours = businessHoursOf(parcelExpress);

describe('business hours in the brand time zone', () => {
  it('is open on a weekday morning and closed at night, on Sunday and on a holiday', () => {
    expect(isOpen(hours, new Date('2026-11-10T09:30:00Z'))).toBe(true); // Tue 10:30 CET
    expect(isOpen(hours, new Date('2026-11-10T19:30:00Z'))).toBe(false); // Tue 20:30 CET
    expect(isOpen(hours, new Date('2026-11-15T12:00:00Z'))).toBe(false); // Sunday
    expect(isOpen(hours, new Date('2026-12-25T10:00:00Z'))).toBe(false); // Christmas, a Friday
  });

  it('follows daylight saving time: 08:00 Berlin is 06:00 UTC in summer and 07:00 UTC in winter', () => {
    expect(isOpen(hours, new Date('2026-07-07T06:30:00Z'))).toBe(true);
    expect(isOpen(hours, new Date('2026-11-10T06:30:00Z'))).toBe(false);
  });

  it('knows the next opening', () => {
    const saturdayEvening = new Date('2026-11-14T17:00:00Z'); // Sat 18:00, closed since 16:00
    const next = nextOpening(hours, saturdayEvening);
    expect(next?.at.toISOString()).toBe('2026-11-16T07:00:00.000Z'); // Monday 08:00 CET
    expect(next?.daysAhead).toBe(2);
    expect(describeNextOpening(next, 'de')).toBe('am Montag ab 8:00 Uhr');
    expect(describeNextOpening(next, 'en')).toBe('on Monday from 8:00');
    const lateTuesday = nextOpening(hours, new Date('2026-11-10T21:00:00Z'));
    expect(describeNextOpening(lateTuesday, 'de')).toBe('morgen ab 8:00 Uhr');
    expect(nextOpening(hours, new Date('2026-11-10T09:30:00Z'))).toBeUndefined();
  });

  it('describes the opening hours in the reply language', () => {
    expect(describeOpeningHours(hours, 'de')).toBe('Mo–Fr 8:00–20:00 Uhr, Sa 9:00–16:00 Uhr');
    expect(describeOpeningHours(hours, 'en')).toBe('Mon–Fri 8:00–20:00, Sat 9:00–16:00');
  });

  it('counts only business time when adding hours', () => {
    // Tue 18:00 CET + 4 h = 2 h on Tuesday + 2 h from Wednesday 08:00 -> Wed 10:00 CET
    expect(addBusinessMinutes(hours, new Date('2026-11-10T17:00:00Z'), 240).toISOString()).toBe(
      '2026-11-11T09:00:00.000Z',
    );
    // Saturday 15:00 + 2 h = 1 h Saturday + 1 h Monday -> Mon 09:00 CET
    expect(addBusinessMinutes(hours, new Date('2026-11-14T14:00:00Z'), 120).toISOString()).toBe(
      '2026-11-16T08:00:00.000Z',
    );
    // Thursday 24 Dec 19:00 + 2 h: Christmas (25th, 26th) closed, Sunday closed -> Mon 28th 09:00 CET
    expect(addBusinessMinutes(hours, new Date('2026-12-24T18:00:00Z'), 120).toISOString()).toBe(
      '2026-12-28T08:00:00.000Z',
    );
  });

  it('works in another time zone from the same brand rules', () => {
    const newYork = businessHoursOf(
      brandWith((b) => {
        b.timezone = 'America/New_York';
      }),
    );
    // 13:30 UTC is 08:30 in New York (EST): open
    expect(isOpen(newYork, new Date('2026-11-10T13:30:00Z'))).toBe(true);
    expect(isOpen(newYork, new Date('2026-11-10T12:30:00Z'))).toBe(false);
  });
});

describe('decisions outside business hours', () => {
  it('says when a person will answer and sets dueBy in business hours', () => {
    const fridayNight = new Date('2026-11-13T21:00:00Z'); // Fri 22:00 CET
    const d = decideText(
      { text: 'Mein Paket ist noch nicht angekommen', channel: 'comment' },
      { now: fridayNight },
    );
    expect(d.action).toBe('reply_and_dm');
    expect(d.reasons).toContain('business_hours:closed');
    expect(d.publicReply?.templateId).toMatch(/^move_to_dm_after_hours\.de\./);
    expect(d.publicReply?.text).toMatch(/morgen ab 9:00 Uhr/); // Saturday opens at 09:00
    // normal priority: 8 business hours from Saturday 09:00 = 7 h Saturday + 1 h Monday -> Mon 09:00 CET
    expect(d.priority).toBe('normal');
    expect(d.dueBy).toBe('2026-11-16T08:00:00.000Z');
  });

  it('uses the in-hours wording during business hours', () => {
    const d = decideText({
      text: 'Where is my parcel? Still nothing after a week',
      channel: 'mention',
      platform: 'x',
    });
    expect(d.publicReply?.templateId).toMatch(/^move_to_dm\.en\./);
    expect(d.reasons).toContain('business_hours:open');
  });
});
