// Dates and changes written the Swedish way, in Europe/Stockholm time.
import { PLAN_TIME_ZONE } from './followUp';
import type { FieldChange, HistoryEntry } from './activityState';
import { isStatusId, statusLabel } from './status';

const dateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });

export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

const FIELD_LABEL: Record<FieldChange['field'], string> = {
  status: 'Status',
  statusNote: 'Statusanteckning',
  measureAnswer: 'Svar på mått',
  // Changed by a revision of the plan.
  title: 'Delaktivitet',
  measure: 'Mått',
  target: 'Målvärde',
  activityTitle: 'Aktivitet',
  period: 'Prioritet',
};

function shown(field: FieldChange['field'], value: string): string {
  if (field === 'status' && isStatusId(value)) return statusLabel(value);
  if (value === '') return '(tomt)';
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}

/** "Status: Pågår → Klar" */
export function describeChange(change: FieldChange): string {
  return `${FIELD_LABEL[change.field]}: ${shown(change.field, change.from)} → ${shown(change.field, change.to)}`;
}

/** "23 nov. 2026 10:05, Anna Andersson: Status: Pågår → Klar" */
export function describeEntry(entry: HistoryEntry): string {
  const what = entry.changes.length ? entry.changes.map(describeChange).join('; ') : 'Kommentar';
  return `${formatDateTime(entry.at)}, ${entry.actor.name}: ${what}`;
}

/**
 * An arena's name inside a sentence: a local arena as it is ("Östersund"), the county level's name
 * with a small first letter ("länsgemensam samverkan"). Names come from the plan file, never the code.
 */
export function arenaInText(arena: { name: string; kind: string }): string {
  return arena.kind === 'county' ? arena.name.charAt(0).toLocaleLowerCase('sv-SE') + arena.name.slice(1) : arena.name;
}
