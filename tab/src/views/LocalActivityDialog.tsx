// Changing an arena's own local activity (plan 1.6: the local plans are the arenas'): its title,
// description, strategy, priority period, measure and target. The server applies the bot's
// validation, who-may rule and ETag check (bot/useCases/editLocalActivity.ts); a conflict shows
// what changed since and keeps what the person typed. Ending it ("Avslutad lokalt") and taking it
// up again are in the status dialog, beside its status, through the same update path.
import { useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-dialog';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-message-bar';
import { Select } from '@fluentui/react-select';
import { Textarea } from '@fluentui/react-textarea';
import { makeStyles, mergeClasses } from '@griffel/react';
import { describeEntry } from '../../../bot/domain/format';
import { LIMITS } from '../../../bot/domain/limits';
import { LOCAL_ACTIVITY_LIMITS, periodYears } from '../../../bot/domain/localActivity';
import type { ActivityView, SubActivityView } from '../../../bot/domain/planView';
import { saveLocalActivity, type LocalActivityForm, type LocalSaveResult, type PlanApiView } from '../api';
import { NARROW, useLayout } from '../ui';
import { formatNumber } from '../../../bot/domain/format';

type Problem = Exclude<LocalSaveResult, { kind: 'saved' }>;

const useStyles = makeStyles({
  surface: { maxWidth: 'min(640px, calc(100vw - 16px))', boxSizing: 'border-box', padding: '16px' },
  content: { '& > *': { flexShrink: 0 } },
  title: { [NARROW]: { fontSize: '16px', lineHeight: '22px' } },
  years: { display: 'flex', gap: '12px', flexWrap: 'wrap', '& > *': { flexGrow: 1, minWidth: '120px' } },
});

export interface EditingLocal {
  activity: ActivityView;
  opener: HTMLElement;
}

interface Props {
  plan: PlanApiView;
  editing: EditingLocal;
  onClose: () => void;
  onSaved: (activity: ActivityView, outcome: 'updated' | 'unchanged') => void;
}

function formOf(activity: ActivityView, sub: SubActivityView): LocalActivityForm {
  return {
    strategyId: activity.strategyId,
    title: activity.title,
    description: sub.details.join('\n\n'),
    periodFrom: String(activity.period.from),
    periodTo: String(activity.period.to),
    measure: sub.measure,
    target: sub.target,
    comment: '',
  };
}

export default function LocalActivityDialog({ plan, editing, onClose, onSaved }: Props) {
  const ui = useLayout();
  const styles = useStyles();
  const [activity, setActivity] = useState(editing.activity);
  const sub = activity.subActivities[0]!;
  const [form, setForm] = useState<LocalActivityForm>(() => formOf(editing.activity, editing.activity.subActivities[0]!));
  const [problem, setProblem] = useState<Problem>();
  const [saving, setSaving] = useState(false);
  const set = (field: keyof LocalActivityForm) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const years = periodYears().map(String);

  const save = async () => {
    setSaving(true);
    try {
      const result = await saveLocalActivity(sub, form);
      if (result.kind === 'saved') return onSaved(result.activity, result.outcome);
      setProblem(result);
      if (result.kind === 'conflict') setActivity(result.activity);
    } catch {
      setProblem({ kind: 'refused', message: 'Det gick inte att nå servern. Ingenting har sparats; försök igen.', details: [] });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_e, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby={undefined} className={styles.surface} data-local-activity-dialog="">
        <DialogBody>
          <DialogTitle className={styles.title}>Ändra {editing.activity.title}</DialogTitle>
          <DialogContent className={mergeClasses(ui.section, styles.content)}>
            {problem?.kind === 'conflict' && (
              <MessageBar intent="warning" role="alert" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>Någon annan hann före</MessageBarTitle>
                  {problem.message} Nu heter den: {problem.activity.title}.
                  <ul>{problem.since.map((e) => <li key={e.version}>{describeEntry(e)}</li>)}</ul>
                </MessageBarBody>
              </MessageBar>
            )}
            {problem?.kind === 'refused' && (
              <MessageBar intent="error" role="alert" layout="multiline">
                <MessageBarBody>
                  {problem.message}
                  {problem.details.length > 0 && <ul>{problem.details.map((d) => <li key={d}>{d}</li>)}</ul>}
                </MessageBarBody>
              </MessageBar>
            )}
            <Field label="Aktivitet" required>
              <Input value={form.title} maxLength={LOCAL_ACTIVITY_LIMITS.title} onChange={(_e, d) => set('title')(d.value)} />
            </Field>
            <Field label="Beskrivning" hint={`Valfri. Högst ${formatNumber(LIMITS.description)} tecken.`}>
              <Textarea value={form.description} maxLength={LIMITS.description} resize="vertical" onChange={(_e, d) => set('description')(d.value)} />
            </Field>
            <Field label="Strategi">
              <Select value={form.strategyId} onChange={(_e, d) => set('strategyId')(d.value)}>
                {plan.strategies.map((s) => <option key={s.id} value={s.id}>{s.number}. {s.title}</option>)}
              </Select>
            </Field>
            <div className={styles.years}>
              <Field label="Prioritet från">
                <Select value={form.periodFrom} onChange={(_e, d) => set('periodFrom')(d.value)}>
                  {years.map((y) => <option key={y} value={y}>{y}</option>)}
                </Select>
              </Field>
              <Field label="Prioritet till">
                <Select value={form.periodTo} onChange={(_e, d) => set('periodTo')(d.value)}>
                  {years.map((y) => <option key={y} value={y}>{y}</option>)}
                </Select>
              </Field>
            </div>
            <Field label="Mått" hint="Valfritt, t.ex. en ja/nej-fråga.">
              <Input value={form.measure} maxLength={LOCAL_ACTIVITY_LIMITS.measure} onChange={(_e, d) => set('measure')(d.value)} />
            </Field>
            <Field label="Målvärde" hint="Valfritt, t.ex. Ja.">
              <Input value={form.target} maxLength={LOCAL_ACTIVITY_LIMITS.target} onChange={(_e, d) => set('target')(d.value)} />
            </Field>
            <Field label="Kommentar till ändringen" hint="Sparas i historiken.">
              <Textarea value={form.comment} maxLength={LIMITS.comment} resize="vertical" onChange={(_e, d) => set('comment')(d.value)} />
            </Field>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" onClick={() => void save()} disabled={saving}>
              {saving ? 'Sparar …' : problem?.kind === 'conflict' ? 'Spara mina ändringar ändå' : 'Spara'}
            </Button>
            <Button onClick={onClose}>Avbryt</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
