// Jämför: two rounds side by side ("Uppföljning 2025" against "Uppföljning 2026"): what moved,
// what did not, per strategy, the effect measures of each round's year, and the submissions.
import { useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Field } from '@fluentui/react-field';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Select } from '@fluentui/react-select';
import { Subtitle1, Text, Title3 } from '@fluentui/react-text';
import { formatDateTime } from '../../../bot/domain/format';
import { formatAmount } from '../../../bot/domain/measureValues';
import { periodLabel } from '../../../bot/domain/measurePeriods';
import { ROUND_STATUSES, roundStatusLabel, statusChangeText, type ItemComparison, type MeasureComparison } from '../../../bot/domain/roundComparison';
import type { PlanApiView } from '../api';
import { fetchComparison, type CompareAnswer, type Round } from '../roundApi';
import { readParam, writeParams } from '../urlState';
import { Loading, arenaName, isCounty, useLayout } from '../ui';
import { WORDS } from '../../../bot/domain/glossary';

const TREND = { up: 'Ökat', down: 'Minskat', same: 'Oförändrat' } as const;

/** A round's latest value of a measure, with its period: "14 / 25 (andra halvåret 2026)". */
function valueText(value: MeasureComparison['before']): string {
  return value ? `${value.values.map((v) => formatAmount(v.value)).join(' / ')} (${periodLabel(value.periodId)})` : 'Inte rapporterat';
}

export function RoundCompare({ plan, rounds }: { plan: PlanApiView; rounds: Round[] }) {
  const ui = useLayout();
  const ids = rounds.map((r) => String(r.id));
  const [from, setFrom] = useState(ids.includes(readParam('fran')) ? readParam('fran') : ids[1]!);
  const [to, setTo] = useState(ids.includes(readParam('till')) ? readParam('till') : ids[0]!);
  const [answer, setAnswer] = useState<CompareAnswer>();
  const [problem, setProblem] = useState<string>();
  const [loading, setLoading] = useState(false);

  const compare = async () => {
    writeParams({ fran: from, till: to });
    if (from === to) return setProblem('Välj två olika omgångar.');
    setLoading(true);
    try {
      setAnswer(await fetchComparison(from, to));
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className={ui.section} data-compare="">
      <Title3 as="h3" id="jamfor-rubrik">Jämför två omgångar</Title3>
      <form className={ui.filters} aria-labelledby="jamfor-rubrik" onSubmit={(e) => (e.preventDefault(), void compare())}>
        <Field label="Tidigare omgång">
          <Select value={from} onChange={(_e, d) => setFrom(d.value)}>
            {rounds.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </Select>
        </Field>
        <Field label="Senare omgång">
          <Select value={to} onChange={(_e, d) => setTo(d.value)}>
            {rounds.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </Select>
        </Field>
        <Button type="submit" appearance="primary" disabled={loading}>Jämför</Button>
      </form>
      <div aria-live="polite">
        {problem && <MessageBar intent="error"><MessageBarBody>{problem}</MessageBarBody></MessageBar>}
        {loading && <Loading label="Jämför …" />}
        {answer && !loading && <Comparison plan={plan} answer={answer} />}
      </div>
    </div>
  );
}

/** "1 delaktivitet", "2 delaktiviteter" */
const count = (n: number) => `${n} ${n === 1 ? 'delaktivitet' : 'delaktiviteter'}`;

const PART = { county: 'Länet, Bilaga 1', followUp: 'Bilaga 1', local: 'lokal aktivitet' } as const;

function Comparison({ plan, answer }: { plan: PlanApiView; answer: CompareAnswer }) {
  const ui = useLayout();
  const { comparison: c, from, to } = answer;
  const strategyName = (id: string) => {
    const s = plan.strategies.find((x) => x.id === id);
    return s ? `${s.number}. ${s.title}` : id;
  };
  const where = (i: ItemComparison) => (i.part === 'county' ? PART.county : `${arenaName(plan, i.scopeId)}, ${PART[i.part]}`);
  const moved = c.items.filter((i) => i.change === 'moved' || i.change === 'added' || i.change === 'removed');
  const noted = c.items.filter((i) => i.change === 'noteChanged');
  const still = c.items.filter((i) => i.change === 'notMoved');
  const statuses = ROUND_STATUSES.filter((st) => c.strategies.some((s) => s.county.before[st] + s.county.after[st] + s.arenas.before[st] + s.arenas.after[st] > 0));
  const measureTitle = (id: string) => plan.strategies.flatMap((s) => s.effectMeasures).find((m) => m.id === id)?.title ?? id;

  return (
    <div className={ui.section} data-comparison="">
      <Subtitle1 as="h4">{from.name} jämfört med {to.name}</Subtitle1>
      <Text data-compare-summary="">
        {count(c.totals.moved)} bytte status, {c.totals.noteChanged} fick ny anteckning eller nytt svar, {c.totals.notMoved} stod still och uppdaterades inte under perioden {to.period.from} – {to.period.to}
        {c.totals.added ? `, ${c.totals.added} tillkom` : ''}{c.totals.removed ? `, ${c.totals.removed} finns inte längre` : ''}.
      </Text>

      <Subtitle1 as="h4">Per strategi</Subtitle1>
      <Text className={ui.muted}>Antal delaktiviteter i varje status: {from.name} → {to.name}. Länets egna och arenornas (uppföljning av Bilaga 1 och lokala aktiviteter) var för sig.</Text>
      <div className={ui.stack}>
        <table className={ui.table} aria-label="Status per strategi i de två omgångarna">
          <thead>
            <tr>
              <th scope="col">Strategi</th>
              <th scope="col">Nivå</th>
              {statuses.map((st) => <th key={st} scope="col">{roundStatusLabel(st)}</th>)}
              <th scope="col">Bytte status</th>
            </tr>
          </thead>
          <tbody>
            {c.strategies.flatMap((s) => (['county', 'arenas'] as const).map((level) => (
              <tr key={`${s.strategyId}-${level}`} data-strategy={s.strategyId} data-level={level}>
                <th scope="row" data-first="">{strategyName(s.strategyId)}</th>
                <td data-label="Nivå" data-first="">{level === 'county' ? 'Länet' : 'Arenorna'}</td>
                {statuses.map((st) => {
                  const [b, a] = [s[level].before[st], s[level].after[st]];
                  const d = a - b;
                  return <td key={st} data-label={roundStatusLabel(st)} data-inline="">{b === a ? a : `${b} → ${a} (${d > 0 ? '+' : '−'}${Math.abs(d)})`}</td>;
                })}
                <td data-label="Bytte status" data-inline="">{c.items.filter((i) => i.strategyId === s.strategyId && i.change === 'moved' && (i.part === 'county') === (level === 'county')).length}</td>
              </tr>
            )))}
          </tbody>
        </table>
      </div>

      <Subtitle1 as="h4">Det här rörde sig</Subtitle1>
      {moved.length === 0 ? <Text>Ingen delaktivitet bytte status.</Text> : <ItemTable label="Delaktiviteter som bytte status" items={moved} where={where} strategyName={strategyName} showNote={false} />}
      {noted.length > 0 && (
        <details>
          <summary>Samma status, ny anteckning eller nytt svar ({noted.length})</summary>
          <ItemTable label="Delaktiviteter med ny anteckning" items={noted} where={where} strategyName={strategyName} showNote />
        </details>
      )}

      <Subtitle1 as="h4">Det här stod still</Subtitle1>
      <Text>{count(still.length)} har samma status och uppdaterades inte under perioden.</Text>
      {still.length > 0 && (
        <details data-still="">
          <summary>Visa dem ({still.length})</summary>
          <ItemTable label="Delaktiviteter som stod still" items={still} where={where} strategyName={strategyName} showNote={false} />
        </details>
      )}

      <Subtitle1 as="h4">Effektmått</Subtitle1>
      {c.measures.length === 0 ? <Text>Inga värden rapporterade.</Text> : (
        <div className={ui.stack}>
          <table className={ui.table} aria-label="Effektmåttens värden i de två omgångarna">
            <thead>
              <tr>
                <th scope="col">Effektmått</th>
                <th scope="col">För</th>
                <th scope="col">{from.name}</th>
                <th scope="col">{to.name}</th>
                <th scope="col">Förändring</th>
              </tr>
            </thead>
            <tbody>
              {c.measures.map((m) => (
                <tr key={`${m.measureId}-${m.arenaId}`} data-measure={m.measureId} data-arena={m.arenaId}>
                  <th scope="row" data-first="">{measureTitle(m.measureId)}</th>
                  <td data-label="För">{isCounty(plan, m.arenaId) ? 'Länet' : arenaName(plan, m.arenaId)}</td>
                  <td data-label={from.name}>{valueText(m.before)}</td>
                  <td data-label={to.name}>{valueText(m.after)}</td>
                  <td data-label="Förändring">{m.trend ? TREND[m.trend] : '–'}{m.towardsTarget === undefined ? '' : m.towardsTarget ? ', mot målet' : ', inte mot målet'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Subtitle1 as="h4">Inlämnat</Subtitle1>
      <div className={ui.stack}>
        <table className={ui.table} aria-label="Arenornas inlämningar i de två omgångarna">
          <thead>
            <tr>
              <th scope="col">Arena</th>
              <th scope="col">{from.name}</th>
              <th scope="col">{to.name}</th>
            </tr>
          </thead>
          <tbody>
            {c.submissions.map((s) => (
              <tr key={s.arenaId} data-arena={s.arenaId}>
                <th scope="row" data-first="">{s.arenaName}</th>
                <td data-label={from.name}>{s.before ? `${s.before.submittedBy}, ${formatDateTime(s.before.submittedAt)}` : WORDS.notSubmitted}</td>
                <td data-label={to.name}>{s.after ? `${s.after.submittedBy}, ${formatDateTime(s.after.submittedAt)}` : WORDS.notSubmitted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function ItemTable({ label, items, where, strategyName, showNote }: { label: string; items: ItemComparison[]; where: (i: ItemComparison) => string; strategyName: (id: string) => string; showNote: boolean }) {
  const ui = useLayout();
  return (
    <div className={ui.stack}>
      <table className={ui.table} aria-label={label}>
        <thead>
          <tr>
            <th scope="col">Delaktivitet</th>
            <th scope="col">Var</th>
            <th scope="col">Status</th>
            <th scope="col">{showNote ? 'Anteckning' : 'Strategi'}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={`${i.part}-${i.scopeId}-${i.id}`} data-item={i.id} data-scope={i.scopeId} data-part={i.part} data-change={i.change}>
              <th scope="row" data-first="">{i.title} <span className={ui.muted}>({i.activityTitle})</span></th>
              <td data-label="Var">{where(i)}</td>
              <td data-label="Status">{statusChangeText(i)}</td>
              <td data-label={showNote ? 'Anteckning' : 'Strategi'}>
                {showNote ? `${i.before?.statusNote || '–'} → ${i.after?.statusNote || '–'}` : strategyName(i.strategyId)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
