// Revidering, the local plans (plan 1.6: "I de lokala samverkansarenorna revideras … de lokala
// samverkansplanerna"): which arenas have recorded their local plan as revised, with the day, who,
// their decision reference and what changed; and, for a member of an arena's channel while the
// county's revision is open, the form that records it. No principal's decision is asked for.
import { useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Text, Title3 } from '@fluentui/react-text';
import { Textarea } from '@fluentui/react-textarea';
import { LOCAL_REVISION_LIMITS } from '../../../bot/domain/localRevision';
import type { PlanApiView } from '../api';
import { recordLocalRevision, type RevisionApiView, type WriteResult } from '../revisionApi';
import { useLayout } from '../ui';

export function LocalRevisions({ plan, data, onDone }: { plan: PlanApiView; data: RevisionApiView; onDone: () => Promise<void> }) {
  const ui = useLayout();
  const locals = plan.arenas.filter((a) => a.kind !== 'county');
  const done = new Map(data.localRevisions.map((r) => [r.arenaId, r]));
  const mine = locals.filter((a) => data.proposeAs.includes(a.id));
  return (
    <section className={ui.section} aria-labelledby="lokala-planer">
      <Title3 as="h3" id="lokala-planer">Lokala planer</Title3>
      <Text>
        {done.size} av {locals.length} lokala arenor har reviderat sin lokala plan. Varje arena reviderar sin egen plan medan länets revidering är öppen; inga huvudmannabeslut behövs för en lokal plan.
      </Text>
      <ul className={ui.details} data-local-revisions="">
        {locals.map((a) => {
          const r = done.get(a.id);
          return (
            <li key={a.id} data-arena={a.id}>
              <Text weight="semibold">{a.name}:</Text> {r ? `${r.text}. ${r.changes}` : <span className={ui.muted}>Inte registrerad ännu</span>}
            </li>
          );
        })}
      </ul>
      {data.revision?.status === 'open' && mine.map((a) => <LocalRevisionForm key={a.id} arenaId={a.id} arenaName={a.name} seen={done.get(a.id)} onDone={onDone} />)}
    </section>
  );
}

function LocalRevisionForm({ arenaId, arenaName, seen, onDone }: { arenaId: string; arenaName: string; seen?: RevisionApiView['localRevisions'][number]; onDone: () => Promise<void> }) {
  const ui = useLayout();
  const [date, setDate] = useState(seen?.date ?? new Date().toISOString().slice(0, 10));
  const [reference, setReference] = useState(seen?.reference ?? '');
  const [changes, setChanges] = useState(seen?.changes ?? '');
  const [result, setResult] = useState<WriteResult>();
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    try {
      const answer = await recordLocalRevision(arenaId, seen?.etag, { date, reference, changes });
      setResult(answer);
      if (answer.ok) await onDone();
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className={ui.section} aria-label={`${arenaName}s lokala revidering`} onSubmit={(e) => (e.preventDefault(), void save())}>
      <Text weight="semibold">{seen ? `Ändra ${arenaName}s lokala revidering` : `Registrera att ${arenaName}s lokala plan är reviderad`}</Text>
      {result && !result.ok && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{result.message}{result.details.length > 0 && <ul>{result.details.map((d) => <li key={d}>{d}</li>)}</ul>}</MessageBarBody>
        </MessageBar>
      )}
      {result?.ok && <MessageBar intent="success"><MessageBarBody>{arenaName}s lokala revidering är registrerad.</MessageBarBody></MessageBar>}
      <Field label="Datum då arenan reviderade planen" required>
        <Input type="date" value={date} onChange={(_e, d) => setDate(d.value)} />
      </Field>
      <Field label="Beslutsreferens" hint="T.ex. arenans protokoll och paragraf." required>
        <Input value={reference} maxLength={LOCAL_REVISION_LIMITS.reference} onChange={(_e, d) => setReference(d.value)} />
      </Field>
      <Field label="Vad ändrades i den lokala planen" required>
        <Textarea value={changes} maxLength={LOCAL_REVISION_LIMITS.changes} resize="vertical" onChange={(_e, d) => setChanges(d.value)} />
      </Field>
      <div>
        <Button type="submit" appearance="primary" disabled={saving}>{saving ? 'Sparar …' : 'Spara'}</Button>
      </div>
    </form>
  );
}
