import { describe, expect, it } from 'vitest';
import {
  addBusinessMinutes,
  type BusinessHours,
  isOpen,
  nextOpening,
  tableOffset,
  useZoneTable,
  zoneTable,
} from '../../shared/policy/hours.js';

const FROM = Date.UTC(2025, 0, 1);
const TO = Date.UTC(2038, 0, 1);

/** The oracle: the offset Intl reads for an instant, computed here without the code under test. */
function intlOffsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((local - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** A fixed sequence of instants spread over the table's years (no randomness between runs). */
function* spreadInstants(count: number) {
  let seed = 42;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    yield FROM + Math.floor((seed / 2_147_483_648) * (TO - FROM));
  }
}

describe('zone tables: the offsets the deploy computes so the responder never starts Intl', () => {
  it("finds Berlin's two changes a year, at 01:00 UTC on the last Sundays of March and October", () => {
    const table = zoneTable('Europe/Berlin', FROM, TO);
    expect(table.offset).toBe(3_600_000);
    expect(table.changes).toHaveLength(26);
    expect(table.changes.slice(2, 4)).toEqual([
      [Date.parse('2026-03-29T01:00:00Z'), 7_200_000],
      [Date.parse('2026-10-25T01:00:00Z'), 3_600_000],
    ]);
  });

  it.each([
    'Europe/Zurich',
    'Europe/London',
    'America/New_York',
    'America/Sao_Paulo',
    'America/Santiago',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Chatham',
    'Africa/Casablanca',
  ])('answers as Intl does in %s, at every change and at a thousand instants', (zone) => {
    const table = zoneTable(zone, FROM, TO);
    for (const [at] of table.changes) {
      for (const instant of [at - 1000, at, at + 60_000, at - 3_600_000, at + 3_600_000]) {
        expect(tableOffset(table, instant)).toBe(intlOffsetMinutes(instant, zone) * 60_000);
      }
    }
    for (const instant of spreadInstants(1000)) {
      expect(tableOffset(table, instant)).toBe(intlOffsetMinutes(instant, zone) * 60_000);
    }
  });

  it('leaves instants outside its years to Intl', () => {
    const table = zoneTable('Europe/Berlin', FROM, TO);
    expect(tableOffset(table, FROM - 1)).toBeUndefined();
    expect(tableOffset(table, TO)).toBeUndefined();
  });

  it('gives the same business-hours answers as Intl, inside and beyond the table', () => {
    const zone = 'America/New_York';
    const day = [{ from: '08:00', to: '18:00' }];
    const hours: BusinessHours = {
      timezone: zone,
      week: {
        mon: day,
        tue: day,
        wed: day,
        thu: day,
        fri: day,
        sat: [{ from: '10:00', to: '14:00' }],
        sun: [],
      },
      closedOn: ['2027-07-05', '2027-11-25'],
    };
    const instants = [
      ...spreadInstants(300),
      Date.parse('2027-03-14T06:30:00Z'), // the night the clocks go forward
      Date.parse('2027-11-07T05:30:00Z'), // and back
      Date.UTC(2045, 5, 1, 15),
    ];
    const answers = () =>
      instants.map((t) => {
        const now = new Date(t);
        return [
          isOpen(hours, now),
          nextOpening(hours, now)?.at.getTime(),
          addBusinessMinutes(hours, now, 90).getTime(),
        ];
      });
    const byIntl = answers();
    useZoneTable(zone, zoneTable(zone, FROM, TO));
    expect(answers()).toEqual(byIntl);
  });
});
