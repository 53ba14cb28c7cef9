// The plan tab: header (plan name, development-mode banner, export), the views as tabs, and the
// one update dialog. Loads GET /api/plan and GET /api/me; reloads the plan after a change.
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import {
  Button, FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Tab, TabList, Title1, makeStyles, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, tokens,
} from '@fluentui/react-components';
import type { ActivityView, SubActivityView } from '../../bot/domain/planView';
import { ApiError, downloadExport, fetchMe, fetchPlan, type Me, type PlanApiView } from './api';
import { notifyFailed, notifyLoaded, onThemeChange, type HostContext, type ThemeName } from './auth';
import { VIEWS, type Start, type ViewId } from './deepLink';
import { ActionPlan } from './views/ActionPlan';
import { Arenas } from './views/Arenas';
import { History } from './views/History';
import { Overview } from './views/Overview';
import { UpdateDialog } from './views/UpdateDialog';

const Measures = lazy(() => import('./views/Measures'));
const Report = lazy(() => import('./views/Report'));

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;

const useStyles = makeStyles({
  root: { minHeight: '100vh', padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`, boxSizing: 'border-box' },
  header: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalM },
  title: { margin: `${tokens.spacingVerticalS} 0` },
});

export interface Editing {
  activity: ActivityView;
  sub: SubActivityView;
}

export function App({ host, start }: { host: HostContext; start: Start }) {
  const styles = useStyles();
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  const [view, setView] = useState<ViewId>(start.view);
  const [plan, setPlan] = useState<PlanApiView>();
  const [me, setMe] = useState<Me>();
  const [problem, setProblem] = useState<string>();
  const [meProblem, setMeProblem] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<string>();

  useEffect(() => onThemeChange(setTheme), []);

  const reload = useCallback(async () => {
    try {
      setPlan(await fetchPlan());
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }, []);

  useEffect(() => {
    void (async () => {
      await reload();
      notifyLoaded();
    })().catch((error: unknown) => notifyFailed(String(error)));
    fetchMe()
      .then(setMe)
      .catch((error: unknown) => setMeProblem(error instanceof ApiError ? error.message : 'Det gick inte att se vem du är.'));
  }, [reload]);

  const exportExcel = async () => {
    setExporting(true);
    try {
      await downloadExport();
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    } finally {
      setExporting(false);
    }
  };

  const mayChange = (scopeId: string) => me?.mayChange.includes(scopeId) ?? false;
  const edit = (activity: ActivityView, sub: SubActivityView) => setEditing({ activity, sub });
  const today = new Date();
  // Only a known arena filters the views (a static tab's entityId, e.g. "planen", is none).
  const arena = plan?.arenas.some((a) => a.id === start.arena) ? start.arena : undefined;

  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root} lang="sv">
      <main>
        {!host.inTeams && (
          <MessageBar intent="warning" className="no-print">
            <MessageBarBody>
              <MessageBarTitle>Utvecklingsläge – inte inloggad via Teams</MessageBarTitle>
              Fliken körs i en vanlig webbläsare.{me?.devMode ? ` Du är ${me.name}.` : ''}
            </MessageBarBody>
          </MessageBar>
        )}
        <header className={styles.header}>
          <Title1 as="h1" className={styles.title}>{plan?.plan.name ?? 'Gemensam plan'}</Title1>
          <Button className="no-print" onClick={() => void exportExcel()} disabled={exporting}>
            {exporting ? 'Exporterar …' : 'Exportera till Excel'}
          </Button>
        </header>
        {meProblem && (
          <MessageBar intent="info" className="no-print">
            <MessageBarBody>{meProblem} Du kan läsa planen men inte ändra den här.</MessageBarBody>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent="error">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
        <nav className="no-print" aria-label="Vyer">
          <TabList selectedValue={view} onTabSelect={(_e, d) => setView(d.value as ViewId)}>
            {VIEWS.map((v) => (
              <Tab key={v.id} value={v.id}>{v.label}</Tab>
            ))}
          </TabList>
        </nav>
        {problem && (
          <MessageBar intent="error">
            <MessageBarBody>
              {problem} <Button appearance="transparent" onClick={() => void reload()}>Försök igen</Button>
            </MessageBarBody>
          </MessageBar>
        )}
        {!plan && !problem && <Spinner label="Laddar planen …" />}
        {plan && (
          <Suspense fallback={<Spinner label="Laddar …" />}>
            {view === 'oversikt' && <Overview plan={plan} today={today} />}
            {view === 'handlingsplan' && <ActionPlan plan={plan} arena={arena} mayChange={mayChange} onEdit={edit} />}
            {view === 'arenor' && <Arenas plan={plan} arena={arena} mayChange={mayChange} onEdit={edit} />}
            {view === 'effektmatt' && <Measures plan={plan} arena={arena} theme={theme} onChanged={() => void reload()} />}
            {view === 'historik' && <History plan={plan} arena={arena} />}
            {view === 'rapport' && <Report plan={plan} today={today} />}
          </Suspense>
        )}
        {editing && (
          <UpdateDialog
            editing={editing}
            onClose={() => setEditing(undefined)}
            onSaved={() => {
              setEditing(undefined);
              void reload();
            }}
            onStale={() => void reload()}
          />
        )}
      </main>
    </FluentProvider>
  );
}
