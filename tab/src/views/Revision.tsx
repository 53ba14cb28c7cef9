// Revidering: every proposal per activity, side by side per arena, filterable by strategy, arena
// and kind; the decisions table; the county opens the revision, moves its last day, closes it (after
// a confirmation) or opens it again, and records decisions here too.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Badge } from '@fluentui/react-badge';
import { Button } from '@fluentui/react-button';
import { Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-dialog';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Select } from '@fluentui/react-select';
import { Text, Title2, Title3 } from '@fluentui/react-text';
// Straight from its package, so that it stays in this view's chunk: through the barrel every Fluent
// component used anywhere lands in the first load (see scripts/buildTab.ts).
import { Checkbox } from '@fluentui/react-checkbox';
import { describeProposal, PROPOSAL_KINDS, PROPOSAL_LABELS, type ProposalKind } from '../../../bot/domain/revision';
import type { PlanApiView } from '../api';
import { changeRevision, downloadProposals, fetchRevision, openRevision, recordStep, type RevisionApiView, type WriteResult } from '../revisionApi';
import { useLayout, Loading } from '../ui';
import { LocalRevisions } from './LocalRevisions';

type ProposalRow = RevisionApiView['proposals'][number];

const KIND_COLOR: Record<ProposalKind, 'informative' | 'warning' | 'danger' | 'success'> = { keep: 'informative', change: 'warning', close: 'danger', new: 'success' };

export default function Revision({ plan, arena }: { plan: PlanApiView; arena?: string }) {
  const ui = useLayout();
  const [data, setData] = useState<RevisionApiView>();
  const [problem, setProblem] = useState<string>();
  const [strategy, setStrategy] = useState('');
  const [arenaFilter, setArenaFilter] = useState(arena ?? '');
  const [kind, setKind] = useState('');

  const reload = useCallback(async () => {
    try {
      setData(await fetchRevision());
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  const arenas = plan.arenas;
  const shown = useMemo(() => (data?.proposals ?? []).filter((p) => (!strategy || p.strategyId === strategy) && (!arenaFilter || p.arenaId === arenaFilter) && (!kind || p.kind === kind)), [data, strategy, arenaFilter, kind]);
  // One row per item (activity, sub-activity or proposed new activity), in the plan's order.
  const rows = useMemo(() => {
    const order = new Map((data?.items ?? []).map((item, i) => [item.id, i]));
    const byItem = new Map<string, ProposalRow[]>();
    for (const p of shown) byItem.set(p.itemId, [...(byItem.get(p.itemId) ?? []), p]);
    return [...byItem.entries()].sort(([a, pa], [b, pb]) => pa[0]!.strategyId.localeCompare(pb[0]!.strategyId, 'sv', { numeric: true }) || (order.get(a) ?? 1e6) - (order.get(b) ?? 1e6));
  }, [shown, data]);
  const columns = arenas.filter((a) => shown.some((p) => p.arenaId === a.id));

  if (problem) return <MessageBar intent="error"><MessageBarBody>{problem}</MessageBarBody></MessageBar>;
  if (!data) return <Loading label="Laddar revideringen …" />;
  const revision = data.revision;
  const strategyName = (id: string) => {
    const s = plan.strategies.find((x) => x.id === id);
    return s ? `${s.number}. ${s.title}` : id;
  };

  return (
    <section className={ui.view} aria-labelledby="revidering-rubrik">
      <Title2 as="h2" id="revidering-rubrik">Revidering{revision ? ` ${revision.id}` : ''}</Title2>
      {!revision && <Text>Ingen revidering är öppen.</Text>}
      {revision && (
        <Text>
          {revision.status === 'closed' ? `Stängd för förslag (sista dag var ${revision.lastDay}).` : `Öppen för förslag till och med ${revision.lastDay}.`} {data.proposals.length} förslag från{' '}
          {new Set(data.proposals.map((p) => p.arenaId)).size} av {arenas.length} arenor.
        </Text>
      )}
      {data.mayManage && !revision && <OpenForm onDone={reload} />}
      {data.mayManage && revision?.status === 'open' && (
        <ManageForm revision={revision} proposals={data.proposals.length} arenasWith={new Set(data.proposals.map((p) => p.arenaId)).size} arenas={arenas.length} onDone={reload} />
      )}
      {data.mayManage && revision?.status === 'closed' && <OpenForm again onDone={reload} />}
      {revision && <LocalRevisions plan={plan} data={data} onDone={reload} />}
      {revision && (
        <>
          <div className={ui.filterGrid}>
            <Field label="Strategi">
              <Select value={strategy} onChange={(_e, d) => setStrategy(d.value)}>
                <option value="">Alla</option>
                {plan.strategies.map((s) => <option key={s.id} value={s.id}>{s.number}. {s.title}</option>)}
              </Select>
            </Field>
            <Field label="Arena">
              <Select value={arenaFilter} onChange={(_e, d) => setArenaFilter(d.value)}>
                <option value="">Alla</option>
                {arenas.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
              </Select>
            </Field>
            <Field label="Förslag">
              <Select value={kind} onChange={(_e, d) => setKind(d.value)}>
                <option value="">Alla</option>
                {PROPOSAL_KINDS.map((k) => <option key={k} value={k}>{PROPOSAL_LABELS[k]}</option>)}
              </Select>
            </Field>
            <Button onClick={() => void downloadProposals().catch((e: unknown) => setProblem(String(e)))}>Exportera förslagen till Excel</Button>
          </div>
          {rows.length === 0 && <Text>Inga förslag{strategy || arenaFilter || kind ? ' med de här filtren' : ' ännu'}.</Text>}
          {rows.length > 0 && (
            <div className={ui.stack}>
              <table className={ui.table} aria-label="Förslag per aktivitet och arena">
                <thead>
                  <tr>
                    <th scope="col">Aktivitet</th>
                    {columns.map((a) => <th key={a.id} scope="col">{a.name}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {rows.map(([itemId, proposals]) => {
                    const first = proposals[0]!;
                    return (
                      <tr key={itemId} data-item={itemId}>
                        <th scope="row">
                          <Text weight="semibold">{first.kind === 'new' ? `Ny: ${first.itemTitle}` : first.itemTitle}</Text>
                          <div className={ui.muted}>{strategyName(first.strategyId)} · {first.scopeId === arenas.find((a) => a.kind === 'county')?.id ? 'Bilaga 1' : `lokal, ${arenas.find((a) => a.id === first.scopeId)?.name ?? first.scopeId}`}</div>
                        </th>
                        {columns.map((a) => {
                          const p = proposals.find((x) => x.arenaId === a.id);
                          return (
                            <td key={a.id} data-arena={a.id} data-label={p ? a.name : undefined}>
                              {p && (
                                <>
                                  <Badge appearance="tint" color={KIND_COLOR[p.kind]}>{p.kindLabel}</Badge>
                                  {p.kind !== 'keep' && <div>{describeProposal(p.kind === 'new' ? { ...p, values: { ...p.values, title: '' } } : p).replace(/^[^:]+:\s*/, '')}</div>}
                                  {p.motivation && <div className={ui.muted}>Motivering: {p.motivation}</div>}
                                  <div className={ui.muted}>{p.by}, {p.at.slice(0, 10)}{p.version > 1 ? ` (version ${p.version})` : ''}</div>
                                </>
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          <Title3 as="h3">Beslutsgång</Title3>
          <div className={ui.stack}>
            <table className={ui.table} aria-label="Beslutsgång">
              <thead>
                <tr>
                  <th scope="col">Steg</th>
                  <th scope="col">Beslutat</th>
                  <th scope="col">Datum</th>
                  <th scope="col">Organ och §</th>
                  <th scope="col">Protokoll</th>
                </tr>
              </thead>
              <tbody>
                {data.steps.map((s) => (
                  <tr key={s.id} data-step={s.id}>
                    <th scope="row">{s.label}</th>
                    <td data-label="Beslutat">{s.version === 0 ? 'Ej registrerat' : s.done ? 'Ja' : 'Nej'}</td>
                    <td data-label={s.date ? 'Datum' : undefined}>{s.dateTo ? `${s.date} – ${s.dateTo}` : s.date}</td>
                    <td data-label={s.body ? 'Organ och §' : undefined}>{s.body}</td>
                    <td>{s.minutesUrl.startsWith('https://') && <a href={s.minutesUrl} target="_blank" rel="noreferrer">Protokoll</a>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.mayManage && <StepForm data={data} onDone={reload} />}
        </>
      )}
    </section>
  );
}

function Problem({ result }: { result?: WriteResult }) {
  if (!result || result.ok) return null;
  return (
    <MessageBar intent="error">
      <MessageBarBody>
        {result.message} {result.details.join(' ')}
      </MessageBarBody>
    </MessageBar>
  );
}

function OpenForm({ onDone, again = false }: { onDone: () => Promise<void>; again?: boolean }) {
  const ui = useLayout();
  const [lastDay, setLastDay] = useState('');
  const [result, setResult] = useState<WriteResult>();
  return (
    <form className={ui.filters} aria-label={again ? 'Öppna revideringen igen' : 'Öppna revideringen'} onSubmit={(e) => (e.preventDefault(), void openRevision(lastDay).then(async (r) => (setResult(r), r.ok && (await onDone()))))}>
      <Field label="Sista dag för förslag">
        <Input type="date" value={lastDay} onChange={(_e, d) => setLastDay(d.value)} />
      </Field>
      <Button type="submit" appearance="primary">{again ? 'Öppna revideringen igen' : 'Öppna revideringen'}</Button>
      <Problem result={result} />
    </form>
  );
}

/**
 * The county's hold on an open revision: a new last day, or closing it for proposals. Closing asks
 * first (the arenas can no longer send proposals); each change carries the version the person saw,
 * and a refusal or a conflict is shown while the view reloads what holds now.
 */
function ManageForm({ revision, proposals, arenasWith, arenas, onDone }: { revision: NonNullable<RevisionApiView['revision']>; proposals: number; arenasWith: number; arenas: number; onDone: () => Promise<void> }) {
  const ui = useLayout();
  const [lastDay, setLastDay] = useState(revision.lastDay);
  const [result, setResult] = useState<WriteResult>();
  // The day shown follows what holds now, after a save or someone else's change.
  useEffect(() => setLastDay(revision.lastDay), [revision.lastDay]);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const apply = async (change: { lastDay: string } | { close: true }) => {
    setBusy(true);
    try {
      const r = await changeRevision(revision.etag, change);
      setResult(r);
      // Conflict or not, the view shows what holds now (and the form its new version).
      await onDone();
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  return (
    <>
      <form className={ui.filters} aria-label="Ändra revideringen" onSubmit={(e) => (e.preventDefault(), void apply({ lastDay }))}>
        <Field label="Ny sista dag för förslag">
          <Input type="date" value={lastDay} onChange={(_e, d) => setLastDay(d.value)} />
        </Field>
        <Button type="submit" disabled={busy || lastDay === revision.lastDay}>Ändra sista dagen</Button>
        <Button type="button" disabled={busy} onClick={() => setConfirming(true)}>Stäng revideringen …</Button>
      </form>
      <Problem result={result} />
      <Dialog open={confirming} modalType="alert" onOpenChange={(_e, d) => !d.open && setConfirming(false)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Stänga revideringen?</DialogTitle>
            <DialogContent>
              När revideringen är stängd kan arenorna inte längre lämna förslag. Hittills har {proposals} förslag kommit in från {arenasWith} av {arenas} arenor. Du kan öppna den igen
              senare.
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => void apply({ close: true })}>Stäng revideringen</Button>
              <Button onClick={() => setConfirming(false)}>Avbryt</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}

function StepForm({ data, onDone }: { data: RevisionApiView; onDone: () => Promise<void> }) {
  const ui = useLayout();
  const [stepId, setStepId] = useState(data.steps.find((s) => !s.done)?.id ?? data.steps[0]?.id ?? '');
  const step = data.steps.find((s) => s.id === stepId);
  const [form, setForm] = useState({ done: true, date: '', dateTo: '', body: '', minutesUrl: '' });
  const [result, setResult] = useState<WriteResult>();
  if (!step) return null;
  const set = (key: keyof typeof form) => (_e: unknown, d: { value: string }) => setForm({ ...form, [key]: d.value });
  return (
    <form
      className={ui.filters}
      aria-label="Registrera ett steg i beslutsgången"
      onSubmit={(e) => (e.preventDefault(), void recordStep(step.id, step.etag, form).then(async (r) => (setResult(r), r.ok && (await onDone()))))}
    >
      <Field label="Steg">
        <Select value={stepId} onChange={(_e, d) => setStepId(d.value)}>
          {data.steps.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
        </Select>
      </Field>
      <Checkbox label="Beslutat / genomfört" checked={form.done} onChange={(_e, d) => setForm({ ...form, done: d.checked === true })} />
      <Field label="Datum"><Input type="date" value={form.date} onChange={set('date')} /></Field>
      {step.kind === 'remiss' && <Field label="Remisstiden slutar"><Input type="date" value={form.dateTo} onChange={set('dateTo')} /></Field>}
      <Field label="Organ och §"><Input value={form.body} placeholder="t.ex. Kommunstyrelsen § 34" onChange={set('body')} /></Field>
      <Field label="Länk till protokollet (https)"><Input type="url" value={form.minutesUrl} onChange={set('minutesUrl')} /></Field>
      <Button type="submit">Registrera</Button>
      <Problem result={result} />
    </form>
  );
}
