// "ny aktivitet" in three short steps: the strategies, one strategy's recommended local activities
// to adopt, the arena's own activity; and the read-only card that shows what was added.
import { PLAN_TIME_ZONE } from '../domain/followUp';
import { LOCAL_ACTIVITY_LIMITS, periodYears } from '../domain/localActivity';
import type { Period } from '../domain/plan';
import { periodLabel, type ActivityView } from '../domain/planView';
import { bind, type CardJson } from './bind';
import template from './newActivity.json';
import ownTemplate from './newActivityOwn.json';
import strategyTemplate from './newActivityStrategy.json';
import addedTemplate from './newActivityAdded.json';

export interface NewActivityStrategy {
  id: string;
  number: number;
  title: string;
  /** Recommendations the arena has not adopted yet. */
  open: Array<{ id: string; title: string }>;
  /** Recommendations the arena has adopted, with the period it chose. */
  adopted: Array<{ title: string; period: Period }>;
}

/** What the own-activity form shows: the defaults, or what the person submitted. */
export interface OwnActivityForm {
  strategyId: string;
  title: string;
  from: number | string;
  to: number | string;
  measure: string;
  target: string;
}

/** Why the last submission was refused (the card is shown again with what was entered, the reasons next to the button). */
export interface FormErrors {
  title: string;
  messages: string[];
}

const strategyName = (s: { number: number; title: string }) => `${s.number}. ${s.title}`;

/** Keeps a tampered, oversized value from blowing up the card it is shown in again. */
const shown = (value: string, max: number) => value.slice(0, max);

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Step 1: the strategies, each with how many recommendations are left to adopt; and the own activity. */
export function newActivityCard(data: { arenaName: string; strategies: NewActivityStrategy[] }): CardJson {
  const openCount = data.strategies.reduce((n, s) => n + s.open.length, 0);
  return bind(template, {
    title: `Ny aktivitet för ${data.arenaName}`,
    intro:
      openCount === 0
        ? `${data.arenaName} har antagit alla planens rekommenderade lokala aktiviteter. Lägg till en egen aktivitet nedan.`
        : 'Välj strategi för att se planens rekommenderade lokala aktiviteter och anta dem, eller lägg till en egen aktivitet.',
    strategies: data.strategies.map((s) => ({
      id: s.id,
      heading: strategyName(s),
      summary: [s.open.length ? `${count(s.open.length, 'rekommendation', 'rekommendationer')} att anta` : 'Alla rekommendationer antagna', s.adopted.length ? `${s.adopted.length} antagna` : ''].filter(Boolean).join(' · '),
    })),
  });
}

/** Step 2: one strategy's recommendations, each with Anta, and the period they are adopted for. */
export function newActivityStrategyCard(data: { arenaName: string; strategy: NewActivityStrategy; adoptPeriod: { from: number | string; to: number | string }; errors?: FormErrors }): CardJson {
  const s = data.strategy;
  return bind(strategyTemplate, {
    title: `Ny aktivitet för ${data.arenaName}`,
    heading: strategyName(s),
    intro: s.open.length ? 'Planens rekommenderade lokala aktiviteter. Välj period och tryck Anta; en antagen aktivitet börjar som Ej påbörjat.' : `${data.arenaName} har antagit alla rekommendationer i strategin.`,
    errorTitle: data.errors?.title ?? '',
    errors: data.errors?.messages ?? [],
    years: periodYears().map(String),
    adopt: { from: String(data.adoptPeriod.from), to: String(data.adoptPeriod.to) },
    open: s.open,
    adopted: s.adopted.map((a) => ({ text: `Antagen ${periodLabel(a.period)}: ${a.title}` })),
    strategyId: s.id,
  });
}

/** Step 3: the arena's own activity. */
export function ownActivityCard(data: { arenaName: string; strategyChoices: Array<{ id: string; number: number; title: string }>; own: OwnActivityForm; errors?: FormErrors }): CardJson {
  return bind(ownTemplate, {
    title: `Egen aktivitet för ${data.arenaName}`,
    intro: 'Strategi, aktivitet och period behövs; mått och målvärde kan vänta. Den börjar som Ej påbörjat.',
    errorTitle: data.errors?.title ?? '',
    errors: data.errors?.messages ?? [],
    years: periodYears().map(String),
    strategyChoices: data.strategyChoices.map((s) => ({ title: strategyName(s), value: s.id })),
    own: {
      strategyId: shown(data.own.strategyId, 64),
      title: shown(data.own.title, LOCAL_ACTIVITY_LIMITS.title),
      from: String(data.own.from),
      to: String(data.own.to),
      measure: shown(data.own.measure, LOCAL_ACTIVITY_LIMITS.measure),
      target: shown(data.own.target, LOCAL_ACTIVITY_LIMITS.target),
    },
    limits: { title: LOCAL_ACTIVITY_LIMITS.title, measure: LOCAL_ACTIVITY_LIMITS.measure, target: LOCAL_ACTIVITY_LIMITS.target },
  });
}

export interface NewActivityAddedData {
  outcome: 'created' | 'alreadyAdopted';
  arenaName: string;
  activity: ActivityView;
  strategy: { number: number; title: string } | undefined;
}

const dateFormat = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeZone: PLAN_TIME_ZONE });

/** Read-only: what was added (or what was adopted before), its status, and by whom. */
export function newActivityAddedCard(data: NewActivityAddedData): CardJson {
  const a = data.activity;
  const sub = a.subActivities[0];
  const when = a.createdAt ? dateFormat.format(new Date(a.createdAt)) : '';
  const facts = [
    { title: 'Strategi', value: data.strategy ? strategyName(data.strategy) : a.strategyId },
    { title: 'Period', value: a.period.label },
    { title: 'Status', value: sub?.statusLabel ?? 'Ej påbörjat' },
    ...(sub?.measure ? [{ title: 'Mått', value: sub.measure }] : []),
    ...(sub?.target ? [{ title: 'Målvärde', value: sub.target }] : []),
    { title: 'Ursprung', value: a.recommendationId ? 'Rekommenderad lokal aktivitet i planen' : 'Egen aktivitet' },
    { title: data.outcome === 'created' ? 'Tillagd av' : 'Antogs av', value: [a.createdBy, when].filter(Boolean).join(', ') },
  ];
  return bind(addedTemplate, {
    heading: data.outcome === 'created' ? `Aktiviteten är tillagd i ${data.arenaName}s lokala plan` : `${data.arenaName} har redan antagit den här aktiviteten`,
    color: data.outcome === 'created' ? 'Good' : 'Warning',
    title: a.title,
    facts,
    scopeId: a.scopeId,
    subActivityId: sub?.id ?? '',
    footnote:
      data.outcome === 'created'
        ? 'Följ upp den under Aktiviteter: där uppdaterar ni status, svar på måttet och kommentar.'
        : 'Den finns redan i arenans lokala plan, så ingenting har ändrats.',
  });
}
