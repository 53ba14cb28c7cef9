// Mötesunderlag, the printable page: what changed in an arena's follow-up since a date (by default
// 30 days back), or exactly the window of the bot's card that linked here. Grouped as the card is,
// with every item (an arena's brief ends with the county's changes to Bilaga 1). Prints light
// whatever the theme, without the app's header, tabs or controls, with its title once. Lazy-loaded; Fluent is imported from its own packages (the first load stays small).
import { useEffect, useState } from 'react';
import { makeStaticStyles, makeStyles } from '@griffel/react';
import { Button } from '@fluentui/react-button';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { FluentProvider } from '@fluentui/react-provider';
import { Select } from '@fluentui/react-select';
import { Text, Title2, Title3 } from '@fluentui/react-text';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, tokens } from '@fluentui/react-theme';
import { formatDay } from '../../../bot/domain/format';
import { briefPeriodText, daysBack, DEFAULT_BRIEF_DAYS, nothingNewText, stockholmDate, type BriefItem, type MeetingBrief as Brief } from '../../../bot/domain/meetingBrief';
import { ApiError, call, type PlanApiView } from '../api';
import type { ThemeName } from '../auth';
import type { Start } from '../deepLink';
import { Loading, NARROW } from '../ui';
import { NumberedPages, usePrinting } from './printPages';
import { BriefLines } from './BriefLines';

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;

// Printed, the app's own background gives way to paper white (the page itself switches to the light theme).
const usePrintPaper = makeStaticStyles('@media print { .fui-FluentProvider { background-color: #fff !important; } }');

const useStyles = makeStyles({
  controls: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, margin: `${tokens.spacingVerticalM} 0` },
  paper: { backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1, padding: `${tokens.spacingVerticalS} 0`, maxWidth: '60em' },
  counts: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, listStyle: 'none', padding: 0, margin: `${tokens.spacingVerticalS} 0` },
  group: { marginTop: tokens.spacingVerticalL, breakInside: 'avoid-page' },
  list: { listStyle: 'none', padding: 0, margin: 0 },
  item: { padding: `${tokens.spacingVerticalS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, breakInside: 'avoid', [NARROW]: { padding: `${tokens.spacingVerticalXS} 0` } },
  meta: { display: 'block', color: tokens.colorNeutralForeground3 },
  intro: { color: tokens.colorNeutralForeground3, margin: `0 0 ${tokens.spacingVerticalS}` },
  overdue: { color: tokens.colorPaletteRedForeground1 },
});

type Window = { since: string; until?: string; basis?: string };

const MOMENT = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z)?$/;

/** The window the page opens on: the card's (exact instants, from the link), or a day 30 days back. */
function startWindow(start: Start): Window {
  const p = start.params ?? {};
  const since = typeof p.since === 'string' && MOMENT.test(p.since) ? p.since : undefined;
  if (!since) return { since: stockholmDate(daysBack(new Date(), DEFAULT_BRIEF_DAYS)) };
  const until = typeof p.until === 'string' && MOMENT.test(p.until) ? p.until : undefined;
  return { since, ...(until ? { until } : {}), ...(p.basis === 'lastBrief' ? { basis: 'lastBrief' } : {}) };
}

export default function MeetingBrief({ plan, arena, start, theme }: { plan: PlanApiView; arena?: string; start: Start; theme: ThemeName }) {
  usePrintPaper();
  const styles = useStyles();
  const printing = usePrinting();
  const county = plan.arenas.find((a) => a.kind === 'county')?.id ?? '';
  const [arenaId, setArenaId] = useState(arena ?? county);
  const [window_, setWindow] = useState<Window>(() => startWindow(start));
  const [brief, setBrief] = useState<Brief>();
  const [problem, setProblem] = useState<string>();
  const today = stockholmDate(new Date());

  useEffect(() => {
    let current = true;
    setBrief(undefined);
    setProblem(undefined);
    const q = new URLSearchParams({ arena: arenaId, since: window_.since, ...(window_.until ? { until: window_.until } : {}), ...(window_.basis ? { basis: window_.basis } : {}) });
    call(`/api/brief?${q.toString()}`)
      .then(async (res) => {
        const body = (await res.json().catch(() => ({}))) as Brief & { error?: string };
        if (!res.ok) throw new ApiError(body.error ?? `Något gick fel (${res.status}).`, res.status);
        if (current) setBrief(body);
      })
      .catch((error: unknown) => current && setProblem(error instanceof Error ? error.message : String(error)));
    return () => {
      current = false;
    };
  }, [arenaId, window_]);

  const day = window_.since.slice(0, 10) === window_.since ? window_.since : stockholmDate(new Date(window_.since));
  const meta = (item: BriefItem) => [item.context, [item.actor, item.at ? formatDay(item.at) : ''].filter(Boolean).join(', ')].filter(Boolean).join(' · ');

  return (
    <section aria-labelledby="motesunderlag-rubrik">
      <NumberedPages />
      <div className={`${styles.controls} no-print`}>
        <Field label="Arena">
          <Select value={arenaId} onChange={(_e, d) => setArenaId(d.value)}>
            {plan.arenas.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </Select>
        </Field>
        <Field label="Ändringar sedan">
          <Input type="date" value={day} max={today} onChange={(_e, d) => /^\d{4}-\d{2}-\d{2}$/.test(d.value) && d.value <= today && setWindow({ since: d.value })} />
        </Field>
        <Button appearance="primary" onClick={() => window.print()} disabled={!brief}>Skriv ut eller spara som PDF</Button>
      </div>
      <FluentProvider theme={printing ? teamsLightTheme : THEMES[theme]} className={styles.paper} data-brief-paper="">
        <Title2 as="h2" id="motesunderlag-rubrik" block>
          Mötesunderlag: {plan.arenas.find((a) => a.id === arenaId)?.name ?? arenaId}
        </Title2>
        {problem && <Text as="p" role="alert">{problem}</Text>}
        {!brief && !problem && <Loading label="Laddar mötesunderlaget …" />}
        {brief && (
          <>
            <Text as="p" block>{briefPeriodText(brief)}</Text>
            {brief.total === 0 ? (
              <Text as="p" weight="semibold" block>{nothingNewText(brief)}</Text>
            ) : (
              <ul className={styles.counts} aria-label="Antal per slag">
                {brief.groups.map((g) => <li key={g.id}>{g.title}: <strong>{g.items.length}</strong></li>)}
              </ul>
            )}
            {brief.groups.filter((g) => g.items.length > 0).map((g) => (
              <section key={g.id} className={styles.group} data-brief-group={g.id}>
                <Title3 as="h3" block className={g.id === 'overdue' ? styles.overdue : undefined}>{g.title} ({g.items.length})</Title3>
                {g.intro && <Text as="p" block className={styles.intro}>{g.intro}</Text>}
                <ul className={styles.list}>
                  {g.items.map((item) => (
                    <li key={item.key} className={styles.item} data-brief-item={item.key}>
                      <span data-line=""><strong>{item.title}</strong>: {item.text}</span>
                      {meta(item) && <Text size={200} className={styles.meta}>{meta(item)}</Text>}
                      <BriefLines lines={item.lines} title={item.title} />
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </>
        )}
      </FluentProvider>
    </section>
  );
}
