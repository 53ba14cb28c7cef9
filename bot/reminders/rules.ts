// Which follow-up reminders are due for a channel at a moment, from the plan's own rhythm (1.6:
// "Planen är ett levande dokument som följs upp årligen i länsgemensam samverkan. Revidering av
// planen sker var tredje år."), the activities' priority periods, the effect measures' reporting
// periods and how long activities have gone untouched. Pure: the sweep reads the facts, this
// decides. A reminder is identified by (channel, rule, subject, due period).
import { isClosed } from '../domain/followUp';
import { MEASURE_REPORTING_AFTER_DAYS, MEASURE_REPORTING_WINDOW_DAYS, PERIOD_ENDING_WITHIN_DAYS, REMINDER_RULES, ROUND_LAST_DAY_WITHIN_DAYS, STALE_AFTER_DAYS, type ReminderRuleId } from '../domain/reminderRules';
import { setAside, type Round } from '../domain/followUpRound';
import { lastCompletedPeriod, periodEndsBefore, periodLabel, type PeriodId } from '../domain/measurePeriods';
import { reportableArenas, reportingArena, valueArenaName, type MeasureValue } from '../domain/measureValues';
import { progressByStrategy, type StrategyProgress } from '../domain/overview';
import type { Arena, EffectMeasure, PlanInfo } from '../domain/plan';
import { nextFollowUp, nextRevision, planVersions, type PlanVersion } from '../domain/planVersion';
import type { ActivityView, PlanContentView, SubActivityView } from '../domain/planView';
import { arenaInText } from '../domain/format';
import { daysBetween, stockholmDateOf, stockholmTime } from './schedule';

export type { ReminderRuleId };

/** How far ahead, or how long after, each rule fires. A deployment may change them. */
export interface RuleTimings {
  /** An activity not updated for this many days is stale; a stale digest recurs at most this often. */
  staleDays: number;
  /** Days before a priority period ends (31 December of its last year). */
  periodEndingDays: number;
  /**
   * Days after a half-year ends (30 June, 31 December) that the values of the period just ended
   * are asked for: register figures come after a period ends (docs/plan-file.md, "Effektmått").
   */
  measureReportingDays: number;
  /** Days before the yearly follow-up date. */
  yearlyFollowUpDays: number;
  /** Days before the revision date. */
  revisionDays: number;
  /** Days before a follow-up round's last day that arenas that have not submitted are reminded. */
  roundLastDayDays: number;
}

export const DEFAULT_TIMINGS: RuleTimings = {
  staleDays: STALE_AFTER_DAYS,
  periodEndingDays: PERIOD_ENDING_WITHIN_DAYS,
  measureReportingDays: MEASURE_REPORTING_AFTER_DAYS,
  yearlyFollowUpDays: 30,
  revisionDays: 60,
  roundLastDayDays: ROUND_LAST_DAY_WITHIN_DAYS,
};

export interface ReminderKey {
  channelId: string;
  rule: ReminderRuleId;
  /** What the reminder is about: an arena, an activity or the plan (ids only). */
  subject: string;
  /** The period or date it is due for: "2026", "2026-H2", "2026-12-01". */
  duePeriod: string;
}

export interface StaleItem {
  activity: ActivityView;
  sub: SubActivityView;
  /** YYYY-MM-DD of the last change, or of the plan's (or the activity's) start if never changed. */
  since: string;
  neverChanged: boolean;
}

export interface MeasureDue {
  measure: EffectMeasure;
  periodId: PeriodId;
  /** The arenas whose value for the period is asked for (each municipality and Hela länet, or the county once). */
  arenas: Arena[];
}

export type ReminderContent =
  | { rule: 'stale'; arena: Arena; items: StaleItem[]; staleDays: number }
  | { rule: 'periodEnding'; arena: Arena; activity: ActivityView; open: SubActivityView[]; endsOn: string }
  | { rule: 'measureReporting'; arena: Arena; halfYear: PeriodId; endedOn: string; measures: MeasureDue[] }
  | { rule: 'yearlyFollowUp'; arena: Arena; date: string; plan: PlanInfo; progress: StrategyProgress[] }
  | { rule: 'revision'; arena: Arena; date: string; plan: PlanInfo }
  | { rule: 'roundLastDay'; arena: Arena; round: Round };

export interface DueReminder {
  key: ReminderKey;
  arenaId: string;
  /** Why, in Swedish and in the plan's words: shown on the card and in the operator's dry run. */
  reason: string;
  content: ReminderContent;
}

export interface ChannelContext {
  channelId: string;
  arena: Arena;
  /** The rules the channel has on (its effective settings). */
  rules: readonly string[];
}

export interface RuleFacts {
  /** The arena's activities with live state (the county's: Bilaga 1). */
  activities: ActivityView[];
  /** Values reported, as `${measureId}|${periodId}|${arenaId}` (reportedSet). */
  reported: ReadonlySet<string>;
  /**
   * The channel's latest stale digest, if any: its due day, and whether it is still unsettled
   * (claimed, or waiting for another attempt): then that same digest is due again, not a new one.
   */
  lastStaleDigest?: { date: string; pending: boolean };
  /** The open follow-up round, if any, and whether this channel's arena has submitted in it. */
  round?: { round: Round; submitted: boolean };
}


export const reportedKey = (measureId: string, periodId: PeriodId, arenaId: string) => `${measureId}|${periodId}|${arenaId}`;

/** The reported values as the rules read them: one range read of the current values gives them all. */
export function reportedSet(values: Array<Pick<MeasureValue, 'measureId' | 'periodId' | 'arenaId'>>): Set<string> {
  return new Set(values.map((v) => reportedKey(v.measureId, v.periodId, v.arenaId)));
}

/** Every reminder due for the channel at the moment, in rule order. */
export function dueReminders(content: PlanContentView, channel: ChannelContext, facts: RuleFacts, at: Date, timings: RuleTimings = DEFAULT_TIMINGS): DueReminder[] {
  // The channel's choice, and only rules that apply to its kind of arena (the county's rules
  // are about the plan as a whole).
  const applies = (rule: ReminderRuleId) => channel.rules.includes(rule) && REMINDER_RULES.some((r) => r.id === rule && r.arenaKinds.includes(channel.arena.kind));
  const today = stockholmTime(at).date;
  const out: DueReminder[] = [];
  const key = (rule: ReminderRuleId, subject: string, duePeriod: string): ReminderKey => ({ channelId: channel.channelId, rule, subject, duePeriod });
  const arena = channel.arena;

  if (applies('stale')) {
    const items = staleItems(content.plan, facts.activities, today, timings.staleDays);
    // A digest dated after today (an operator's sweep "as of" a future date) does not hold back today's.
    const last = facts.lastStaleDigest && facts.lastStaleDigest.date <= today ? facts.lastStaleDigest : undefined;
    const duePeriod = last?.pending ? last.date : today;
    if (items.length > 0 && (!last || last.pending || daysBetween(last.date, today) >= timings.staleDays)) {
      out.push({
        key: key('stale', arena.id, duePeriod),
        arenaId: arena.id,
        reason: staleReason(arena, items.length, timings.staleDays),
        content: { rule: 'stale', arena, items, staleDays: timings.staleDays },
      });
    }
  }

  if (applies('periodEnding')) {
    for (const activity of facts.activities) {
      const endsOn = `${activity.period.to}-12-31`;
      const left = daysBetween(today, endsOn);
      const open = activity.subActivities.filter((d) => !isClosed(d.status) && !setAside(d));
      if (left < 0 || left > timings.periodEndingDays || open.length === 0) continue;
      out.push({
        key: key('periodEnding', activity.id, String(activity.period.to)),
        arenaId: arena.id,
        reason: `Prioriteringsperioden ${activity.period.label} för "${activity.title}" slutar ${longDate(endsOn)}, och ${open.length} av ${count(activity.subActivities.length, 'delaktivitet', 'delaktiviteter')} är inte klara.`,
        content: { rule: 'periodEnding', arena, activity, open, endsOn },
      });
    }
  }

  if (applies('measureReporting')) {
    const window = measureReportingWindow(at, timings);
    if (window) {
      const measures = measuresReportedBy(content, arena, at)
        .map((m) => ({ ...m, arenas: m.arenas.filter((a) => !facts.reported.has(reportedKey(m.measure.id, m.periodId, a.id))) }))
        .filter((m) => m.arenas.length > 0);
      if (measures.length > 0) {
        out.push({
          key: key('measureReporting', arena.id, window.halfYear),
          arenaId: arena.id,
          reason: `${periodLabel(window.halfYear).replace(/^./, (c) => c.toUpperCase())} slutade ${longDate(window.endedOn)}. ${count(measures.length, 'effektmått', 'effektmått')} som ${arenaPhrase(arena)} rapporterar saknar värden för den senast avslutade perioden.`,
          content: { rule: 'measureReporting', arena, halfYear: window.halfYear, endedOn: window.endedOn, measures },
        });
      }
    }
  }

  // The plan's rhythm follows the version in force: each version's follow-ups and revision are
  // counted from the day it came into force (bot/domain/planVersion.ts).
  const versions = planVersions(content);
  // The plan's facts as of the version the date belongs to.
  const asOf = (v: PlanVersion): PlanInfo => ({ ...content.plan, version: v.version, inForceFrom: v.inForceFrom });

  if (applies('yearlyFollowUp')) {
    const next = nextFollowUp(content.plan, versions, today);
    if (next && daysBetween(today, next.date) <= timings.yearlyFollowUpDays) {
      const date = next.date;
      out.push({
        key: key('yearlyFollowUp', content.plan.id, date),
        arenaId: arena.id,
        reason: `Planens årliga uppföljning är ${longDate(date)}: "${planSentence(content.plan, /följs upp/i) ?? 'Planen är ett levande dokument som följs upp årligen i länsgemensam samverkan.'}"`,
        content: { rule: 'yearlyFollowUp', arena, date, plan: asOf(next.version), progress: progressByStrategy(content.strategies, facts.activities, at) },
      });
    }
  }

  if (applies('revision')) {
    const next = nextRevision(content.plan, versions, today);
    if (next && daysBetween(today, next.date) <= timings.revisionDays) {
      const date = next.date;
      const quote = planSentence(content.plan, /revider/i) ?? `Revidering av planen sker vart ${content.plan.revisionIntervalYears}:e år.`;
      const since = next.version.version > 1 ? `Version ${next.version.version} av planen trädde i kraft` : 'Planen trädde i kraft';
      out.push({
        key: key('revision', content.plan.id, date),
        arenaId: arena.id,
        reason: `Planen ska revideras ${longDate(date)}: "${quote}" ${since} ${longDate(next.version.inForceFrom)}.`,
        content: { rule: 'revision', arena, date, plan: asOf(next.version) },
      });
    }
  }
  if (applies('roundLastDay') && facts.round && facts.round.round.status === 'open' && !facts.round.submitted) {
    const { round } = facts.round;
    const left = daysBetween(today, round.lastDay);
    if (left >= 0 && left <= timings.roundLastDayDays) {
      out.push({
        // Once per arena and last day: a moved last day is reminded of again, for its new date.
        key: key('roundLastDay', arena.id, round.lastDay),
        arenaId: arena.id,
        reason: `Sista dag att lämna in ${arena.name}s del av ${round.name} är ${longDate(round.lastDay)}, och ${arena.name} har inte lämnat in ännu. Gå igenom era aktiviteter och tryck Lämna in.`,
        content: { rule: 'roundLastDay', arena, round },
      });
    }
  }
  return out;
}

/** The sentence of the plan's validity text (1.6) that matches, e.g. "Revidering av planen sker var tredje år." */
function planSentence(plan: Pick<PlanInfo, 'validityText'>, pattern: RegExp): string | undefined {
  return plan.validityText.split(/(?<=\.)\s+/).find((s) => pattern.test(s));
}

/** Sub-activities not closed and not changed for at least `staleDays` days, in the plan's order. */
export function staleItems(plan: Pick<PlanInfo, 'inForceFrom'>, activities: ActivityView[], today: string, staleDays: number): StaleItem[] {
  const items: StaleItem[] = [];
  for (const activity of activities) {
    for (const sub of activity.subActivities) {
      if (isClosed(sub.status) || setAside(sub)) continue;
      const since = stockholmDateOf(sub.updatedAt ?? activity.createdAt ?? plan.inForceFrom);
      if (daysBetween(since, today) >= staleDays) items.push({ activity, sub, since, neverChanged: sub.updatedAt === null });
    }
  }
  return items;
}

/**
 * The half-year just ended, from `measureReportingDays` days after its last day (30 June or
 * 31 December) for MEASURE_REPORTING_WINDOW_DAYS days: its values are asked for then, once (the
 * reminder's key is the half-year). Register figures come after a period ends, never before.
 */
export function measureReportingWindow(at: Date, timings: RuleTimings = DEFAULT_TIMINGS): { halfYear: PeriodId; endedOn: string } | undefined {
  const halfYear = lastCompletedPeriod('halfYearly', at);
  const next = periodEndsBefore(halfYear);
  const endedOn = next.month === 7 ? `${next.year}-06-30` : `${next.year - 1}-12-31`;
  const since = daysBetween(endedOn, stockholmTime(at).date);
  return since >= timings.measureReportingDays && since < timings.measureReportingDays + MEASURE_REPORTING_WINDOW_DAYS ? { halfYear, endedOn } : undefined;
}

/**
 * The measures, and the arenas of each, whose values this arena's channel reports for the
 * period last ended: half-yearly ones every half-year, yearly ones after the year has ended. A
 * survey round is not asked for on a calendar (the survey is every other year; the county
 * reports a round when its results come). The sweep looks these up to learn what is reported.
 */
export function measuresReportedBy(content: Pick<PlanContentView, 'strategies' | 'arenas'>, arena: Arena, at: Date): MeasureDue[] {
  const yearEnded = lastCompletedPeriod('halfYearly', at).endsWith('H2');
  return content.strategies
    .flatMap((s) => s.effectMeasures)
    .filter((m) => m.frequency === 'halfYearly' || (m.frequency === 'yearly' && yearEnded))
    .map((measure) => ({
      measure,
      periodId: lastCompletedPeriod(measure.frequency, at),
      arenas: reportableArenas(measure, content.arenas).filter((a) => reportingArena(measure, a, content.arenas).id === arena.id),
    }))
    .filter((m) => m.arenas.length > 0);
}

/** "Berg, Bräcke och Hela länet": the arenas a reminder asks a measure's values for. */
export function dueArenasText(due: MeasureDue): string {
  const names = due.arenas.map((a) => valueArenaName(due.measure, a));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}` : (names[0] ?? '');
}

const longFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });

/** "1 december 2026" */
/** Why the stale-activity digest is sent, in the plan's words. */
export function staleReason(arena: Arena, items: number, staleDays: number): string {
  return `${count(items, 'delaktivitet', 'delaktiviteter')} i ${arenaPhrase(arena)} har inte uppdaterats på minst ${staleDays} dagar. Planen är ett levande dokument som följs upp; uppdatera status eller skriv en kommentar.`;
}

export function longDate(date: string): string {
  return longFormat.format(new Date(`${date.slice(0, 10)}T12:00:00Z`));
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function arenaPhrase(arena: Arena): string {
  return arenaInText(arena);
}

