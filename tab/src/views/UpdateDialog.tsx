// Updating a sub-activity's status, note or measure answer: the server applies the bot's
// validation, rules and ETag check. A conflict shows what is stored now and keeps what the
// person typed, so nothing is lost; saving again applies it on top of the current version.
// The title names the sub-activity and its activity (several activities have sub-activities of
// the same name). The saved sub-activity goes back to the app (onSaved) instead of a reload.
// An arena's follow-up of a Bilaga 1 item shows the county's status for reference; where the county
// alone answers the measure, the arena is not asked for an answer (the server would refuse it).
import { useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-dialog';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-message-bar';
import { Select } from '@fluentui/react-select';
import { Text } from '@fluentui/react-text';
import { Textarea } from '@fluentui/react-textarea';
import { makeStyles, mergeClasses } from '@griffel/react';
import { answerKind } from '../../../bot/domain/activityState';
import { describeEntry } from '../../../bot/domain/format';
import { LIMITS } from '../../../bot/domain/limits';
import { answerText, BEFORE_SPLIT_NOTE, questionAnswers } from '../../../bot/domain/measureQuestions';
import type { SubActivityView } from '../../../bot/domain/planView';
import { STATUSES } from '../../../bot/domain/status';
import { saveSubActivity, type ChangeForm, type SaveResult } from '../api';
import type { Editing } from '../App';
import { NARROW, useLayout } from '../ui';
import { CountyStatusLine } from './SubActivityTable';
import { formatNumber } from '../../../bot/domain/format';

type Problem = Exclude<SaveResult, { kind: 'saved' }>;

const useStyles = makeStyles({
  // Fits a 320 px screen: the dialog never scrolls sideways, its content scrolls within.
  surface: { maxWidth: 'min(600px, calc(100vw - 16px))', boxSizing: 'border-box', padding: '16px' },
  // The content scrolls as a whole: no part of it (the conflict message) may shrink under the next.
  content: { '& > *': { flexShrink: 0 } },
  title: { [NARROW]: { fontSize: '16px', lineHeight: '22px' } },
  // A split measure's questions: one group under the measure's words, without a frame of its own.
  questions: { border: 'none', padding: 0, margin: 0, minWidth: 0 },
  legend: { padding: 0, fontWeight: 600, marginBottom: '4px' },
});

interface Props {
  editing: Editing;
  onClose: () => void;
  onSaved: (sub: SubActivityView, outcome: 'updated' | 'unchanged') => void;
  /** What is stored now, after a conflict: the app shows it everywhere. */
  onStale: (current: SubActivityView) => void;
  /**
   * Closed, it stays mounted until the next Uppdatera: a Fluent Dialog unmounted while open leaves
   * aria-hidden on the page (microsoft/fluentui#35139), hiding the whole tab from screen readers.
   */
  open?: boolean;
}

export default function UpdateDialog({ editing, onClose, onSaved, onStale, open = true }: Props) {
  const ui = useLayout();
  const styles = useStyles();
  const [sub, setSub] = useState<SubActivityView>(editing.sub);
  // An arena sets aside what it does not do: a Bilaga 1 item (Ej aktuellt lokalt) or its own local activity (Avslutad lokalt).
  const local = sub.kind === 'own' && Boolean(editing.activity.createdAt);
  // A split measure: one answer per question (the answer given before the split stands in the first).
  const asked = questionAnswers(sub);
  const [form, setForm] = useState<ChangeForm>({
    status: sub.status,
    statusNote: sub.statusNote,
    measureAnswer: sub.measureAnswer,
    ...(asked.length > 0 ? { answers: Object.fromEntries(asked.map((qa) => [qa.question.id, qa.answer])) } : {}),
    comment: '',
    ...(sub.kind === 'followUp' ? { notApplicable: sub.notApplicable ?? '' } : {}),
    ...(local ? { endedLocally: sub.endedLocally ?? '' } : {}),
  });
  const [problem, setProblem] = useState<Problem>();
  const [saving, setSaving] = useState(false);
  const yesNo = answerKind(sub.target) === 'yesNo';
  const followUp = sub.kind === 'followUp';
  const answers = !followUp || sub.answeredBy === 'municipality';
  const set = (field: Exclude<keyof ChangeForm, 'answers'>) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const setAnswer = (questionId: string) => (value: string) => setForm((f) => ({ ...f, answers: { ...f.answers, [questionId]: value } }));

  const save = async () => {
    setSaving(true);
    try {
      const result = await saveSubActivity(sub, form);
      if (result.kind === 'saved') {
        onSaved(result.sub, result.outcome);
        return;
      }
      setProblem(result);
      if (result.kind === 'conflict') {
        setSub(result.current);
        onStale(result.current);
      }
    } catch {
      setProblem({ kind: 'refused', message: 'Det gick inte att nå servern. Ingenting har sparats; försök igen.', details: [] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby={undefined} className={styles.surface}>
        <DialogBody>
          <DialogTitle className={styles.title}>
            Uppdatera {sub.title}
            <Text as="span" block size={300} weight="regular" className={ui.muted}>i aktiviteten {editing.activity.title}</Text>
          </DialogTitle>
          <DialogContent className={mergeClasses(ui.section, styles.content)}>
            {followUp && (
              <div className={ui.section} data-follow-up-note="">
                <Text>Arenans egen uppföljning av delaktiviteten i Bilaga 1. Länets status ändras inte härifrån.</Text>
                <CountyStatusLine sub={sub} />
              </div>
            )}
            {/* There before a problem arrives, so that a screen reader announces it. */}
            <div role="alert" data-dialog-problem="">
              {problem?.kind === 'conflict' && (
                <MessageBar intent="warning" layout="multiline">
                  <MessageBarBody>
                    <MessageBarTitle>Någon annan hann före</MessageBarTitle>
                    <div>{problem.message}</div>
                    <div>
                      Nu gäller: {STATUSES.find((s) => s.id === problem.current.status)?.label}
                      {problem.current.statusNote ? ` – ${problem.current.statusNote}` : ''}
                      {answerText(problem.current) ? ` (svar: ${answerText(problem.current)})` : ''}
                    </div>
                    <ul>
                      {problem.since.map((e) => <li key={e.version}>{describeEntry(e)}</li>)}
                    </ul>
                  </MessageBarBody>
                </MessageBar>
              )}
              {problem?.kind === 'refused' && (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>
                    {problem.message}
                    {problem.details.length > 0 && <ul>{problem.details.map((d) => <li key={d}>{d}</li>)}</ul>}
                  </MessageBarBody>
                </MessageBar>
              )}
            </div>
            <Field label="Status">
              <Select value={form.status} onChange={(_e, d) => set('status')(d.value)}>
                {STATUSES.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
              </Select>
            </Field>
            <Field label="Statusanteckning" hint={`Högst ${formatNumber(LIMITS.statusNote)} tecken.`}>
              <Textarea value={form.statusNote} maxLength={LIMITS.statusNote} resize="vertical" onChange={(_e, d) => set('statusNote')(d.value)} />
            </Field>
            {answers && asked.length > 0 ? (
              <fieldset className={mergeClasses(ui.section, styles.questions)} data-questions="">
                <legend className={styles.legend}>Svar på måttet: {sub.measure}</legend>
                {sub.target && <Text className={ui.muted}>Målvärde: {sub.target}. Varje fråga besvaras för sig.</Text>}
                {asked.map((qa) => (
                  <Field key={qa.question.id} label={qa.question.text} hint={qa.beforeSplit && form.answers?.[qa.question.id] === qa.answer ? BEFORE_SPLIT_NOTE : undefined}>
                    {qa.question.answer === 'yesNo' ? (
                      <Select value={form.answers?.[qa.question.id] ?? ''} onChange={(_e, d) => setAnswer(qa.question.id)(d.value)}>
                        <option value="">Obesvarat</option>
                        <option value="ja">Ja</option>
                        <option value="nej">Nej</option>
                      </Select>
                    ) : (
                      <Textarea value={form.answers?.[qa.question.id] ?? ''} maxLength={LIMITS.measureAnswer} resize="vertical" onChange={(_e, d) => setAnswer(qa.question.id)(d.value)} />
                    )}
                  </Field>
                ))}
              </fieldset>
            ) : answers ? (
            <Field label={`Svar på mått${sub.measure ? `: ${sub.measure}` : ''}`} hint={sub.target ? `Målvärde: ${sub.target}` : undefined}>
              {yesNo ? (
                <Select value={form.measureAnswer} onChange={(_e, d) => set('measureAnswer')(d.value)}>
                  <option value="">Obesvarat</option>
                  <option value="ja">Ja</option>
                  <option value="nej">Nej</option>
                </Select>
              ) : (
                <Input value={form.measureAnswer} maxLength={LIMITS.measureAnswer} onChange={(_e, d) => set('measureAnswer')(d.value)} />
              )}
            </Field>
            ) : (
              <Text className={ui.muted}>Måttet{sub.measure ? ` (${sub.measure})` : ''} besvaras av länsgemensam samverkan för den här delaktiviteten.</Text>
            )}
            {followUp && (
              <Field label="Ej aktuellt lokalt: skäl" hint="Skriv ett kort skäl om delaktiviteten inte görs i kommunen: den står då inte i uppföljningen eller påminnelserna, och länsgemensam samverkan ser skälet. Töm fältet för att ångra.">
                <Input value={form.notApplicable ?? ''} maxLength={LIMITS.reason} onChange={(_e, d) => set('notApplicable')(d.value)} />
              </Field>
            )}
            {local && (
              <Field label="Avslutad lokalt: skäl" hint="Skriv skälet om arenan har slutat med aktiviteten: den finns kvar med sin historik och i rapporten. Töm fältet för att ta upp den igen.">
                <Input value={form.endedLocally ?? ''} maxLength={LIMITS.reason} onChange={(_e, d) => set('endedLocally')(d.value)} />
              </Field>
            )}
            <Field label="Kommentar till ändringen" hint="Sparas i historiken.">
              <Textarea value={form.comment} maxLength={LIMITS.comment} resize="vertical" onChange={(_e, d) => set('comment')(d.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void save()} disabledFocusable={saving}>
              {saving ? 'Sparar …' : problem?.kind === 'conflict' ? 'Spara mina ändringar ändå' : 'Spara'}
            </Button>
            <Button onClick={onClose}>Avbryt</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
