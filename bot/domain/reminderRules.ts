// The follow-up reminders a channel can have, in the plan's own words, the defaults a channel
// starts with, and the validation of the `påminnelser` form. Which reminders are due, and when,
// is the reminder engine's business (bot/reminders); this file says what a channel has chosen.
//
// 1.6: "Planen är ett levande dokument som följs upp årligen i länsgemensam samverkan.
// Revidering av planen sker var tredje år." Effect measures are followed "minst halvårsvis" or
// yearly (Bilaga 1), and every activity has a priority period ("Prioritet", e.g. 2024–2025).
import { z } from 'zod';
import type { ReminderSettings } from './channels';
import type { ArenaKind } from './plan';

export const REMINDER_RULE_IDS = ['stale', 'periodEnding', 'measureReporting', 'yearlyFollowUp', 'revision', 'roundLastDay'] as const;
export type ReminderRuleId = (typeof REMINDER_RULE_IDS)[number];

export interface ReminderRule {
  id: ReminderRuleId;
  /** Short Swedish name, shown beside the rule's switch. */
  label: string;
  /** What the reminder does, in the plan's words. */
  explanation: string;
  /** The kinds of arena whose channel the rule applies to. */
  arenaKinds: readonly ArenaKind[];
}

/** Days without an update after which an arena's activities are reminded of (default). */
export const STALE_AFTER_DAYS = 60;
/** Days before a priority period ends that its unfinished activities are reminded of (default). */
/**
 * Days after a half-year or year ends that its effect-measure values are asked for: register
 * figures come after a period ends (docs/plan-file.md, "Effektmått"); mid-August and
 * mid-February, after the summer holidays and once January's figures are in.
 */
export const MEASURE_REPORTING_AFTER_DAYS = 45;
/** How many days from then the reminder can still go out (the channel's weekday comes four times or more), once. */
export const MEASURE_REPORTING_WINDOW_DAYS = 30;
export const PERIOD_ENDING_WITHIN_DAYS = 30;
/** Days before a follow-up round's last day that an arena that has not submitted is reminded (default). */
export const ROUND_LAST_DAY_WITHIN_DAYS = 7;

const BOTH: readonly ArenaKind[] = ['municipality', 'county'];
const COUNTY: readonly ArenaKind[] = ['county'];
const MUNICIPALITY: readonly ArenaKind[] = ['municipality'];

export const REMINDER_RULES: readonly ReminderRule[] = [
  {
    id: 'stale',
    label: 'Aktiviteter som inte har uppdaterats',
    explanation: `När arenans aktiviteter inte har uppdaterats på ${STALE_AFTER_DAYS} dagar kommer ett kort med aktiviteterna, så att ni kan uppdatera status direkt.`,
    arenaKinds: BOTH,
  },
  {
    id: 'periodEnding',
    label: 'Prioriteringsperioden går ut',
    explanation: `När en aktivitets prioritet (till exempel 2024–2025) går ut inom ${PERIOD_ENDING_WITHIN_DAYS} dagar och aktiviteten inte är klar.`,
    arenaKinds: BOTH,
  },
  {
    id: 'measureReporting',
    label: 'Rapportera effektmåtten',
    explanation: `${MEASURE_REPORTING_AFTER_DAYS} dagar efter varje halvårsskifte och årsskifte, i kanalen som rapporterar värdena: påminnelse om de värden för effektmåtten som saknas för perioden som har slutat (registrens siffror kommer efter att perioden är slut). Länsnivån rapporterar alla effektmåttens värden, så påminnelsen kommer dit.`,
    arenaKinds: BOTH,
  },
  {
    id: 'yearlyFollowUp',
    label: 'Årlig uppföljning av planen',
    explanation: 'Före den årliga uppföljningen: "Planen är ett levande dokument som följs upp årligen i länsgemensam samverkan." En sammanfattning av läget kommer hit.',
    arenaKinds: COUNTY,
  },
  {
    id: 'revision',
    label: 'Revidering av planen',
    // The interval and the date come from the plan version in force (bot/domain/planVersion.ts).
    explanation: 'Före revideringsdatumet: planen revideras med jämna mellanrum (till exempel var tredje år), räknat från den dag planens gällande version trädde i kraft.',
    arenaKinds: COUNTY,
  },
  {
    id: 'roundLastDay',
    label: 'Sista dag i årets uppföljning',
    explanation: `När länsgemensam samverkan har öppnat den årliga uppföljningen och arenan inte har lämnat in: en påminnelse ${ROUND_LAST_DAY_WITHIN_DAYS} dagar före sista dagen att lämna in.`,
    arenaKinds: MUNICIPALITY,
  },
];

/** The rules that apply to a channel of this kind of arena, in display order. */
export function rulesFor(kind: ArenaKind): ReminderRule[] {
  return REMINDER_RULES.filter((r) => r.arenaKinds.includes(kind));
}

/** What decides the rules a channel's form offers: its arena's kind, and whether it reports any effect measure's values. */
export interface RuleScope {
  kind: ArenaKind;
  reportsMeasures: boolean;
}

/**
 * The rules the `påminnelser` form offers a channel: those of its kind, without the reminder to
 * report effect measures where the channel reports none (the plan file says who reports each
 * measure; today the county reports all of them), so an arena is not offered a switch that
 * never does anything. The stored settings keep the rule; the reminder engine sends nothing there.
 */
export function rulesOffered(scope: RuleScope): ReminderRule[] {
  return rulesFor(scope.kind).filter((r) => r.id !== 'measureReporting' || scope.reportsMeasures);
}

export function isReminderRuleId(value: unknown): value is ReminderRuleId {
  return typeof value === 'string' && (REMINDER_RULE_IDS as readonly string[]).includes(value);
}

/** Swedish weekday names, ISO order (1 = Monday). */
export const WEEKDAY_NAMES = ['måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'] as const;

/** Reminders are sent in working hours only: the form offers 07:00 to 17:00 (Europe/Stockholm). */
export const FORM_HOURS = { first: 7, last: 17 } as const;

export function weekdayName(weekday: number): string {
  return WEEKDAY_NAMES[weekday - 1] ?? `dag ${weekday}`;
}

/** "09:00" */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}

/** A new channel's settings: on, Mondays at 09:00, every rule that applies to its arena. */
export function defaultSettings(kind: ArenaKind): ReminderSettings {
  return { enabled: true, weekday: 1, hour: 9, rules: rulesFor(kind).map((r) => r.id) };
}

/** The rules the påminnelser form offered before it recorded what it offered (settings saved then lack `offered`). */
const OFFERED_BEFORE_RECORDING: readonly string[] = ['stale', 'periodEnding', 'measureReporting', 'yearlyFollowUp', 'revision'];

/**
 * The settings that hold for a channel: the stored ones, or the defaults if none were saved.
 * A rule the channel was never offered (added to the app after it saved its settings) is on.
 * Only known rules that apply to the arena's kind count (a channel re-linked from the county to
 * a municipality keeps its choice of the other rules); a value out of range falls back to the
 * default.
 */
export function effectiveSettings(stored: ReminderSettings | undefined, kind: ArenaKind): ReminderSettings {
  const defaults = defaultSettings(kind);
  if (!stored) return defaults;
  const applicable = rulesFor(kind).map((r) => r.id as string);
  const offered = Array.isArray(stored.offered) ? stored.offered : OFFERED_BEFORE_RECORDING;
  const chosen = Array.isArray(stored.rules) ? [...stored.rules, ...applicable.filter((id) => !offered.includes(id))] : [];
  return {
    enabled: typeof stored.enabled === 'boolean' ? stored.enabled : defaults.enabled,
    weekday: Number.isInteger(stored.weekday) && stored.weekday >= 1 && stored.weekday <= 7 ? stored.weekday : defaults.weekday,
    hour: Number.isInteger(stored.hour) && stored.hour >= 0 && stored.hour <= 23 ? stored.hour : defaults.hour,
    // In display order, each once.
    rules: applicable.filter((id) => chosen.includes(id)),
  };
}

/** The id of the form's switch for a rule. */
export function ruleInputId(rule: ReminderRuleId): string {
  return `rule_${rule}`;
}

const RULE_INPUT = /^rule_(.*)$/;

/** Azure Tables ETags look like W/"datetime'2026-11-23T10%3A00%3A00.000Z'"; nothing else reaches the store. */
const ETAG_PATTERN = /^W\/"[A-Za-z0-9'%:.\-_+]{1,100}"$/;

// Teams sends a toggle as "true"/"false" (valueOn/valueOff) and a choice as its value, as text.
const toggle = (label: string) =>
  z.union([z.enum(['true', 'false']), z.boolean()], { error: `${label}: välj på eller av` }).transform((v) => v === true || v === 'true');

const wholeNumber = (label: string, min: number, max: number, message: string) =>
  z
    .union([z.string().regex(/^\d{1,2}$/, message), z.number().int(message)], { error: `${label} saknas` })
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));

const formSchema = z.object({
  etag: z.string({ error: 'Kortet saknar sin version' }).regex(ETAG_PATTERN, 'Kortet har en version jag inte känner igen'),
  enabled: toggle('Påminnelser'),
  // Reminders are never sent on weekends (bot/reminders/schedule.ts), so the form offers weekdays only.
  weekday: wholeNumber('Veckodag', 1, 5, 'Veckodagen ska vara en av måndag till fredag'),
  hour: wholeNumber('Klockslag', FORM_HOURS.first, FORM_HOURS.last, `Klockslaget ska vara mellan ${hourLabel(FORM_HOURS.first)} och ${hourLabel(FORM_HOURS.last)} (påminnelser skickas bara under arbetstid)`),
});

/** Why a switch the form did not offer cannot be turned on here. */
function notOfferedReason(rule: ReminderRule, scope: RuleScope): string {
  if (!rule.arenaKinds.includes(scope.kind)) return rule.arenaKinds.includes('county') ? `"${rule.label}" gäller bara kanalen för länsgemensam samverkan` : `"${rule.label}" gäller bara kommunernas kanaler`;
  return `"${rule.label}" gäller bara kanaler som rapporterar effektmåttens värden, och den här kanalen rapporterar inga (planen säger vem som rapporterar varje mått)`;
}

export type ReminderForm = { ok: true; settings: ReminderSettings; etag: string } | { ok: false; errors: string[] };

/**
 * Reads a submitted `påminnelser` form (the Spara button's data merged with the inputs). Refuses
 * it as a whole, with Swedish messages, if anything is missing, out of range or unknown: a rule
 * the plan does not have, or one that does not apply to this kind of arena.
 */
export function parseReminderForm(data: Record<string, unknown>, scope: RuleScope): ReminderForm {
  const errors: string[] = [];
  const parsed = formSchema.safeParse(data);
  if (!parsed.success) errors.push(...parsed.error.issues.map((i) => i.message));

  const applicable = rulesOffered(scope);
  const chosen: ReminderRuleId[] = [];
  for (const [key, value] of Object.entries(data)) {
    const match = RULE_INPUT.exec(key);
    if (!match) continue;
    const id = match[1];
    const rule = REMINDER_RULES.find((r) => r.id === id);
    if (!rule) {
      errors.push(`Det finns ingen påminnelse som heter "${String(id).slice(0, 40)}"`);
      continue;
    }
    const on = toggle(rule.label).safeParse(value);
    if (!on.success) {
      errors.push(...on.error.issues.map((i) => i.message));
      continue;
    }
    if (!on.data) continue;
    if (!applicable.includes(rule)) {
      errors.push(notOfferedReason(rule, scope));
      continue;
    }
    chosen.push(rule.id);
  }

  if (errors.length || !parsed.success) return { ok: false, errors };
  const { etag, enabled, weekday, hour } = parsed.data;
  return { ok: true, etag, settings: { enabled, weekday, hour, rules: applicable.map((r) => r.id).filter((id) => chosen.includes(id)), offered: applicable.map((r) => r.id) } };
}
