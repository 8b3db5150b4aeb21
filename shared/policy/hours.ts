/**
 * Business hours in a brand's time zone, with Intl only (no date library: the responder's cold
 * start matters). Opening hours are wall-clock intervals per weekday; the instants they map to
 * follow the zone's daylight-saving rules. A process's first `Intl.DateTimeFormat` costs V8 its
 * list of locales (bench/RESULTS.md), so the deploy computes each brand zone's offsets for years
 * ahead with Intl (`zoneTable`), and the responder answers from that table (`useZoneTable`).
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface OpeningInterval {
  /** "HH:MM", local time */
  from: string;
  /** "HH:MM", local time, after `from`; "24:00" is the end of the day */
  to: string;
}

export interface BusinessHours {
  timezone: string;
  week: Record<Weekday, OpeningInterval[]>;
  /** local dates "YYYY-MM-DD" when nobody answers */
  closedOn: string[];
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter every business-hours question in this zone uses, made once per zone; throws a
 * RangeError for a zone Intl does not know. The brand schema makes it to check the zone, so the
 * first decision finds it made.
 */
export function partsFormatter(timezone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partFormatters.set(timezone, formatter);
  }
  return formatter;
}

function formattedWallClock(instant: number, timezone: string) {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timezone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return Date.UTC(
    values.year ?? 0,
    (values.month ?? 1) - 1,
    values.day ?? 1,
    values.hour ?? 0,
    values.minute ?? 0,
    values.second ?? 0,
  );
}

/** Milliseconds the zone is ahead of UTC at an instant, as Intl reads it. */
function intlOffset(instant: number, timezone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return formattedWallClock(whole, timezone) - whole;
}

/** A zone's offsets from `from` to `to`: `offset` at first, then each change at the instant it takes effect. */
export interface ZoneTable {
  from: number;
  to: number;
  offset: number;
  changes: Array<[at: number, offset: number]>;
}

/** Sampling a zone every six hours finds every change: no zone changes its offset twice within a day. */
const SAMPLE_STEP = 6 * 3_600_000;

/** The zone's offsets over [from, to) (whole seconds), found with Intl: each change narrowed to the second. */
export function zoneTable(timezone: string, from: number, to: number): ZoneTable {
  const table: ZoneTable = { from, to, offset: intlOffset(from, timezone), changes: [] };
  let before = table.offset;
  let lo = from;
  while (lo < to - 1000) {
    const hi = Math.min(lo + SAMPLE_STEP, to - 1000);
    if (intlOffset(hi, timezone) === before) {
      lo = hi;
      continue;
    }
    const at = firstChange(timezone, lo, hi, before);
    before = intlOffset(at, timezone);
    table.changes.push([at, before]);
    lo = at;
  }
  return table;
}

/** The first whole second in (lo, hi] at which the zone's offset is no longer `before`. */
function firstChange(timezone: string, lo: number, hi: number, before: number): number {
  let [unchanged, changed] = [lo, hi];
  while (changed - unchanged > 1000) {
    const mid = unchanged + Math.floor((changed - unchanged) / 2000) * 1000;
    if (intlOffset(mid, timezone) === before) unchanged = mid;
    else changed = mid;
  }
  return changed;
}

const zoneTables = new Map<string, ZoneTable>();

/** Answers this zone's offsets from the table wherever it reaches (readValidatedBrands calls it). */
export function useZoneTable(timezone: string, table: ZoneTable): void {
  zoneTables.set(timezone, table);
}

function tabledOffset(instant: number, timezone: string): number | undefined {
  const table = zoneTables.get(timezone);
  return table && tableOffset(table, instant);
}

/** The table's offset at an instant; undefined outside the years it covers. */
export function tableOffset(table: ZoneTable, instant: number): number | undefined {
  if (instant < table.from || instant >= table.to) return undefined;
  let offset = table.offset;
  for (const [at, changed] of table.changes) {
    if (at > instant) break;
    offset = changed;
  }
  return offset;
}

/**
 * Offsets change only on quarter hours (UTC) in every zone, so one Intl call per zone and quarter
 * hour is enough; formatToParts is the slow part of every business-hours question.
 */
const QUARTER_HOUR = 900_000;
const offsetCache = new Map<string, number>();

/** Milliseconds the zone is ahead of UTC at an instant: from the zone's table, else from Intl. */
function zoneOffset(instant: number, timezone: string): number {
  const tabled = tabledOffset(instant, timezone);
  if (tabled !== undefined) return tabled;
  const key = `${timezone}|${Math.floor(instant / QUARTER_HOUR)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    offset = intlOffset(instant, timezone);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

/** The wall-clock reading of an instant in a zone. */
export function wallClock(instant: number, timezone: string) {
  const local = new Date(instant + zoneOffset(instant, timezone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

/** The instant at which the zone's clocks show this local time (the later reading in a DST gap). */
function localToInstant(date: LocalDate, minutes: number, timezone: string): number {
  const naive = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  const first = naive - zoneOffset(naive, timezone);
  const second = naive - zoneOffset(first, timezone);
  return second;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function weekdayOf(date: LocalDate): Weekday {
  // 1970-01-05 was a Monday
  const days = Math.floor(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
  return WEEKDAYS[(((days - 4) % 7) + 7) % 7] as Weekday;
}

function addDays(date: LocalDate, n: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + n));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

interface Opening {
  start: number;
  end: number;
  date: LocalDate;
  weekday: Weekday;
}

/** Opening intervals as instants, in order, starting with the local day that contains `from`. */
function* openings(hours: BusinessHours, from: number, maxDays = 370): Generator<Opening> {
  const w = wallClock(from, hours.timezone);
  let date: LocalDate = { year: w.year, month: w.month, day: w.day };
  for (let i = 0; i < maxDays; i++, date = addDays(date, 1)) {
    if (hours.closedOn.includes(isoDate(date))) continue;
    const weekday = weekdayOf(date);
    for (const interval of hours.week[weekday]) {
      const start = localToInstant(date, minutesOf(interval.from), hours.timezone);
      const end = localToInstant(date, minutesOf(interval.to), hours.timezone);
      if (end > from) yield { start, end, date, weekday };
    }
  }
}

export function isOpen(hours: BusinessHours, now: Date): boolean {
  const t = now.getTime();
  for (const o of openings(hours, t, 1)) if (o.start <= t && t < o.end) return true;
  return false;
}

export interface NextOpening {
  at: Date;
  weekday: Weekday;
  /** local "HH:MM" */
  time: string;
  /** 0 = today, 1 = tomorrow (local days) */
  daysAhead: number;
}

/** When a person will be there next; undefined while open (or when the brand never opens). */
export function nextOpening(hours: BusinessHours, now: Date): NextOpening | undefined {
  const t = now.getTime();
  const today = wallClock(t, hours.timezone);
  const todayDays = Date.UTC(today.year, today.month - 1, today.day) / 86_400_000;
  for (const o of openings(hours, t)) {
    if (o.start <= t) return undefined;
    const local = wallClock(o.start, hours.timezone);
    return {
      at: new Date(o.start),
      weekday: o.weekday,
      time: `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`,
      daysAhead: Date.UTC(o.date.year, o.date.month - 1, o.date.day) / 86_400_000 - todayDays,
    };
  }
  return undefined;
}

/**
 * The instant after `minutes` of opening time have passed since `now` (time outside business
 * hours does not count). Throws when the brand has no opening hours within a year.
 */
export function addBusinessMinutes(hours: BusinessHours, now: Date, minutes: number): Date {
  let remaining = minutes * 60_000;
  const t = now.getTime();
  for (const o of openings(hours, t)) {
    const start = Math.max(o.start, t);
    const available = o.end - start;
    if (remaining <= available) return new Date(start + remaining);
    remaining -= available;
  }
  throw new Error(`no business hours within a year in ${hours.timezone}`);
}
