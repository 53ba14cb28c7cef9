// Numbers, dates and changes written the Swedish way (dates in Europe/Stockholm time): the one
// formatter the cards, the tab, Word and Excel use.
import { PLAN_TIME_ZONE } from './followUp';
import type { FieldChange, HistoryEntry } from './activityState';
import { isStatusId, statusLabel } from './status';

const dateTime = new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const dateLong = new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: PLAN_TIME_ZONE, day: 'numeric', month: 'numeric', year: 'numeric' });

const numberFormats = new Map<number, Intl.NumberFormat>();

/**
 * "7,1", "1 282", "0,42": a number the Swedish way (decimal comma, a no-break space between
 * thousands). `decimals`: at least that many decimals, as the number was typed ("5,0" stays "5,0").
 */
export function formatNumber(n: number, decimals = 0): string {
  const d = Math.min(Math.max(0, Math.floor(decimals)), 6);
  let format = numberFormats.get(d);
  if (!format) numberFormats.set(d, (format = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: d, maximumFractionDigits: Math.max(d, 4) })));
  return format.format(n);
}

/** "23 nov. 2026 10:00" (tables and the measure cards). */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** "23 nov. 2026" */
export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}

/** "1 december 2026": a date in running text. */
export function formatLongDate(iso: string): string {
  return dateLong.format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
}

const MONTHS_SHORT = ['jan', 'feb', 'mars', 'apr', 'maj', 'juni', 'juli', 'aug', 'sep', 'okt', 'nov', 'dec'];

/** "25 nov" this year, "25 nov 2025" another year: when something happened, in a sentence. */
export function formatDay(iso: string, now: Date = new Date()): string {
  const of = (d: Date) => Object.fromEntries(parts.formatToParts(d).map((p) => [p.type, p.value])) as Record<string, string>;
  const d = of(new Date(iso));
  const today = of(now);
  const day = `${Number(d.day)} ${MONTHS_SHORT[Number(d.month) - 1]}`;
  return d.year === today.year ? day : `${day} ${d.year}`;
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
  // An arena's own local plan.
  description: 'Beskrivning',
  strategy: 'Strategi',
  notApplicable: 'Ej aktuellt lokalt',
  endedLocally: 'Avslutad lokalt',
};

function shown(field: FieldChange['field'], value: string): string {
  if (field === 'status' && isStatusId(value)) return statusLabel(value);
  if (value === '') return '(tomt)';
  return value.length > 80 ? `${value.slice(0, 77)}…` : value;
}

/** A value a person typed or chose, named in words: "Status: Pågår" (never a field or status id). */
export function describeValue(field: string, value: string): string {
  const label = field === 'comment' ? 'Kommentar' : (FIELD_LABEL as Record<string, string>)[field];
  const text = field === 'status' && isStatusId(value) ? statusLabel(value) : value;
  return label ? `${label}: ${text}` : text;
}

/** "Status: Pågår → Klar" (the tab's history table). */
export function describeChange(change: FieldChange): string {
  // Marked and undone: the reason, not an arrow from or to nothing.
  if (change.field === 'notApplicable') return change.to ? `Ej aktuellt lokalt: ${shown(change.field, change.to)}` : 'Aktuellt lokalt igen';
  if (change.field === 'endedLocally') return change.to ? `Avslutad lokalt: ${shown(change.field, change.to)}` : 'Upptagen igen';
  // One question of a split measure: named by its words.
  if (change.question) return `Svar på frågan "${change.question.text}": ${shown(change.field, change.from)} → ${shown(change.field, change.to)}`;
  return `${FIELD_LABEL[change.field]}: ${shown(change.field, change.from)} → ${shown(change.field, change.to)}`;
}

const quoted = (value: string, max = 60) => `"${value.length > max ? `${value.slice(0, max - 1)}…` : value}"`;

/** What one change did, as the predicate of a sentence: "ändrade status från Ej påbörjat till Pågår". */
export function changePhrase(change: FieldChange): string {
  switch (change.field) {
    case 'status':
      return `ändrade status från ${shown('status', change.from)} till ${shown('status', change.to)}`;
    case 'statusNote':
      if (change.to === '') return 'tog bort statusanteckningen';
      return change.from === '' ? `skrev statusanteckningen ${quoted(change.to)}` : `ändrade statusanteckningen till ${quoted(change.to)}`;
    case 'measureAnswer':
      if (change.question) {
        const asked = quoted(change.question.text, 80);
        if (change.to === '') return `tog bort svaret på frågan ${asked}`;
        return change.from === '' ? `svarade ${quoted(change.to)} på frågan ${asked}` : `ändrade svaret på frågan ${asked} från ${quoted(change.from)} till ${quoted(change.to)}`;
      }
      if (change.to === '') return 'tog bort svaret på måttet';
      return change.from === '' ? `svarade ${quoted(change.to)} på måttet` : `ändrade svaret på måttet från ${quoted(change.from)} till ${quoted(change.to)}`;
    case 'notApplicable':
      if (change.to === '') return 'angav att delaktiviteten är aktuell lokalt igen';
      return change.from === '' ? `angav att delaktiviteten inte är aktuell lokalt: ${quoted(change.to)}` : `ändrade skälet till att den inte är aktuell lokalt till ${quoted(change.to)}`;
    case 'endedLocally':
      if (change.to === '') return 'tog upp aktiviteten igen';
      return change.from === '' ? `avslutade aktiviteten lokalt: ${quoted(change.to)}` : `ändrade skälet till att aktiviteten avslutades till ${quoted(change.to)}`;
    case 'description':
      if (change.to === '') return 'tog bort beskrivningen';
      return change.from === '' ? `skrev beskrivningen ${quoted(change.to)}` : `ändrade beskrivningen till ${quoted(change.to)}`;
    case 'strategy':
      return `flyttade aktiviteten från ${change.from} till ${change.to}`;
    default: {
      // A revision of the plan, or the arena in its own local plan, changed its wording:
      // "ändrade målvärde från "ja" till "Ja, 2027"".
      const label = FIELD_LABEL[change.field].toLocaleLowerCase('sv-SE');
      if (change.from === '') return `angav ${label} ${quoted(change.to)}`;
      if (change.to === '') return `tog bort ${label}`;
      return `ändrade ${FIELD_LABEL[change.field].toLocaleLowerCase('sv-SE')} från ${quoted(shown(change.field, change.from))} till ${quoted(shown(change.field, change.to))}`;
    }
  }
}

/** "a, b och c" */
export function joinSwedish(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/**
 * A history entry as a sentence: "Anna Andersson ändrade status från Ej påbörjat till Pågår,
 * 25 nov: "Beslut i arenan"" (the comment, when there is one, after the colon).
 */
export function describeEntry(entry: HistoryEntry, now: Date = new Date()): string {
  return `${entry.actor.name} ${describeWhat(entry, now)}`;
}

/** The same sentence without who: where the card already says who saved ("Sparat av Anna Andersson."). */
export function describeWhat(entry: HistoryEntry, now: Date = new Date()): string {
  const what = entry.changes.length ? joinSwedish(entry.changes.map(changePhrase)) : 'skrev en kommentar';
  return `${what}, ${formatDay(entry.at, now)}${entry.comment ? `: ${quoted(entry.comment, 120)}` : ''}`;
}

/**
 * An arena's name inside a sentence: a local arena as it is ("Östersund"), the county level's name
 * with a small first letter ("länsgemensam samverkan"). Names come from the plan file, never the code.
 */
export function arenaInText(arena: { name: string; kind: string }): string {
  return arena.kind === 'county' ? arena.name.charAt(0).toLocaleLowerCase('sv-SE') + arena.name.slice(1) : arena.name;
}
