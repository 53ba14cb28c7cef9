// When a channel may receive reminders: its preferred weekday and hour in Europe/Stockholm, never
// outside that hour, and never on a weekend unless the deployment allows it. Plain TypeScript.

import { PLAN_TIME_ZONE } from '../domain/followUp';

export { PLAN_TIME_ZONE };

/** A channel's delivery slot: ISO weekday (1 = Monday … 7 = Sunday) and hour (0–23), Stockholm time. */
export interface DeliverySlot {
  weekday: number;
  hour: number;
}

export interface WindowOptions {
  /** Saturdays and Sundays are skipped unless a deployment allows them. */
  allowWeekends?: boolean;
}

export interface StockholmTime {
  /** YYYY-MM-DD */
  date: string;
  year: number;
  month: number;
  day: number;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PLAN_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
  weekday: 'short',
});
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The calendar date, weekday and hour of a moment in Stockholm. */
export function stockholmTime(at: Date): StockholmTime {
  const p = Object.fromEntries(parts.formatToParts(at).map((x) => [x.type, x.value]));
  const year = Number(p.year);
  const month = Number(p.month);
  const day = Number(p.day);
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    year,
    month,
    day,
    weekday: WEEKDAYS[p.weekday ?? ''] ?? 0,
    hour: Number(p.hour),
  };
}

export function isWeekend(weekday: number): boolean {
  return weekday === 6 || weekday === 7;
}

/** Whether a moment lies in the channel's delivery hour. */
export function inDeliveryWindow(at: Date, slot: DeliverySlot, options: WindowOptions = {}): boolean {
  const t = stockholmTime(at);
  if (isWeekend(t.weekday) && !options.allowWeekends) return false;
  return t.weekday === slot.weekday && t.hour === slot.hour;
}

/**
 * The start of the next delivery hour at or after a moment (the moment itself if it is in one),
 * or undefined if the slot can never deliver (a weekend day where weekends are not allowed).
 * Steps hour by hour, so daylight-saving changes need no special case.
 */
export function nextDeliveryWindow(at: Date, slot: DeliverySlot, options: WindowOptions = {}): Date | undefined {
  if (isWeekend(slot.weekday) && !options.allowWeekends) return undefined;
  if (inDeliveryWindow(at, slot, options)) return at;
  const hour = 3_600_000;
  let t = new Date(Math.floor(at.getTime() / hour) * hour + hour);
  for (let i = 0; i < 8 * 24; i++, t = new Date(t.getTime() + hour)) {
    if (inDeliveryWindow(t, slot, options)) return t;
  }
  return undefined;
}

// --- Calendar days -------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** Days from one YYYY-MM-DD date to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date moved by whole months (the day is kept; the plan's dates are the 1st). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The Stockholm calendar date of a stored ISO time (or of a YYYY-MM-DD date as is). */
export function stockholmDateOf(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return stockholmTime(new Date(iso)).date;
}
