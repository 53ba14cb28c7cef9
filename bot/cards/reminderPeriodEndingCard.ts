// Reminder: an activity's priority period ends soon and some of its sub-activities are not done.
import type { StatusId } from '../domain/status';
import { bind, type CardJson } from './bind';
import template from './reminderPeriodEnding.json';
import { STATUS_COLOR } from './statusColors';

const SHOWN = 10;

export interface PeriodEndingCardData {
  reason: string;
  activityTitle: string;
  /** "Prioritet 2025–2026 · perioden slutar 31 december 2026" */
  periodText: string;
  open: Array<{ scopeId: string; subActivityId: string; title: string; status: StatusId; statusLabel: string }>;
}

export function reminderPeriodEndingCard(data: PeriodEndingCardData): CardJson {
  const shown = data.open.slice(0, SHOWN);
  return bind(template, {
    title: 'Prioriteringsperioden slutar snart',
    reason: data.reason,
    activityTitle: data.activityTitle,
    periodText: data.periodText,
    items: shown.map((d) => ({ scopeId: d.scopeId, id: d.subActivityId, title: d.title, statusLabel: d.statusLabel, statusColor: STATUS_COLOR[d.status] })),
    more: data.open.length > shown.length ? `… och ${data.open.length - shown.length} till.` : '',
  });
}
