// Översikt as a dashboard: what needs attention first (overdue work with Uppdatera, work not
// followed up, effect measures not reported for the last period), then per strategy a progress
// bar per level (in an arena's channel tab that arena first, then the county, then the other
// arenas that have activities: no rows of zeros), and the latest changes of any kind.
import { useEffect, useState, type CSSProperties } from 'react';
import { Button } from '@fluentui/react-button';
import { Text, Title2, Title3 } from '@fluentui/react-text';
import { tokens } from '@fluentui/react-theme';
import { makeStyles, mergeClasses } from '@griffel/react';
import { formatDateTime } from '../../../bot/domain/format';
import { lastCompletedPeriod, periodLabel } from '../../../bot/domain/measurePeriods';
import { reportedCountPhrase } from '../../../bot/domain/measureReporting';
import { followUpAttention, notFollowedUpSentence, overdueHeadline, progressByStrategy, progressSummary, type StrategyProgress } from '../../../bot/domain/overview';
import type { ActivityView } from '../../../bot/domain/planView';
import { statusLegend, OVERDUE_LABEL, type BadgeColor } from '../../../bot/domain/statusPalette';
import type { StatusId } from '../../../bot/domain/status';
import { fetchHistory, type HistoryEvent, type PlanApiView } from '../api';
import type { ViewId } from '../deepLink';
import { writeParams } from '../urlState';
import { NARROW, OverdueBadge, arenaName, useLayout, SubStatus } from '../ui';
import type { EditProps } from './SubActivityTable';
import { WORDS } from '../../../bot/domain/glossary';

/** Fill of a bar segment per badge colour: theme tokens, so high contrast gets its system colours. */
const FILL: Record<BadgeColor, string> = {
  brand: tokens.colorBrandBackground,
  success: tokens.colorPaletteGreenBackground3,
  warning: tokens.colorPaletteDarkOrangeBackground3,
  informative: tokens.colorNeutralStrokeAccessible,
  subtle: tokens.colorNeutralForeground4,
  danger: tokens.colorPaletteRedBackground3,
  important: tokens.colorNeutralForeground1,
  severe: tokens.colorPaletteDarkOrangeBackground3,
};

/**
 * A pattern per status over its fill, drawn in the page's background colour: in the contrast theme
 * every fill is the same light colour and in forced colours all take the text colour, so the
 * pattern is what tells the statuses apart there (and without colour vision anywhere).
 */
const LINES = (angle: number) => `repeating-linear-gradient(${angle}deg, var(--bar-gap) 0 2px, transparent 2px 6px)`;
const PATTERN: Record<StatusId, string> = {
  ej_paborjat: `repeating-linear-gradient(135deg, var(--bar-gap) 0 1px, transparent 1px 3px)`,
  uppdrag_behovs: LINES(45),
  pagar: LINES(90),
  klar: 'none',
  avbruten: `${LINES(45)}, ${LINES(-45)}`,
  avslutad_i_revidering: LINES(0),
};

const useStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))', gap: tokens.spacingHorizontalL },
  row: { display: 'grid', gridTemplateColumns: 'minmax(8em, 12em) 1fr', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, alignItems: 'center', [NARROW]: { gridTemplateColumns: '1fr' } },
  bar: { display: 'flex', height: '14px', borderRadius: tokens.borderRadiusSmall, overflow: 'hidden', border: `1px solid ${tokens.colorNeutralStroke1}`, backgroundColor: tokens.colorNeutralBackground3 },
  segment: { height: '100%', borderRight: `1px solid ${tokens.colorNeutralBackground1}`, boxSizing: 'border-box' },
  /** A status's fill and pattern (--bar-fill set per status); the system's own colours in forced-colours mode. */
  fill: {
    '--bar-gap': tokens.colorNeutralBackground1,
    backgroundColor: 'var(--bar-fill)',
    backgroundImage: 'var(--bar-pattern)',
    '@media (forced-colors: active)': { forcedColorAdjust: 'none', '--bar-gap': 'Canvas', backgroundColor: 'CanvasText' },
  },
  legend: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, margin: 0, padding: 0, listStyle: 'none' },
  // Not followed up since the plan was written: the bar's empty part.
  empty: { backgroundColor: tokens.colorNeutralBackground3, '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'Canvas' } },
  swatch: { display: 'inline-block', width: '10px', height: '10px', marginRight: tokens.spacingHorizontalXS, border: `1px solid ${tokens.colorNeutralStroke1}` },
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    alignItems: 'center',
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    // On a phone: status, then the title at full width, then Uppdatera.
    [NARROW]: { flexDirection: 'column', alignItems: 'flex-start' },
  },
  grow: { flexGrow: 1, flexBasis: '16em', minWidth: 0, [NARROW]: { flexBasis: 'auto' } },
  overdue: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

interface Level {
  id: string;
  name: string;
  activities: ActivityView[];
}

export function Overview({ plan, arena, today, onShow, ...edit }: EditProps & { plan: PlanApiView; arena?: string; today: Date; onShow: (view: ViewId) => void }) {
  const ui = useLayout();
  const styles = useStyles();

  const county: Level = { id: plan.arenas.find((a) => a.kind === 'county')?.id ?? '', name: WORDS.bilaga1Ref, activities: plan.strategies.flatMap((s) => s.activities) };
  const municipalities: Level[] = plan.arenas.filter((a) => a.kind === 'municipality').map((a) => ({ id: a.id, name: a.name, activities: a.activities }));
  const own = arena ? [county, ...municipalities].find((l) => l.id === arena) : undefined;
  const focus = own ?? county;
  // An arena follows up Bilaga 1 too (plan 7.3): its own level is its local activities and its
  // follow-up of Bilaga 1, counted as the bot counts them (overview.followUpAttention).
  const ownArena = plan.arenas.find((a) => a.id === own?.id && a.kind !== 'county');
  const ownBilaga1: Level | undefined = ownArena && { id: `${ownArena.id}-bilaga1`, name: `${ownArena.name}: Bilaga 1`, activities: ownArena.bilaga1 };
  // An arena's channel tab shows that arena first; the county tab the county.
  const levels = own ? [own, ...(ownBilaga1 ? [ownBilaga1] : []), ...[county, ...municipalities].filter((l) => l !== own)] : [county, ...municipalities];
  const watched = own ? [own, ...(ownBilaga1 ? [ownBilaga1] : [])] : levels;
  const attention = followUpAttention(watched.flatMap((l) => l.activities), today);
  const levelOf = new Map(watched.flatMap((l) => l.activities.map((a) => [a, l] as const)));
  const overdue = attention.overdue.map((x) => ({ ...x, level: levelOf.get(x.activity)! }));
  // An arena's local activities carry a status from the day they are added: what it may not have
  // followed up is its own part of Bilaga 1 (plan 7.3), with the way to it.
  const notFollowedUp = attention.notFollowedUp.length;
  const where = ownArena ? `i Bilaga 1 för ${ownArena.name}` : own ? `för ${focus.name}` : 'i Bilaga 1';
  const missing = missingReports(plan, own?.id, today);

  return (
    <section className={ui.view} aria-labelledby="oversikt-rubrik">
      <div className={ui.section}>
        <Title2 as="h2" id="oversikt-rubrik">Översikt{own ? `: ${own.id === county.id ? WORDS.bilaga1 : own.name}` : ''}</Title2>
        <Text>Målbild: {plan.plan.targetPicture}</Text>
        {/* What changed lately, printable for the next meeting (views/MeetingBrief.tsx). */}
        <div className="no-print"><Button size="small" onClick={() => onShow('motesunderlag')}>Mötesunderlag</Button></div>
      </div>

      <article className={ui.card} aria-labelledby="uppmarksamhet-rubrik" data-attention="">
        <Title3 as="h3" id="uppmarksamhet-rubrik">Behöver uppmärksamhet</Title3>
        {overdue.length === 0 ? (
          <Text data-overdue-headline="">{overdueHeadline(attention, own ? `för ${own.name}` : '')}.</Text>
        ) : (
          <>
            <Text className={styles.overdue} data-overdue-headline="">{overdueHeadline(attention, own ? `för ${own.name}` : '')}</Text>
            <ul className={styles.list} aria-label="Försenade delaktiviteter">
              {overdue.slice(0, 8).map(({ activity, sub, level }) => (
                <li key={`${level.id}/${sub.id}`} className={styles.item} data-overdue-item={`${level.id}/${sub.id}`}>
                  <span className={ui.badges}>
                    <SubStatus sub={sub} />
                    <OverdueBadge />
                  </span>
                  <span className={styles.grow}>
                    <Text weight="semibold">{sub.title}</Text>
                    <Text block size={200} className={ui.muted}>
                      {activity.title} · {level.name} · prioritet {activity.period.label}
                    </Text>
                  </span>
                  {edit.mayChange(activity.scopeId) && (
                    <Button size="small" onClick={(e) => edit.onEdit(activity, sub, e.currentTarget)} aria-label={`Uppdatera ${sub.title} (${activity.title})`}>Uppdatera</Button>
                  )}
                </li>
              ))}
            </ul>
            {overdue.length > 8 && (
              <div>
                <Button size="small" onClick={() => (writeParams({ status: 'forsenad', ...(own ? { arena: own.id } : {}) }), onShow('handlingsplan'))}>Visa alla {overdue.length} i Handlingsplan</Button>
              </div>
            )}
          </>
        )}
        <Text data-not-followed-up="">
          {notFollowedUp === 0 ? `Alla delaktiviteter ${where} har följts upp.` : notFollowedUpSentence(attention, where)}
        </Text>
        {ownArena && notFollowedUp > 0 && (
          <div>
            <Button size="small" onClick={() => onShow('handlingsplan')}>Följ upp i Handlingsplan</Button>
          </div>
        )}
        {missing.length > 0 && (
          <div>
            <Text>Effektmått som inte är rapporterade för senaste perioden:</Text>
            <ul className={ui.details}>
              {missing.map((m) => (
                <li key={m.id}>
                  {m.title} ({periodLabel(m.period)}): {m.text}
                </li>
              ))}
            </ul>
          </div>
        )}
      </article>

      <div className={ui.section}>
        <Title3 as="h3">Framsteg per strategi</Title3>
        <Legend />
        <div className={styles.grid}>
          {plan.strategies.map((s, i) => (
            <article key={s.id} className={ui.card} aria-labelledby={`strategi-${s.id}`} data-strategy={s.id}>
              <Title3 as="h4" id={`strategi-${s.id}`}>Strategi {s.number}: {s.title}</Title3>
              {s.quotes.slice(0, 1).map((q) => (
                <blockquote key={q} className={ui.quote}>”{q}”</blockquote>
              ))}
              {s.quotes.length > 1 && (
                <details>
                  <summary>Fler citat ({s.quotes.length - 1})</summary>
                  {s.quotes.slice(1).map((q) => (
                    <blockquote key={q} className={ui.quote}>”{q}”</blockquote>
                  ))}
                </details>
              )}
              <ProgressRows strategyIndex={i} levels={levels} plan={plan} today={today} />
            </article>
          ))}
        </div>
      </div>

      <LatestChanges plan={plan} {...(arena ? { arena } : {})} {...(own ? { name: own.name } : {})} onShow={onShow} />
    </section>
  );
}

/**
 * The latest changes, asked for once the view is on screen: a component of its own, so that their
 * arrival renders this list alone and not the whole overview again.
 */
function LatestChanges({ plan, arena, name, onShow }: { plan: PlanApiView; arena?: string; name?: string; onShow: (view: ViewId) => void }) {
  const ui = useLayout();
  const styles = useStyles();
  const [latest, setLatest] = useState<HistoryEvent[]>();

  useEffect(() => {
    let current = true;
    fetchHistory({ ...(arena ? { scope: arena } : {}), page: 0, size: 5 })
      .then((p) => current && setLatest(p.events))
      .catch(() => current && setLatest([]));
    return () => {
      current = false;
    };
  }, [arena, plan]);

  return (
    <article className={ui.card} aria-labelledby="senaste-rubrik">
      <Title3 as="h3" id="senaste-rubrik">Senaste ändringar{name ? ` för ${name}` : ''}</Title3>
      {!latest && <Text>Laddar …</Text>}
      {latest?.length === 0 && <Text>Inga ändringar ännu.</Text>}
      {latest && latest.length > 0 && (
        <ul className={styles.list}>
          {latest.map((e) => (
            <li key={e.key} className={styles.item}>
              <span className={styles.grow}>
                <Text weight="semibold">{e.title}</Text>
                {e.parent && <Text size={200} className={ui.muted}> · {e.parent}</Text>}
                <Text block size={200}>{e.lines.join('; ')}</Text>
                <Text block size={200} className={ui.muted}>{formatDateTime(e.at)} · {e.actor} · {arenaName(plan, e.scopeId)}</Text>
              </span>
            </li>
          ))}
        </ul>
      )}
      <div><Button size="small" onClick={() => onShow('historik')}>Visa all historik</Button></div>
    </article>
  );
}

function Legend() {
  const styles = useStyles();
  return (
    <ul className={styles.legend} aria-label="Färger i staplarna">
      <li>
        <span className={mergeClasses(styles.swatch, styles.empty)} aria-hidden="true" />
        Ej uppföljd
      </li>
      {statusLegend().map((s) => (
        <li key={s.id}>
          <span className={mergeClasses(styles.swatch, styles.fill)} style={fillOf(s)} aria-hidden="true" data-status-fill={s.id} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}

function ProgressRows({ strategyIndex, levels, plan, today }: { strategyIndex: number; levels: Level[]; plan: PlanApiView; today: Date }) {
  const ui = useLayout();
  const styles = useStyles();
  const rows = levels
    .map((l) => ({ level: l, p: progressByStrategy(plan.strategies, l.activities, today)[strategyIndex]! }))
    // Rows of all zeros say nothing: an arena without activities under the strategy is left out.
    .filter((r) => r.p.total > 0);
  const left = levels.length - rows.length;
  return (
    <div className={ui.section}>
      {rows.map(({ level, p }) => (
        <div key={level.id} className={styles.row} data-progress={level.id}>
          <Text weight="semibold">{level.name}</Text>
          <div>
            <Bar p={p} />
            <Text size={200}>
              {progressSummary(p)}
              {p.overdue > 0 && <span className={styles.overdue}> · {p.overdue} {OVERDUE_LABEL.toLowerCase()}{p.overdue === 1 ? '' : 'e'}</span>}
            </Text>
          </div>
        </div>
      ))}
      {left > 0 && <Text size={200} className={ui.muted}>{left === 1 ? 'En arena' : `${left} arenor`} har inga aktiviteter under strategin ännu.</Text>}
    </div>
  );
}

function fillOf(s: { id: StatusId; badge: BadgeColor }): CSSProperties {
  return { '--bar-fill': FILL[s.badge], '--bar-pattern': PATTERN[s.id] } as CSSProperties;
}

function Bar({ p }: { p: StrategyProgress }) {
  const styles = useStyles();
  // The summary text beside it says the same in words; the bar itself is decoration.
  return (
    <div className={styles.bar} aria-hidden="true">
      {statusLegend()
        .filter((s) => p.counts[s.id] > 0)
        .map((s) => <div key={s.id} className={mergeClasses(styles.segment, styles.fill)} style={{ width: `${(100 * p.counts[s.id]) / p.total}%`, ...fillOf(s) }} data-status-fill={s.id} />)}
    </div>
  );
}

/** Effect measures with values missing for the last finished period (for one arena, or overall). */
function missingReports(plan: PlanApiView, arenaId: string | undefined, today: Date) {
  const out: Array<{ id: string; title: string; period: string; text: string }> = [];
  for (const m of plan.strategies.flatMap((s) => s.effectMeasures)) {
    const period = lastCompletedPeriod(m.frequency, today);
    // Who reports a value (domain/measureValues.valueArenas, not imported: it would bring zod into the first load).
    const expected = plan.arenas.filter((a) => (m.level === 'municipality' ? a.kind === 'municipality' : a.kind === 'county')).filter((a) => !arenaId || a.id === arenaId);
    if (expected.length === 0) continue;
    const reported = expected.filter((a) => m.values.some((v) => v.periodId === period && v.arenaId === a.id)).length;
    if (reported === expected.length) continue;
    // An arena's own value that the county reports: say who is to report it, so the arena does not look for a way to.
    const one = m.reportedBy === 'county' && expected[0]?.kind === 'municipality' ? 'länsnivån har inte rapporterat värdet ännu' : 'inte rapporterat';
    const text = expected.length === 1 ? one : reportedCountPhrase(m, reported, expected.length, '');
    out.push({ id: m.id, title: m.title, period, text });
  }
  return out;
}
