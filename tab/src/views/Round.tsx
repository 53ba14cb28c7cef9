// Uppföljning: the yearly follow-up round (plan 1.6, issue #12). The county opens a round, follows
// the arenas' submissions, writes its analysis per strategy and closes the round (its snapshot is
// frozen); an arena submits its part; everyone reads the rounds, any closed round's snapshot and a
// comparison of two rounds. Fluent components come from their own packages so that this view's
// code stays in its own chunk (see scripts/buildTab.ts).
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Text, Title2, Title3 } from '@fluentui/react-text';
import { Badge } from '@fluentui/react-badge';
import { defaultPeriodFrom, defaultRoundName } from '../../../bot/domain/followUpRound';
import { dayOf as stockholmDay } from '../../../bot/domain/roundComparison';
import type { PlanApiView } from '../api';
import { fetchRounds, openRound, placeErrors, type Round as RoundData } from '../roundApi';
import { readParam, writeParams } from '../urlState';
import { Loading, useLayout } from '../ui';
import { RoundCompare } from './RoundCompare';
import { RoundDetail } from './RoundDetail';

export interface RoundViewProps {
  plan: PlanApiView;
  /** Whether the signed-in person may change this scope (an arena's submission). */
  mayChange: (scopeId: string) => boolean;
}

export default function Round({ plan, mayChange }: RoundViewProps) {
  const ui = useLayout();
  const [rounds, setRounds] = useState<RoundData[]>();
  const [mayManage, setMayManage] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [selected, setSelected] = useState<string | undefined>(() => readParam('omgang') || undefined);
  const [notice, setNotice] = useState('');
  // After opening or choosing a round, its heading takes the focus once its detail has loaded.
  const focusNext = useRef(false);

  const reload = useCallback(async () => {
    try {
      const answer = await fetchRounds();
      setRounds(answer.rounds);
      setMayManage(answer.mayManage);
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }, []);
  useEffect(() => void reload(), [reload]);

  const select = (id: string | undefined) => {
    setSelected(id);
    writeParams({ omgang: id });
  };

  if (problem) return <MessageBar intent="error"><MessageBarBody>{problem}</MessageBarBody></MessageBar>;
  if (!rounds) return <Loading label="Laddar uppföljningsomgångarna …" />;
  const open = rounds.find((r) => r.status === 'open');
  // One round per year (the server's rule): this year's, once closed, is the last one until next year.
  const year = stockholmToday().slice(0, 4);
  const thisYears = rounds.find((r) => r.id === year);
  const shown = rounds.find((r) => r.id === selected) ?? open ?? rounds[0];

  return (
    <section className={ui.view} aria-labelledby="uppfoljning-rubrik">
      <Title2 as="h2" id="uppfoljning-rubrik">Uppföljning</Title2>
      <Text>
        Planen följs upp årligen i länsgemensam samverkan (1.6). Länsgemensam samverkan öppnar en uppföljningsomgång, varje lokal samverkansarena går igenom sina aktiviteter och lämnar in, och länsgemensam samverkan stänger omgången: då fryses läget som underlag för rapporten.
      </Text>
      <div role="status" aria-live="polite" data-round-notice="">
        {notice && <MessageBar intent="success"><MessageBarBody>{notice}</MessageBarBody></MessageBar>}
      </div>
      {mayManage && !open && thisYears && <Text>{thisYears.name} är stängd. Nästa omgång kan öppnas {Number(year) + 1}.</Text>}
      {mayManage && !open && !thisYears && (
        <OpenRoundForm
          rounds={rounds}
          plan={plan}
          onOpened={async (round) => {
            setNotice(`${round.name} är öppnad. Arenorna har fått en uppmaning att lämna in senast ${round.lastDay}.`);
            await reload();
            focusNext.current = true;
            select(round.id);
          }}
        />
      )}
      {!mayManage && !open && rounds.length === 0 && <Text>Ingen uppföljningsomgång har öppnats ännu. Länsgemensam samverkan öppnar den.</Text>}

      {rounds.length > 0 && (
        <div className={ui.section}>
          <Title3 as="h3">Omgångar</Title3>
          <div className={ui.stack}>
            <table className={ui.table} aria-label="Uppföljningsomgångar">
              <thead>
                <tr>
                  <th scope="col">Omgång</th>
                  <th scope="col">Period</th>
                  <th scope="col">Sista dag</th>
                  <th scope="col">Läge</th>
                  <th scope="col"><span className={ui.muted}>Visa</span></th>
                </tr>
              </thead>
              <tbody>
                {rounds.map((r) => (
                  <tr key={r.id} data-round={r.id}>
                    <th scope="row" data-first="">{r.name}</th>
                    <td data-label="Period">{r.period.from} – {r.period.to}</td>
                    <td data-label="Sista dag">{r.lastDay}</td>
                    <td data-label="Läge" data-inline="">
                      <Badge appearance="tint" color={r.status === 'open' ? 'brand' : 'informative'}>{r.status === 'open' ? 'Öppen' : `Stängd ${r.closedAt?.slice(0, 10) ?? ''}`}</Badge>
                    </td>
                    <td>
                      <Button size="small" appearance={shown?.id === r.id ? 'primary' : 'secondary'} aria-pressed={shown?.id === r.id} onClick={() => ((focusNext.current = true), select(r.id))}>
                        Visa {r.name}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}

      {shown && (
        <RoundDetail
          key={shown.id}
          id={shown.id}
          plan={plan}
          mayChange={mayChange}
          onNotice={setNotice}
          onChanged={reload}
          onLoaded={() => {
            if (focusNext.current) document.getElementById('omgang-rubrik')?.focus();
            focusNext.current = false;
          }}
        />
      )}

      {rounds.length >= 2 && <RoundCompare plan={plan} rounds={rounds} />}
    </section>
  );
}

/** Today in Stockholm, YYYY-MM-DD. */
const stockholmToday = () => stockholmDay(new Date().toISOString());

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Where the server's sentences belong (bot/domain/followUpRound.ts starts each with its field's label). */
const OPEN_FIELDS = { name: ['Namnet'], from: ['Periodens första dag', 'Perioden kan inte börja'], to: ['Periodens sista dag'], lastDay: ['Sista dag att lämna in'] };

/** Opening a round: name, period and last day, with the defaults #12 names; the server's errors at their fields. */
function OpenRoundForm({ rounds, plan, onOpened }: { rounds: RoundData[]; plan: PlanApiView; onOpened: (round: RoundData) => Promise<void> }) {
  const ui = useLayout();
  const today = stockholmToday();
  const year = today.slice(0, 4);
  const previous = rounds.find((r) => r.id < year);
  // The server's defaults (bot/useCases/followUpRound.ts openingDefaults): from the previous round's
  // close, or the plan's start, to today, and three weeks to submit.
  const [form, setForm] = useState({
    name: defaultRoundName(year),
    from: defaultPeriodFrom(plan, previous, stockholmDay),
    to: today,
    lastDay: addDays(today, 21),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [saving, setSaving] = useState(false);
  const set = (key: keyof typeof form) => (_e: unknown, d: { value: string }) => setForm((f) => ({ ...f, [key]: d.value }));

  // The rules (a last day given and not passed, a period that ends after it starts) are the
  // server's (bot/domain/followUpRound.ts); its sentences are shown at their fields.
  const submit = async () => {
    setSaving(true);
    const result = await openRound({ name: form.name.trim(), from: form.from, to: form.to, lastDay: form.lastDay });
    setSaving(false);
    if (result.ok) return void (await onOpened(result.value));
    if (result.kind === 'refused') {
      const placed = placeErrors(result.errors, OPEN_FIELDS);
      setErrors(placed.at);
      setMessage([result.message, ...placed.rest].join(' '));
    } else setMessage(result.message);
  };
  const err = (key: string) => (errors[key] ? { validationState: 'error' as const, validationMessage: errors[key] } : {});

  return (
    <form className={ui.card} aria-labelledby="oppna-rubrik" onSubmit={(e) => (e.preventDefault(), void submit())} noValidate>
      <Title3 as="h3" id="oppna-rubrik">Öppna en uppföljningsomgång</Title3>
      <Text className={ui.muted}>Varje kopplad arenakanal får ett kort med sina aktiviteter och knappen Lämna in.</Text>
      {message && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{message}</MessageBarBody>
        </MessageBar>
      )}
      <div className={ui.filterGrid} style={{ alignItems: 'start' }}>
        <Field label="Namn" required {...err('name')}><Input value={form.name} onChange={set('name')} /></Field>
        <Field label="Perioden från" {...err('from')}><Input type="date" value={form.from} onChange={set('from')} /></Field>
        <Field label="Perioden till" hint="till dess omgången stängs: det arenorna gör medan den är öppen räknas till den"><Input value="när omgången stängs" readOnly /></Field>
        <Field label="Sista dag för arenorna" required {...err('lastDay')}><Input type="date" value={form.lastDay} onChange={set('lastDay')} /></Field>
      </div>
      <div>
        <Button type="submit" appearance="primary" disabled={saving}>{saving ? 'Öppnar …' : 'Öppna omgången'}</Button>
      </div>
    </form>
  );
}
