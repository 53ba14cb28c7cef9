// One follow-up round: where it stands (which arenas have submitted — who, when, what they wrote —
// and what is still not followed up), the county's last day and closing (with a confirmation that
// says the snapshot is frozen), an arena's Lämna in, the analysis per strategy, and for a closed
// round its frozen snapshot.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-dialog';
import { Field } from '@fluentui/react-field';
import { Input } from '@fluentui/react-input';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Subtitle1, Text, Title3 } from '@fluentui/react-text';
import { Textarea } from '@fluentui/react-textarea';
import { formatDateTime, formatLongDate } from '../../../bot/domain/format';
import { SUBMISSION_COMMENT_MAX } from '../../../bot/domain/followUpRound';
import { dayOf } from '../../../bot/domain/roundComparison';
import type { PlanApiView } from '../api';
import { changeRound, fetchRound, submitRound, type Round, type RoundDetail as Detail } from '../roundApi';
import { Loading, useLayout } from '../ui';
import { RoundAnalysis } from './RoundAnalysis';
import { RoundSnapshot } from './RoundSnapshot';
import { optionalLabel, WORDS } from '../../../bot/domain/glossary';

interface Props {
  id: string;
  plan: PlanApiView;
  mayChange: (scopeId: string) => boolean;
  onNotice: (text: string) => void;
  onChanged: () => Promise<void>;
  /** After the round's detail is on screen (the view moves the focus to its heading). */
  onLoaded?: () => void;
}

export function RoundDetail({ id, plan, mayChange, onNotice, onChanged, onLoaded }: Props) {
  const ui = useLayout();
  const [detail, setDetail] = useState<Detail>();
  const [problem, setProblem] = useState<string>();

  const reload = useCallback(async () => {
    try {
      setDetail(await fetchRound(id));
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }, [id]);
  useEffect(() => void reload(), [reload]);
  const loaded = detail !== undefined;
  useEffect(() => {
    if (loaded) onLoaded?.();
  }, [loaded, onLoaded]);

  if (problem) return <MessageBar intent="error"><MessageBarBody>{problem}</MessageBarBody></MessageBar>;
  if (!detail) return <Loading label="Laddar omgången …" />;
  const { round, progress } = detail;
  const open = round.status === 'open';
  const changed = async (text: string) => {
    onNotice(text);
    await Promise.all([reload(), onChanged()]);
  };
  const submitFor = progress.arenas.filter((a) => mayChange(a.arenaId));

  return (
    <div className={ui.section} data-round-detail={round.id}>
      <Title3 as="h3" tabIndex={-1} id="omgang-rubrik">{round.name}</Title3>
      <Text data-round-state="">
        {open
          ? `Öppen. Arenorna lämnar in senast ${round.lastDay}. Perioden ${round.period.from} – till dess omgången stängs. Öppnad av ${round.openedBy} ${formatDateTime(round.openedAt)}.`
          : `Stängd ${round.closedAt ? formatDateTime(round.closedAt) : ''}${round.closedBy ? ` av ${round.closedBy}` : ''}. Läget är fryst som det var då. Perioden ${round.period.from} – ${round.period.to}.`}
      </Text>

      {/* An arena's own form first: it is what its members came for. */}
      {open && submitFor.map((a) => <SubmitForm key={a.arenaId} round={round} arena={a} onDone={changed} />)}

      <Subtitle1 as="h4">Inlämnat</Subtitle1>
      <Text weight="semibold" data-progress="">{progress.submitted} av {progress.total} arenor har lämnat in.</Text>
      <div className={ui.stack}>
        <table className={ui.table} aria-label={`Inlämnat i ${round.name}`}>
          <thead>
            <tr>
              <th scope="col">Arena</th>
              <th scope="col">Inlämnat</th>
              <th scope="col">Aktiviteter</th>
              <th scope="col">Ej uppföljda</th>
              <th scope="col">Ej uppdaterade under perioden</th>
            </tr>
          </thead>
          <tbody>
            {progress.arenas.map((a) => (
              <tr key={a.arenaId} data-arena={a.arenaId}>
                <th scope="row" data-first="">{a.arenaName}</th>
                <td data-label="Inlämnat" data-submitted={a.submission ? 'yes' : 'no'}>
                  {a.submission ? (
                    <>
                      {a.submission.submittedBy}, {formatDateTime(a.submission.submittedAt)}
                      {a.submission.version > 1 ? ` (${a.submission.version}:e gången)` : ''}
                      {a.submission.comment && <div className={ui.muted}>”{a.submission.comment}”</div>}
                    </>
                  ) : (
                    WORDS.notSubmitted
                  )}
                </td>
                <td data-label="Aktiviteter" data-inline="">{a.items}</td>
                <td data-label="Ej uppföljda" data-inline="">{a.notFollowedUp}</td>
                <td data-label="Ej uppdaterade under perioden" data-inline="">{a.notUpdatedInPeriod}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {open && detail.mayManage && <ManageRound round={round} onDone={changed} />}

      <RoundAnalysis round={round} plan={plan} analysis={detail.analysis} editable={open && detail.mayManage} onNotice={onNotice} />

      {!open && <RoundSnapshot round={round} plan={plan} />}
    </div>
  );
}

function SubmitForm({ round, arena, onDone }: { round: Round; arena: Detail['progress']['arenas'][number]; onDone: (text: string) => Promise<void> }) {
  const ui = useLayout();
  const [comment, setComment] = useState('');
  const [message, setMessage] = useState<string>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    setSaving(true);
    const result = await submitRound(round.id, arena.arenaId, comment.trim());
    setSaving(false);
    if (!result.ok) return setMessage(result.message);
    setMessage(undefined);
    setComment('');
    await onDone(`${arena.arenaName} har lämnat in ${round.name}.`);
  };
  return (
    <form className={ui.card} aria-labelledby={`lamna-in-${arena.arenaId}`} onSubmit={(e) => (e.preventDefault(), void submit())} data-submit-arena={arena.arenaId}>
      <Subtitle1 as="h4" id={`lamna-in-${arena.arenaId}`}>Lämna in för {arena.arenaName}</Subtitle1>
      <Text>
        {arena.submission
          ? `Inlämnat av ${arena.submission.submittedBy} ${formatDateTime(arena.submission.submittedAt)}. Har ni ändrat något sedan dess kan ni lämna in igen.`
          : `Gå igenom era aktiviteter (${arena.notUpdatedInPeriod} är inte uppdaterade under perioden) och lämna in senast ${round.lastDay}.`}
      </Text>
      {message && <MessageBar intent="error" role="alert"><MessageBarBody>{message}</MessageBarBody></MessageBar>}
      <Field label={optionalLabel('Kommentar till länsgemensam samverkan')}>
        <Textarea value={comment} maxLength={SUBMISSION_COMMENT_MAX} resize="vertical" onChange={(_e, d) => setComment(d.value)} />
      </Field>
      <div>
        <Button type="submit" appearance="primary" disabled={saving}>{saving ? 'Lämnar in …' : arena.submission ? 'Lämna in igen' : 'Lämna in'}</Button>
      </div>
    </form>
  );
}

/** The county's changes: the last day, and closing with a confirmation (Avbryt leaves it open). */
function ManageRound({ round, onDone }: { round: Round; onDone: (text: string) => Promise<void> }) {
  const ui = useLayout();
  const [lastDay, setLastDay] = useState(round.lastDay);
  const [message, setMessage] = useState<string>();
  const [lastDayError, setLastDayError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [closing, setClosing] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);

  const answer = async (result: Awaited<ReturnType<typeof changeRound>>, done: string) => {
    if (result.ok) {
      setMessage(undefined);
      setLastDayError(undefined);
      return void (await onDone(done));
    }
    setMessage(result.kind === 'conflict' ? `${result.message} Sidan visar nu det som gäller.` : result.message);
    if (result.kind === 'refused' && result.errors.length > 0) setLastDayError(result.errors.join(' '));
    if (result.kind === 'conflict') await onDone('');
  };
  const changeLastDay = async () => {
    if (!lastDay) return setLastDayError('Välj en dag.');
    await answer(await changeRound(round.id, { etag: round.etag, lastDay }), `Sista dagen för ${round.name} är nu ${lastDay}.`);
  };
  const closeRound = async () => {
    setClosing(true);
    const result = await changeRound(round.id, { etag: round.etag, close: true });
    setClosing(false);
    setConfirming(false);
    await answer(result, `${round.name} är stängd. Läget är fryst.`);
    // The close button is gone with the open round: focus goes to the round's heading.
    if (result.ok) requestAnimationFrame(() => document.getElementById('omgang-rubrik')?.focus());
    else requestAnimationFrame(() => closeButton.current?.focus());
  };
  const cancel = () => {
    setConfirming(false);
    requestAnimationFrame(() => closeButton.current?.focus());
  };

  return (
    <div className={ui.card} role="group" aria-labelledby="hantera-rubrik">
      <Subtitle1 as="h4" id="hantera-rubrik">Hantera omgången</Subtitle1>
      {message && <MessageBar intent="error" role="alert"><MessageBarBody>{message}</MessageBarBody></MessageBar>}
      <form className={ui.filters} onSubmit={(e) => (e.preventDefault(), void changeLastDay())}>
        <Field label="Sista dag för arenorna" {...(lastDayError ? { validationState: 'error' as const, validationMessage: lastDayError } : {})}>
          <Input type="date" value={lastDay} onChange={(_e, d) => setLastDay(d.value)} />
        </Field>
        <Button type="submit">Ändra sista dag</Button>
      </form>
      <div>
        <Button ref={closeButton} onClick={() => setConfirming(true)}>Stäng omgången …</Button>
      </div>
      {confirming && (
        <Dialog open modalType="alert" onOpenChange={(_e, d) => !d.open && cancel()}>
          <DialogSurface aria-describedby="stang-text">
            <DialogBody>
              <DialogTitle>Stänga {round.name}?</DialogTitle>
              <DialogContent id="stang-text">
                När omgången stängs fryses läget: varje status, anteckning, svar, effektmått och inlämning sparas som de är nu och ändras aldrig mer. Rapporten för {round.name} läser det frysta läget. Arenorna kan inte lämna in efter det, och varje arenas kanal får veta att omgången är stängd.
                {dayOf(new Date().toISOString()) < round.lastDay && <> Sista dag för arenorna är {formatLongDate(round.lastDay)}: omgången stängs före den.</>}
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" onClick={() => void closeRound()} disabled={closing}>{closing ? 'Stänger …' : 'Stäng och frys'}</Button>
                <Button onClick={cancel}>Avbryt</Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      )}
    </div>
  );
}
