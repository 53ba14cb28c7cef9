// The plan tab: a skip link, a compact header (plan name, development-mode banner, Excel export
// in a toolbar), the views as tabs (a drop-down on a narrow screen), the one update dialog and a
// live region that confirms each save. Loads GET /api/plan and GET /api/me once (started by
// boot.ts before this module had loaded); a save applies the PATCH answer to the plan it holds
// instead of loading everything again.
import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@fluentui/react-button';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-message-bar';
import { FluentProvider } from '@fluentui/react-provider';
import { Select } from '@fluentui/react-select';
import { Subtitle1 } from '@fluentui/react-text';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, tokens } from '@fluentui/react-theme';
import { makeStyles } from '@griffel/react';
import { mayChange as decide } from '../../bot/domain/authorization';
import type { ActivityView, SubActivityView } from '../../bot/domain/planView';
import { ApiError, downloadExport, fetchMe, fetchPlan, type Me, type PlanApiView } from './api';
import type { Early } from './boot';
import { copyText, notifyFailed, notifyLoaded, onThemeChange, type HostContext, type ThemeName } from './auth';
import { TAB_VIEWS } from '../../bot/domain/deepLinks';
import { LINKED_VIEWS, TABS_COLLAPSE_QUERY, VIEWS, type Start, type ViewId } from './deepLink';
import { loadActionPlan, loadedActionPlan, loadedViewTabs, loadViewTabs } from './chunks';
import { withLocalActivity, withSubActivity } from './planPatch';
import type { EditingLocal } from './views/LocalActivityDialog';
import { Loading, NARROW, TABS_COLLAPSE, useMedia } from './ui';
import { writeParams } from './urlState';
import { Overview } from './views/Overview';

// On a screen wide enough for them: a phone never loads the tabs (ViewTabs.tsx says why).
const LazyViewTabs = lazy(loadViewTabs);
const LazyActionPlan = lazy(loadActionPlan);
const Arenas = lazy(() => import('./views/Arenas'));
const History = lazy(() => import('./views/History'));
const Measures = lazy(() => import('./views/Measures'));
const Report = lazy(() => import('./views/Report'));
const Revision = lazy(() => import('./views/Revision'));
const Round = lazy(() => import('./views/Round'));
const Accessibility = lazy(() => import('./views/Accessibility'));
const Guide = lazy(() => import('./views/Guide'));
const AboutPlan = lazy(() => import('./views/AboutPlan'));
const MeetingBrief = lazy(() => import('./views/MeetingBrief'));
const MeetingPanel = lazy(() => import('./views/MeetingPanel'));
// The dialog (and its form controls) loads the first time someone presses Uppdatera.
const UpdateDialog = lazy(() => import('./views/UpdateDialog'));
const LocalActivityDialog = lazy(() => import('./views/LocalActivityDialog'));

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    boxSizing: 'border-box',
    [NARROW]: { padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}` },
  },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': { position: 'static', display: 'inline-block', padding: tokens.spacingHorizontalS, margin: `${tokens.spacingVerticalXS} 0` },
  },
  header: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center', columnGap: tokens.spacingHorizontalM },
  title: { margin: 0, [NARROW]: { fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300 } },
  tabs: { [TABS_COLLAPSE]: { display: 'none' } },
  // The tabs' row while their script loads, so that nothing below moves when they come.
  tabsLoading: { minHeight: '32px' },
  viewSelect: { display: 'none', [TABS_COLLAPSE]: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, marginTop: tokens.spacingVerticalXS } },
  live: { minHeight: '1px' },
  footer: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, marginTop: tokens.spacingVerticalXL, paddingTop: tokens.spacingVerticalS, borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  main: { outline: 'none', minWidth: 0 },
  link: { color: tokens.colorBrandForegroundLink, ':hover': { color: tokens.colorBrandForegroundLinkHover } },
});

const OTHER_ORGANISATION = 'Mötesunderlaget är för regionens och kommunernas egen personal. Du är med i mötet från en annan organisation och ser det därför inte här.';

export interface Editing {
  activity: ActivityView;
  sub: SubActivityView;
  opener: HTMLElement;
}

/** The plan and the person, asked for as the page loaded (boot.ts): shown at once if they are already here. */
export interface First {
  plan: Early<PlanApiView>;
  me: Early<Me>;
}

export function App({ host, start, first }: { host: HostContext; start: Start; first?: First }) {
  const styles = useStyles();
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  const [view, setView] = useState<ViewId>(start.view);
  const [plan, setPlan] = useState<PlanApiView | undefined>(first?.plan.value);
  const [me, setMe] = useState<Me | undefined>(first?.me.value);
  const [problem, setProblem] = useState<string>();
  const [meProblem, setMeProblem] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const [editingLocal, setEditingLocal] = useState<EditingLocal>();
  // The dialog closes before it goes (UpdateDialog's `open` says why); each Uppdatera mounts a new one.
  const [dialog, setDialog] = useState({ open: false, key: 0 });
  const [exporting, setExporting] = useState(false);
  const [notice, setNotice] = useState<string>();
  /** The short link of "Kopiera länk", shown to copy by hand when the clipboard was not available. */
  const [linkToCopy, setLinkToCopy] = useState<string>();
  const [confirmation, setConfirmation] = useState('');
  const mainRef = useRef<HTMLElement>(null);
  const tabsFit = !useMedia(TABS_COLLAPSE_QUERY);
  // Handlingsplan renders at once when its chunk has come with the page (boot.ts): through React.lazy
  // it would show its fallback first, and React holds back what replaces a fallback by up to 300 ms.
  // Chosen once, so that the view is never mounted anew.
  const [ActionPlan] = useState(() => loadedActionPlan()?.ActionPlan ?? LazyActionPlan);
  // The same for the view tabs, which boot.ts loads on a wide screen before the first render.
  const [ViewTabs] = useState(() => loadedViewTabs()?.default ?? LazyViewTabs);

  useEffect(() => onThemeChange(setTheme), []);

  // The browser's tab, the history and a printed PDF's default name say which view it is.
  const viewLabel = [...VIEWS, ...LINKED_VIEWS].find((v) => v.id === view)?.label;
  useEffect(() => {
    document.title = viewLabel ? `${viewLabel} – Gemensam plan` : 'Gemensam plan';
  }, [viewLabel]);

  // In a meeting's side panel or on its stage: the meeting view alone, without the app's tabs.
  const meeting = host.frameContext === 'sidePanel' || host.frameContext === 'meetingStage' || start.view === 'mote';
  const reload = useCallback(async (pending?: Promise<PlanApiView>) => {
    try {
      setPlan(await (pending ?? fetchPlan()));
      setProblem(undefined);
    } catch (error) {
      // A guest from another organisation in the meeting: the API refuses their sign-in.
      if (meeting && error instanceof ApiError && error.status === 401) setProblem(OTHER_ORGANISATION);
      else setProblem(error instanceof Error ? error.message : String(error));
    }
  }, [meeting]);

  useEffect(() => {
    void (async () => {
      await reload(first?.plan.promise);
      notifyLoaded();
    })().catch((error: unknown) => notifyFailed(String(error)));
    (first?.me.promise ?? fetchMe())
      .then(setMe)
      .catch((error: unknown) => setMeProblem(error instanceof ApiError ? error.message : 'Det gick inte att se vem du är.'));
  }, [reload, first]);

  const show = (next: ViewId) => {
    setView(next);
    writeParams({ view: next === 'oversikt' ? undefined : next });
  };

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

  /** "Kopiera länk": the view (and arena) as a short link on the app's own domain (GET /l/<view>), which Teams previews when it is pasted. */
  const copyLink = async () => {
    const shared = (TAB_VIEWS as readonly string[]).includes(view) ? view : 'oversikt';
    // Before the plan has loaded, the arena the tab was opened for.
    const shareArena = plan ? arena : start.arena;
    const query = new URLSearchParams(shareArena ? { arena: shareArena } : {}).toString();
    const link = `${window.location.origin}/l/${shared}${query ? `?${query}` : ''}`;
    if (await copyText(link)) {
      setLinkToCopy(undefined);
      setConfirmation('Länken är kopierad. Klistra in den i en chatt eller kanal: den visas med en förhandsvisning.');
    } else {
      setLinkToCopy(link);
    }
  };

  const mayChange = (scopeId: string) => me?.mayChange.includes(scopeId) ?? false;
  const whyNot = (scopeId: string): string | undefined => {
    if (!me || mayChange(scopeId)) return undefined;
    const scope = plan?.arenas.find((a) => a.id === scopeId);
    if (!scope) return undefined;
    const decision = decide({ kind: 'personal', arenaId: scope.id, memberOfArenaChannel: false }, scope);
    return decision.allowed ? undefined : `Du kan inte ändra här. ${decision.reason.split('. ')[0]!.replace(/\.$/, '')}.`;
  };
  const edit = (activity: ActivityView, sub: SubActivityView, opener: HTMLElement) => {
    setConfirmation('');
    setEditing({ activity, sub, opener });
    setDialog((d) => ({ open: true, key: d.key + 1 }));
  };
  /** Focus goes back to the button that opened the dialog (or to the main content if it is gone). */
  const closeDialog = () => {
    const opener = editing?.opener;
    setDialog((d) => ({ ...d, open: false }));
    requestAnimationFrame(() => (opener?.isConnected ? opener.focus() : mainRef.current?.focus()));
  };
  const editLocal = (activity: ActivityView, opener: HTMLElement) => {
    setConfirmation('');
    setEditingLocal({ activity, opener });
  };
  const closeLocal = () => {
    const opener = editingLocal?.opener;
    setEditingLocal(undefined);
    requestAnimationFrame(() => (opener?.isConnected ? opener.focus() : mainRef.current?.focus()));
  };
  const onSaved = (sub: SubActivityView, outcome: 'updated' | 'unchanged') => {
    setPlan((p) => (p ? withSubActivity(p, sub) : p));
    setConfirmation(outcome === 'updated' ? `Sparat: ${sub.title} (${editing?.activity.title ?? ''}) har nu status ${sub.statusLabel}.` : `Ingenting ändrades för ${sub.title}: värdena var redan sparade.`);
    closeDialog();
  };
  const today = new Date();
  // Only a known arena filters the views (a static tab's entityId, e.g. "planen", is none).
  const arena = plan?.arenas.some((a) => a.id === start.arena) ? start.arena : undefined;
  const editProps = { mayChange, whyNot, onEdit: edit, today };
  const tabView = VIEWS.some((v) => v.id === view) ? view : undefined;

  if (meeting) {
    return (
      <FluentProvider theme={THEMES[theme]} className={styles.root} lang="sv">
        {!host.inTeams && (
          <MessageBar intent="warning">
            <MessageBarBody>Utvecklingsläge – inte inloggad via Teams</MessageBarBody>
          </MessageBar>
        )}
        <div role="status" aria-live="polite" className={styles.live} data-confirmation="">
          {confirmation && (
            <MessageBar intent="success">
              <MessageBarBody>{confirmation}</MessageBarBody>
            </MessageBar>
          )}
        </div>
        <main id="innehall" ref={mainRef} tabIndex={-1} className={styles.main}>
          {problem && (
            <MessageBar intent={problem === OTHER_ORGANISATION ? 'info' : 'error'}>
              <MessageBarBody>
                {problem} {problem !== OTHER_ORGANISATION && <Button appearance="transparent" onClick={() => void reload()}>Försök igen</Button>}
              </MessageBarBody>
            </MessageBar>
          )}
          {!plan && !problem && <Loading label="Laddar planen …" />}
          {plan && (
            <Suspense fallback={<Loading label="Laddar …" />}>
              <MeetingPanel plan={plan} {...(host.meetingId ? { meetingId: host.meetingId } : {})} {...(start.arena ? { arena: start.arena } : {})} stage={host.frameContext === 'meetingStage'} {...editProps} />
            </Suspense>
          )}
        </main>
        {editing && (
          <Suspense fallback={null}>
            <UpdateDialog key={dialog.key} open={dialog.open} editing={editing} onClose={closeDialog} onSaved={onSaved} onStale={(sub) => setPlan((p) => (p ? withSubActivity(p, sub) : p))} />
          </Suspense>
        )}
      </FluentProvider>
    );
  }

  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root} lang="sv">
      <a href="#innehall" className={styles.skip} onClick={(e) => (e.preventDefault(), mainRef.current?.focus())}>
        Hoppa till innehållet
      </a>
      {!host.inTeams && (
        <MessageBar intent="warning" className="no-print">
          <MessageBarBody>
            <MessageBarTitle>Utvecklingsläge – inte inloggad via Teams</MessageBarTitle>
            Fliken körs i en vanlig webbläsare.{me?.devMode ? ` Du är ${me.name}.` : ''}
          </MessageBarBody>
        </MessageBar>
      )}
      {/* The meeting brief prints its own title, once. */}
      <header className={`${styles.header}${view === 'motesunderlag' ? ' no-print' : ''}`}>
        <Subtitle1 as="h1" className={styles.title}>{plan?.plan.name ?? 'Gemensam plan'}</Subtitle1>
        <div role="toolbar" aria-label="Verktyg" className="no-print">
          <Button size="small" onClick={() => void exportExcel()} disabledFocusable={exporting}>
            {exporting ? 'Exporterar …' : 'Exportera till Excel'}
          </Button>
          <Button size="small" onClick={() => void copyLink()}>Kopiera länk</Button>
        </div>
      </header>
      {linkToCopy && (
        <MessageBar intent="info" className="no-print">
          <MessageBarBody>
            <label htmlFor="dela-lank">Kopiera länken härifrån:</label> <input id="dela-lank" readOnly value={linkToCopy} onFocus={(e) => e.currentTarget.select()} size={Math.min(60, linkToCopy.length)} />
          </MessageBarBody>
        </MessageBar>
      )}
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
        {tabsFit && (
          <Suspense fallback={<div className={styles.tabsLoading} />}>
            <ViewTabs className={styles.tabs} view={tabView} onChoose={show} />
          </Suspense>
        )}
        <div className={styles.viewSelect}>
          <label htmlFor="vy-val">Vy</label>
          <ViewSelect view={view} onChoose={show} />
        </div>
      </nav>
      <div role="status" aria-live="polite" className={styles.live} data-confirmation="">
        {confirmation && (
          <MessageBar intent="success">
            <MessageBarBody>{confirmation}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      <main id="innehall" ref={mainRef} tabIndex={-1} className={styles.main}>
        {problem && (
          <MessageBar intent="error">
            <MessageBarBody>
              {problem} <Button appearance="transparent" onClick={() => void reload()}>Försök igen</Button>
            </MessageBarBody>
          </MessageBar>
        )}
        {!plan && !problem && view !== 'tillganglighet' && view !== 'guide' && <Loading label="Laddar planen …" />}
        {/* The statement needs nothing of the plan: it is there also when the plan cannot be loaded. */}
        {view === 'tillganglighet' && (
          <Suspense fallback={<Loading label="Laddar …" />}>
            <Accessibility />
          </Suspense>
        )}
        {view === 'guide' && (
          <Suspense fallback={<Loading label="Laddar …" />}>
            <Guide />
          </Suspense>
        )}
        {plan && (
          <Suspense fallback={<Loading label="Laddar …" />}>
            {view === 'oversikt' && <Overview plan={plan} arena={arena} onShow={show} {...editProps} />}
            {view === 'handlingsplan' && <ActionPlan plan={plan} arena={arena} {...editProps} />}
            {view === 'arenor' && <Arenas plan={plan} arena={arena} onEditLocal={editLocal} {...editProps} />}
            {view === 'effektmatt' && <Measures plan={plan} arena={arena} theme={theme} onChanged={() => void reload()} />}
            {view === 'historik' && <History plan={plan} arena={arena} />}
            {view === 'uppfoljning' && <Round plan={plan} mayChange={mayChange} />}
            {view === 'rapport' && <Report today={today} theme={theme} />}
            {view === 'revidering' && <Revision plan={plan} arena={arena} />}
            {view === 'motesunderlag' && <MeetingBrief plan={plan} arena={arena} start={start} theme={theme} />}
            {view === 'om' && <AboutPlan plan={plan} />}
          </Suspense>
        )}
      </main>
      <footer className={`${styles.footer} no-print`}>
        <a className={styles.link} href="?view=tillganglighet" onClick={(e) => (e.preventDefault(), show('tillganglighet'), mainRef.current?.focus())}>
          Tillgänglighetsredogörelse
        </a>
        <a className={styles.link} href="?view=guide" onClick={(e) => (e.preventDefault(), show('guide'), mainRef.current?.focus())}>
          Användarguide
        </a>
        {me?.projectLeaders && <span data-project-leaders="">{me.projectLeaders}</span>}
      </footer>
      {editing && (
        <Suspense fallback={null}>
        <UpdateDialog
          key={dialog.key}
          open={dialog.open}
          editing={editing}
          onClose={closeDialog}
          onSaved={onSaved}
          onStale={(sub) => setPlan((p) => (p ? withSubActivity(p, sub) : p))}
        />
        </Suspense>
      )}
      {editingLocal && plan && (
        <Suspense fallback={null}>
          <LocalActivityDialog
            plan={plan}
            editing={editingLocal}
            onClose={closeLocal}
            onSaved={(activity, outcome) => {
              setPlan((p) => (p ? withLocalActivity(p, activity) : p));
              setConfirmation(outcome === 'updated' ? `Sparat: ${activity.title} i den lokala planen.` : `Ingenting ändrades för ${activity.title}: det var redan sparat så.`);
              closeLocal();
            }}
          />
        </Suspense>
      )}
    </FluentProvider>
  );
}

/**
 * The views as a drop-down on a narrow screen. A closed select changes its value on every arrow key:
 * the view changes on a choice (a pick from the list, Enter, or leaving the field), not on each
 * view the arrow keys pass.
 */
function ViewSelect({ view, onChoose }: { view: ViewId; onChoose: (v: ViewId) => void }) {
  const [pending, setPending] = useState<ViewId>(view);
  const stepping = useRef(false);
  useEffect(() => setPending(view), [view]);
  const choose = (next: ViewId) => next !== view && onChoose(next);
  return (
    <Select
      id="vy-val"
      value={pending}
      // A key that steps a closed select (its change comes between keydown and keyup); a pick from the open list does not.
      onKeyDown={(e) => {
        stepping.current = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(e.key) || (e.key.length === 1 && e.key !== ' ');
        if (e.key === 'Enter') choose(pending);
      }}
      onKeyUp={() => (stepping.current = false)}
      onBlur={() => choose(pending)}
      onChange={(_e, d) => {
        const next = d.value as ViewId;
        setPending(next);
        if (!stepping.current) choose(next);
      }}
    >
      {[...VIEWS, ...LINKED_VIEWS].map((v) => <option key={v.id} value={v.id}>{v.label}</option>)}
    </Select>
  );
}
