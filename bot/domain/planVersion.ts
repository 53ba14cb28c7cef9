// The plan's versions and the follow-up rhythm of the version in force. 1.6: "Planen är ett
// levande dokument som följs upp årligen i länsgemensam samverkan. Revidering av planen sker var
// tredje år." A revised plan is a new version of the plan file with the date it comes into
// force; from that date its own rhythm holds: yearly follow-ups and the next revision are counted
// from the new version's date, not from the first plan's.
import type { PlanInfo } from './plan';

/** One version of the plan that has been loaded into the store. */
export interface PlanVersion {
  version: number;
  /** ISO date (YYYY-MM-DD) it comes into force. */
  inForceFrom: string;
}

/** The plan facts that decide the rhythm. */
export type PlanRhythm = Pick<PlanInfo, 'version' | 'inForceFrom' | 'followUpIntervalMonths' | 'revisionIntervalYears'>;

/** The versions the store knows, oldest first; a plan read straight from a file has just its own. */
export function planVersions(view: { plan: PlanRhythm; versions?: readonly PlanVersion[] }): PlanVersion[] {
  const known = view.versions && view.versions.length > 0 ? [...view.versions] : [{ version: view.plan.version, inForceFrom: view.plan.inForceFrom }];
  return known.sort((a, b) => a.version - b.version);
}

/**
 * The version in force on a date (YYYY-MM-DD): the newest whose date has come. Before the first
 * version's date, the first version (the plan that is about to come into force).
 */
export function versionInForce(versions: readonly PlanVersion[], today: string): PlanVersion {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  let current = sorted[0]!;
  for (const v of sorted) if (v.inForceFrom <= today) current = v;
  return current;
}

/** A version decided but not yet in force on the date, if any (the newest). */
export function upcomingVersion(versions: readonly PlanVersion[], today: string): PlanVersion | undefined {
  const inForce = versionInForce(versions, today);
  const later = versions.filter((v) => v.version > inForce.version && v.inForceFrom > today);
  return later.sort((a, b) => b.version - a.version)[0];
}

/** An ISO date plus whole months, on the same day of the month (or the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

export interface RhythmDate {
  /** YYYY-MM-DD */
  date: string;
  /** The version whose rhythm the date belongs to. */
  version: PlanVersion;
}

/**
 * The first date after `today` of the rhythm "every `months` months from the date a version came
 * into force". Each version's series runs until the next version comes into force; the last
 * version's series runs on.
 */
function nextInRhythm(versions: readonly PlanVersion[], today: string, months: number): RhythmDate | undefined {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  for (let i = 0; i < sorted.length; i++) {
    const version = sorted[i]!;
    const until = sorted[i + 1]?.inForceFrom;
    for (let k = 1; k <= 200; k++) {
      const date = addMonths(version.inForceFrom, k * months);
      if (until !== undefined && date >= until) break;
      if (date > today) return { date, version };
    }
  }
  return undefined;
}

/** The next yearly follow-up after `today` (1.6: "följs upp årligen"). */
export function nextFollowUp(plan: PlanRhythm, versions: readonly PlanVersion[], today: string): RhythmDate | undefined {
  return nextInRhythm(versions, today, plan.followUpIntervalMonths);
}

/** The next revision after `today` (1.6: "Revidering av planen sker var tredje år"). */
export function nextRevision(plan: PlanRhythm, versions: readonly PlanVersion[], today: string): RhythmDate | undefined {
  return nextInRhythm(versions, today, 12 * plan.revisionIntervalYears);
}
