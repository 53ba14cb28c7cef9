// Reporting an effect-measure value from the tab, for any period since the plan's baseline year,
// and (for the county) many values at once from the export's Effektmått sheet. The server applies
// the bot's rules, validation and ETag check (PUT /api/measures/…, POST /api/measures/upload):
// a conflict shows the value stored now and keeps what the person typed.
import { useEffect, useMemo, useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-message-bar';
import { Select } from '@fluentui/react-select';
import { Text, Title3 } from '@fluentui/react-text';
import { Textarea } from '@fluentui/react-textarea';
import { baselineYear, lastCompletedPeriod, periodTitle, previousComparablePeriod, reportablePeriods } from '../../../bot/domain/measurePeriods';
import { categoriesOf, describeValues, formatAmount, LEVEL_TEXT, MEASURE_LIMITS, REPORTED_BY_COUNTY_TEXT, reportableArenas, reportedByCounty, reportingArena, targetStatus, targetStatusText, valueArenaName, type CategoryValue } from '../../../bot/domain/measureValues';
import type { EffectMeasureView } from '../../../bot/api/planApi';
import { fetchMe, type Me, type PlanApiView } from '../api';
import { getToken } from '../auth';
import { useLayout } from '../ui';

interface StoredValue {
  periodId: string;
  values: CategoryValue[];
  comment: string;
  reportedBy: string;
  reportedAt: string;
  version: number;
  etag: string;
}

type Notice =
  | { intent: 'success'; title: string; text: string }
  | { intent: 'warning' | 'error'; title: string; text: string; details: string[] };

async function send(path: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const token = await getToken().catch(() => undefined);
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json');
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

function toBase64(buffer: ArrayBuffer): string {
  let binary = '';
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export default function MeasureReport({ plan, arena, onChanged }: { plan: PlanApiView; arena?: string; onChanged?: () => void }) {
  const ui = useLayout();
  const [me, setMe] = useState<Me>();
  useEffect(() => void fetchMe().then(setMe).catch(() => undefined), []);
  const measures = useMemo(() => plan.strategies.flatMap((s) => s.effectMeasures), [plan]);
  const [measureId, setMeasureId] = useState(measures[0]?.id ?? '');
  const measure = measures.find((m) => m.id === measureId) as EffectMeasureView | undefined;
  // The values this person reports: those whose reporting channel (the county's, for what the county reports) they take part in.
  const arenas = measure ? reportableArenas(measure, plan.arenas).filter((a) => me?.mayChange.includes(reportingArena(measure, a, plan.arenas).id)) : [];
  const [arenaId, setArenaId] = useState('');
  const chosenArena = arenas.find((a) => a.id === arenaId) ?? arenas.find((a) => a.id === arena) ?? arenas[0];
  const periods = measure ? reportablePeriods(measure.frequency, new Date(), baselineYear(plan.plan)) : [];
  const [periodId, setPeriodId] = useState('');
  // The period asked for is the last completed one; earlier ones (and the one under way) can be chosen.
  const asked = measure ? lastCompletedPeriod(measure.frequency, new Date()) : '';
  const period = periods.includes(periodId) ? periodId : periods.includes(asked) ? asked : periods[0] ?? '';
  const stored = (p: string): StoredValue | undefined => measure?.values.find((v) => v.arenaId === chosenArena?.id && v.periodId === p);
  const [seen, setSeen] = useState<StoredValue | null>();
  const current = seen === undefined ? stored(period) : (seen ?? undefined);
  const previous = stored(previousComparablePeriod(period || '2000'));
  const categories = measure ? categoriesOf(measure) : [];
  const [entered, setEntered] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [notice, setNotice] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  const county = plan.arenas.find((a) => a.kind === 'county');

  // A new measure, arena or period: start from what is stored for it.
  const reset = () => {
    setSeen(undefined);
    setEntered([]);
    setComment('');
    setNotice(undefined);
  };

  const save = async () => {
    if (!measure || !chosenArena) return;
    setBusy(true);
    try {
      const values = categories.map((_, i) => { const v = current?.values[i]?.value; return entered[i] ?? (v === undefined ? '' : formatAmount(v)); });
      const { status, body } = await send(`/api/measures/${encodeURIComponent(measure.id)}/values/${encodeURIComponent(chosenArena.id)}/${encodeURIComponent(period)}`, {
        method: 'PUT',
        headers: current ? { 'If-Match': current.etag } : { 'If-None-Match': '*' },
        body: JSON.stringify({ values, comment: comment || current?.comment || '', ...(current ? { version: current.version } : {}) }),
      });
      const now = (body['current'] ?? undefined) as StoredValue | undefined;
      if (status === 200 && now) {
        const prev = (body['previousComparable'] ?? undefined) as StoredValue | undefined;
        const text = targetStatusText(targetStatus(measure, now, prev), measure, period, now, prev);
        setNotice({ intent: 'success', title: body['outcome'] === 'unchanged' ? 'Värdet var redan sparat, ingenting ändrades' : 'Värdet är sparat', text: `${periodTitle(period)}: ${describeValues(now.values)}. ${text}` });
        setSeen(now);
        setEntered([]);
        onChanged?.();
      } else if (status === 409) {
        setSeen(now ?? null);
        setNotice({ intent: 'warning', title: 'Någon annan hann före', text: `${String(body['error'])}${now ? ` Nu gäller: ${describeValues(now.values)} (${now.reportedBy}).` : ''}`, details: [] });
        setEntered(values);
      } else {
        setNotice({ intent: 'error', title: 'Värdet sparades inte', text: String(body['error'] ?? `Det gick inte att spara (${status}).`), details: (body['details'] as string[] | undefined) ?? [] });
        setEntered(values);
      }
    } catch {
      setNotice({ intent: 'error', title: 'Värdet sparades inte', text: 'Det gick inte att nå servern. Ingenting har sparats; försök igen.', details: [] });
    } finally {
      setBusy(false);
    }
  };

  const upload = async (file: File) => {
    setBusy(true);
    try {
      const { status, body } = await send('/api/measures/upload', { method: 'POST', body: JSON.stringify({ file: toBase64(await file.arrayBuffer()) }) });
      // A value changed since the export is kept and listed; after a failure midway the error says which rows were written.
      const conflicts = (body['conflicts'] as Array<{ rows: number[]; message: string }> | undefined) ?? [];
      const conflictLines = conflicts.map((c) => `${c.rows.length === 1 ? 'Rad' : 'Rader'} ${c.rows.join(', ')}: ${c.message}`);
      if (status === 200) {
        const counts = `${String(body['saved'])} värden sparades, ${String(body['unchanged'])} var oförändrade.`;
        if (conflicts.length) setNotice({ intent: 'warning', title: 'Filen är uppladdad, men några värden sparades inte', text: `${counts} De här raderna har fått nyare värden sedan filen exporterades; de nyare värdena gäller:`, details: conflictLines });
        else setNotice({ intent: 'success', title: 'Filen är uppladdad', text: counts });
        onChanged?.();
      } else if (status === 503) {
        setNotice({ intent: 'error', title: 'Uppladdningen avbröts', text: String(body['error']), details: conflictLines });
        onChanged?.();
      } else {
        const rows = (body['rows'] as Array<{ row: number; errors: string[] }> | undefined) ?? [];
        setNotice({ intent: 'error', title: 'Filen laddades inte upp', text: String(body['error'] ?? `Det gick inte (${status}).`), details: rows.map((r) => `Rad ${r.row}: ${r.errors.join(' ')}`) });
      }
    } finally {
      setBusy(false);
    }
  };

  if (!me) return null;
  return (
    <section className={ui.card} aria-labelledby="rapportera-rubrik" data-testid="measure-report">
      <Title3 as="h3" id="rapportera-rubrik">Rapportera värde</Title3>
      {/* A live region that is there before its text: a screen reader announces what arrives in it. */}
      <div role="status" aria-live="polite" data-measure-result="">
        {notice && (
          <MessageBar intent={notice.intent} layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{notice.title}</MessageBarTitle>
              <div>{notice.text}</div>
              {'details' in notice && notice.details.length > 0 && <ul>{notice.details.map((d) => <li key={d}>{d}</li>)}</ul>}
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <div className={ui.filterGrid}>
        <Field label="Effektmått">
          <Select value={measureId} onChange={(_e, d) => { setMeasureId(d.value); reset(); }}>
            {measures.map((m) => <option key={m.id} value={m.id}>{m.title}</option>)}
          </Select>
        </Field>
        {measure && arenas.length > 0 && (
          <Field label="Värde för">
            <Select value={chosenArena?.id} onChange={(_e, d) => { setArenaId(d.value); reset(); }}>
              {arenas.map((a) => <option key={a.id} value={a.id}>{a.kind === 'county' ? (measure.level === 'region' ? 'Regionen' : valueArenaName(measure, a) === a.name ? 'Länet' : valueArenaName(measure, a)) : a.name}</option>)}
            </Select>
          </Field>
        )}
        {measure && arenas.length > 0 && (
          <Field label={`Period (från basåret ${baselineYear(plan.plan)})`}>
            <Select value={period} onChange={(_e, d) => { setPeriodId(d.value); reset(); }}>
              {periods.map((p) => <option key={p} value={p}>{periodTitle(p)}</option>)}
            </Select>
          </Field>
        )}
      </div>
      {measure && arenas.length === 0 && (
        <Text>{reportedByCounty(measure) ? `${REPORTED_BY_COUNTY_TEXT} (${LEVEL_TEXT[measure.level]}), av den som är med i kanalen för länsgemensam samverkan.` : `Värden för det här måttet rapporteras ${LEVEL_TEXT[measure.level]}, av den som är med i den kanalen.`} Du kan läsa värdena nedan.</Text>
      )}
      {measure && chosenArena && (
        <>
          <Text className={ui.muted}>
            Målvärde: {measure.target} · {LEVEL_TEXT[measure.level]}{measure.source ? ` · källa: ${measure.source}` : ''}
          </Text>
          <Text>{current ? `Rapporterat nu: ${describeValues(current.values)} (${current.reportedBy}). Sparar du ersätts det; det gamla finns kvar i historiken.` : `Inget värde rapporterat för ${periodTitle(period).toLowerCase()} ännu.`}</Text>
          {measure.direction !== 'yes' && <Text className={ui.muted}>{previous ? `Samma period föregående år: ${describeValues(previous.values)}` : 'Inget värde föregående år att jämföra med.'}</Text>}
          <div className={ui.filterGrid}>
            {categories.map((category, i) => {
              const storedText = (j: number) => { const v = current?.values[j]?.value; return v === undefined ? '' : formatAmount(v); };
              const shown = entered[i] ?? storedText(i);
              const set = (v: string) => setEntered((all) => categories.map((_, j) => (j === i ? v : (all[j] ?? storedText(j)))));
              return measure.direction === 'yes' ? (
                <Field key={i} label={category ?? 'Svar'}>
                  <Select value={shown} onChange={(_e, d) => set(d.value)}>
                    <option value="">Välj</option>
                    <option value="ja">Ja</option>
                    <option value="nej">Nej</option>
                  </Select>
                </Field>
              ) : (
                <Field key={i} label={category ?? 'Värde'} hint="T.ex. 12, 0,42 eller 1 234">
                  <Input value={shown} inputMode="decimal" onChange={(_e, d) => set(d.value)} />
                </Field>
              );
            })}
          </div>
          <Field label="Kommentar (sparas i historiken)">
            <Textarea value={comment} maxLength={MEASURE_LIMITS.comment} resize="vertical" onChange={(_e, d) => setComment(d.value)} />
          </Field>
          <div>
            <Button appearance="primary" disabledFocusable={busy} onClick={() => void save()}>
              {busy ? 'Sparar …' : notice?.intent === 'warning' ? 'Spara mitt värde ändå' : 'Spara'}
            </Button>
          </div>
        </>
      )}
      {county && me.mayChange.includes(county.id) && (
        // A file field is as wide as its text; its column may be narrower (320 px with WCAG text spacing).
        <Field style={{ gridTemplateColumns: 'minmax(0, 1fr)' }} label="Ladda upp många värden (bladet Effektmått i Excel-exporten, ifyllt)" hint="Varje rad kontrolleras först; är någon rad fel sparas ingenting.">
          {(fieldProps: Record<string, unknown>) => (
            <input {...fieldProps} style={{ minWidth: 0, width: '100%' }} type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" disabled={busy} onChange={(e) => { const f = e.target.files?.[0]; if (f) void upload(f); e.target.value = ''; }} />
          )}
        </Field>
      )}
    </section>
  );
}
