// The county's analysis per strategy for a round (issue #12: "a short analysis per strategy ... text
// with history"). Each text is saved with the ETag its writer saw: when someone else saved first,
// their text is shown beside what you wrote, which stays in the box; saving again replaces theirs.
import { useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Field } from '@fluentui/react-field';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-message-bar';
import { Subtitle1, Text } from '@fluentui/react-text';
import { Textarea } from '@fluentui/react-textarea';
import { formatDateTime } from '../../../bot/domain/format';
import { ANALYSIS_MAX, isRoundTextId, ROUND_TEXTS } from '../../../bot/domain/followUpRound';
import type { PlanApiView } from '../api';
import { fetchAnalysisHistory, saveAnalysis, type Analysis, type AnalysisEntry, type Round } from '../roundApi';
import { useLayout } from '../ui';
import { formatNumber } from '../../../bot/domain/format';


interface Props {
  round: Round;
  plan: PlanApiView;
  analysis: Analysis[];
  editable: boolean;
  onNotice: (text: string) => void;
}

export function RoundAnalysis({ round, plan, analysis, editable, onNotice }: Props) {
  const ui = useLayout();
  return (
    <div className={ui.section}>
      <Subtitle1 as="h4">Länets slutsatser och förslag</Subtitle1>
      <Text className={ui.muted}>Inleder årsrapportens sammanfattning till styrgruppen.</Text>
      {ROUND_TEXTS.map((t) => (
        <StrategyAnalysisForm key={t.id} round={round} strategyId={t.id} title={t.title} stored={analysis.find((a) => a.strategyId === t.id)} editable={editable} onNotice={onNotice} />
      ))}
      <Subtitle1 as="h4">Länets analys per strategi</Subtitle1>
      {!editable && round.status === 'open' && <Text className={ui.muted}>Länsgemensam samverkan skriver analysen.</Text>}
      {plan.strategies.map((s) => {
        const stored = analysis.find((a) => a.strategyId === s.id);
        return <StrategyAnalysisForm key={s.id} round={round} strategyId={s.id} title={`${s.number}. ${s.title}`} stored={stored} editable={editable} onNotice={onNotice} />;
      })}
    </div>
  );
}

function StrategyAnalysisForm({ round, strategyId, title, stored, editable, onNotice }: { round: Round; strategyId: string; title: string; stored?: Analysis; editable: boolean; onNotice: (text: string) => void }) {
  const ui = useLayout();
  const [seen, setSeen] = useState({ etag: stored?.etag ?? '', text: stored?.text ?? '', updatedBy: stored?.updatedBy ?? '', updatedAt: stored?.updatedAt ?? '' });
  const [text, setText] = useState(stored?.text ?? '');
  const [conflict, setConflict] = useState<{ message: string; theirs: Analysis }>();
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [history, setHistory] = useState<AnalysisEntry[]>();
  const [historyProblem, setHistoryProblem] = useState<string>();
  const id = `analys-${strategyId}`;

  const save = async () => {
    setSaving(true);
    const result = await saveAnalysis(round.id, strategyId, seen.etag, text);
    setSaving(false);
    if (result.ok) {
      setSeen({ etag: result.value.etag, text: result.value.text, updatedBy: result.value.updatedBy, updatedAt: result.value.updatedAt });
      setConflict(undefined);
      setProblem(undefined);
      if (history) setHistory(undefined);
      onNotice(isRoundTextId(strategyId) ? `Sparat: ${title}.` : `Sparat: länets analys av ${title}.`);
      return;
    }
    if (result.kind === 'conflict' && result.current) {
      const theirs = result.current as Analysis;
      setConflict({ message: result.message, theirs });
      // Saving again is a choice made with their text in view: it carries their version's ETag.
      setSeen({ etag: theirs.etag, text: theirs.text, updatedBy: theirs.updatedBy, updatedAt: theirs.updatedAt });
      setProblem(undefined);
      return;
    }
    setProblem(result.message);
  };

  const showHistory = async () => {
    try {
      setHistory((await fetchAnalysisHistory(round.id, strategyId)).history);
      setHistoryProblem(undefined);
    } catch (error) {
      setHistoryProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className={ui.card} data-analysis={strategyId} role="group" aria-labelledby={`${id}-rubrik`}>
      <Text as="h5" weight="semibold" id={`${id}-rubrik`} style={{ margin: 0 }}>{title}</Text>
      {conflict && (
        <MessageBar intent="warning" role="alert" layout="multiline" data-analysis-conflict="">
          <MessageBarBody>
            <MessageBarTitle>Någon annan hann före</MessageBarTitle>
            {conflict.message}
            <div>
              <strong>Deras text</strong> ({conflict.theirs.updatedBy}, {conflict.theirs.updatedAt ? formatDateTime(conflict.theirs.updatedAt) : ''}):
            </div>
            <blockquote className={ui.quote} data-theirs="">{conflict.theirs.text || '(tom)'}</blockquote>
            <div>Din text står i rutan nedan: spara den för att ersätta deras, eller ändra den först.</div>
          </MessageBarBody>
        </MessageBar>
      )}
      {problem && <MessageBar intent="error" role="alert"><MessageBarBody>{problem}</MessageBarBody></MessageBar>}
      {editable ? (
        <form className={ui.section} onSubmit={(e) => (e.preventDefault(), void save())}>
          <Field label={isRoundTextId(strategyId) ? `Länets ${title.toLocaleLowerCase('sv-SE')}` : `Länets analys av ${title}`} hint={seen.updatedBy ? `Senast sparad av ${seen.updatedBy} ${formatDateTime(seen.updatedAt)}. Högst ${formatNumber(ANALYSIS_MAX)} tecken.` : `Högst ${formatNumber(ANALYSIS_MAX)} tecken.`}>
            <Textarea value={text} maxLength={ANALYSIS_MAX} resize="vertical" rows={4} onChange={(_e, d) => setText(d.value)} />
          </Field>
          <div className={ui.badges}>
            <Button type="submit" appearance="primary" disabled={saving}>{saving ? 'Sparar …' : conflict ? 'Spara min text ändå' : 'Spara'}</Button>
            <Button onClick={() => void (history ? setHistory(undefined) : showHistory())} aria-expanded={history !== undefined}>
              {history ? 'Dölj historiken' : 'Visa historiken'}
            </Button>
          </div>
        </form>
      ) : (
        <>
          <Text data-analysis-text="">{seen.text || 'Ingen analys skriven.'}</Text>
          {seen.updatedBy && <Text size={200} className={ui.muted}>{seen.updatedBy}, {formatDateTime(seen.updatedAt)}</Text>}
          {seen.text && (
            <div>
              <Button size="small" onClick={() => void (history ? setHistory(undefined) : showHistory())} aria-expanded={history !== undefined}>
                {history ? 'Dölj historiken' : 'Visa historiken'}
              </Button>
            </div>
          )}
        </>
      )}
      {historyProblem && <MessageBar intent="error"><MessageBarBody>{historyProblem}</MessageBarBody></MessageBar>}
      {history && (
        <ol className={ui.details} aria-label={isRoundTextId(strategyId) ? `Historik för ${title}` : `Historik för analysen av ${title}`} data-analysis-history="">
          {history.length === 0 && <li>Ingen text sparad ännu.</li>}
          {history.map((h) => (
            <li key={h.version}>
              <span className={ui.muted}>Version {h.version}, {h.by}, {formatDateTime(h.at)}:</span> {h.text || '(tom)'}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
