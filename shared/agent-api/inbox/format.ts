import { formatDuration } from '../../agents/windows.js';
import type { UiLanguage } from './i18n.js';

/** "10:42" in the brand's time zone (a care team works on the brand's clock). */
export function clockTime(iso: string | number, language: UiLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}

/** "07.12. 10:42" / "12/07 10:42" */
export function dateTime(iso: string | number, language: UiLanguage, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}

/** "in 3 h 12 min" / "overdue 20 min" relative to now. */
export function untilOrOverdue(iso: string, now: Date, words: { left: string; overdue: string }): string {
  const ms = Date.parse(iso) - now.getTime();
  return ms >= 0 ? `${formatDuration(ms)} ${words.left}` : `${words.overdue} ${formatDuration(-ms)}`;
}
