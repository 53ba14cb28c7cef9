// A closed round's frozen snapshot: per strategy how many of the county's sub-activities were in
// each status, and per arena how far it had followed up and whether it had submitted.
import { useEffect, useMemo, useState } from 'react';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Subtitle1, Text } from '@fluentui/react-text';
import { formatDateTime } from '../../../bot/domain/format';
import { ROUND_STATUSES, roundStatusLabel, roundSummary } from '../../../bot/domain/roundComparison';
import type { PlanApiView } from '../api';
import { fetchRoundState, type FollowUpState, type Round } from '../roundApi';
import { Loading, useLayout } from '../ui';
import { WORDS } from '../../../bot/domain/glossary';

export function RoundSnapshot({ round, plan }: { round: Round; plan: PlanApiView }) {
  const ui = useLayout();
  const [state, setState] = useState<FollowUpState>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    fetchRoundState(round.id).then(setState, (error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, [round.id]);
  const summary = useMemo(() => (state ? roundSummary(state) : undefined), [state]);

  if (problem) return <MessageBar intent="error"><MessageBarBody>{problem}</MessageBarBody></MessageBar>;
  if (!state || !summary) return <Loading label="Laddar det frysta läget …" />;
  const strategyName = (id: string) => {
    const s = plan.strategies.find((x) => x.id === id);
    return s ? `${s.number}. ${s.title}` : id;
  };
  const shownStatuses = ROUND_STATUSES.filter((st) => summary.strategies.some((s) => s.county.after[st] > 0));

  return (
    <div className={ui.section} data-snapshot={round.id}>
      <Subtitle1 as="h4">Läget när omgången stängdes</Subtitle1>
      <Text className={ui.muted}>Fryst {formatDateTime(state.takenAt)}. Länets delaktiviteter i Bilaga 1 per strategi:</Text>
      <div className={ui.stack}>
        <table className={ui.table} aria-label={`Länets delaktiviteter per strategi i ${round.name}`}>
          <thead>
            <tr>
              <th scope="col">Strategi</th>
              {shownStatuses.map((st) => <th key={st} scope="col">{roundStatusLabel(st)}</th>)}
            </tr>
          </thead>
          <tbody>
            {summary.strategies.filter((s) => ROUND_STATUSES.some((st) => s.county.after[st] > 0)).map((s) => (
              <tr key={s.strategyId} data-strategy={s.strategyId}>
                <th scope="row" data-first="">{strategyName(s.strategyId)}</th>
                {shownStatuses.map((st) => <td key={st} data-label={roundStatusLabel(st)} data-inline="">{s.county.after[st]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Text className={ui.muted}>Per arena (dess uppföljning av Bilaga 1 och dess lokala aktiviteter):</Text>
      <div className={ui.stack}>
        <table className={ui.table} aria-label={`Arenornas läge i ${round.name}`}>
          <thead>
            <tr>
              <th scope="col">Arena</th>
              <th scope="col">Delaktiviteter</th>
              <th scope="col">Ej uppföljda</th>
              <th scope="col">Pågår</th>
              <th scope="col">Klar</th>
              <th scope="col">Inlämnat</th>
            </tr>
          </thead>
          <tbody>
            {state.arenas.map(({ arena, submission }) => {
              const s = summary.scopes.find((x) => x.scopeId === arena.id && x.part !== 'county');
              return (
                <tr key={arena.id} data-arena={arena.id}>
                  <th scope="row" data-first="">{arena.name}</th>
                  <td data-label="Delaktiviteter" data-inline="">{s?.total ?? 0}</td>
                  <td data-label="Ej uppföljda" data-inline="">{s?.counts.ej_uppfoljd ?? 0}</td>
                  <td data-label="Pågår" data-inline="">{s?.counts.pagar ?? 0}</td>
                  <td data-label="Klar" data-inline="">{s?.counts.klar ?? 0}</td>
                  <td data-label="Inlämnat">{submission ? `${submission.submittedBy}, ${formatDateTime(submission.submittedAt)}` : WORDS.notSubmitted}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
