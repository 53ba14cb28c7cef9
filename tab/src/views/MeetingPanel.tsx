// The plan in a Teams meeting: the side panel beside the call and, shared from there, the stage
// that everyone sees. It shows the brief of the arena the meeting is for (chosen once, kept for the
// meeting): what changed lately, what is overdue and what is not followed up, with Uppdatera. It
// only reads the brief: the channel's "since the last brief" (the bot's mötesunderlag) stays put.
// Lazy-loaded; narrow first (the side panel is 320 px wide), large type on the stage.
import { useEffect, useState } from 'react';
import { Button } from '@fluentui/react-button';
import { Field } from '@fluentui/react-field';
import { MessageBar, MessageBarBody } from '@fluentui/react-message-bar';
import { Select } from '@fluentui/react-select';
import { Subtitle1, Subtitle2, Text, Title2, Title3 } from '@fluentui/react-text';
import { tokens } from '@fluentui/react-theme';
import { makeStyles, mergeClasses } from '@griffel/react';
import { formatDay, formatLongDate } from '../../../bot/domain/format';
import { nothingNewText, type MeetingBrief } from '../../../bot/domain/meetingBrief';
import { overdueHeadline, overdueItems } from '../../../bot/domain/overview';
import type { ActivityView, SubActivityView } from '../../../bot/domain/planView';
import { ApiError, call, chooseMeetingArena, fetchMeetingArena, type MeetingArena, type PlanApiView } from '../api';
import { shareToStage } from '../auth';
import { fetchRound, fetchRounds, type RoundDetail } from '../roundApi';
import { Loading, OverdueBadge, SubStatus } from '../ui';
import type { EditProps } from './SubActivityTable';
import { BriefLines } from './BriefLines';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  stage: { maxWidth: '70em', margin: '0 auto', fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS, padding: `${tokens.spacingVerticalS} 0`, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  overdue: { color: tokens.colorPaletteRedForeground1 },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** How many not-followed-up items show before "Visa alla". */
const FIRST = 8;

type Item = { activity: ActivityView; sub: SubActivityView };

export default function MeetingPanel({ plan, meetingId, arena, stage, ...edit }: EditProps & { plan: PlanApiView; meetingId?: string; arena?: string; stage: boolean }) {
  const styles = useStyles();
  const [chosen, setChosen] = useState<MeetingArena>();
  const [choosing, setChoosing] = useState(false);
  const [pick, setPick] = useState('');
  const [brief, setBrief] = useState<MeetingBrief>();
  const [problem, setProblem] = useState<string>();
  const [allOpen, setAllOpen] = useState(false);
  const [shareNote, setShareNote] = useState<string>();
  /** The year's follow-up round while it is open (undefined: none open, or not known). */
  const [round, setRound] = useState<RoundDetail>();

  // The meeting's own choice first; a tab configured for an arena (its contentUrl) otherwise.
  useEffect(() => {
    if (!meetingId) return void setChosen(arena ? { arenaId: arena } : {});
    fetchMeetingArena(meetingId)
      .then((m) => setChosen(m.arenaId ? m : arena ? { arenaId: arena } : {}))
      .catch((e: unknown) => (setProblem(e instanceof Error ? e.message : String(e)), setChosen({})));
  }, [meetingId, arena]);

  const arenaId = chosen?.arenaId && plan.arenas.some((a) => a.id === chosen.arenaId) ? chosen.arenaId : undefined;
  const level = plan.arenas.find((a) => a.id === arenaId);

  useEffect(() => {
    if (!arenaId) return;
    let current = true;
    setBrief(undefined);
    call(`/api/brief?${new URLSearchParams({ arena: arenaId }).toString()}`)
      .then(async (res) => {
        const body = (await res.json().catch(() => ({}))) as MeetingBrief & { error?: string };
        if (!res.ok) throw new ApiError(body.error ?? `Något gick fel (${res.status}).`, res.status);
        if (current) setBrief(body);
      })
      .catch((e: unknown) => current && setProblem(e instanceof Error ? e.message : String(e)));
    return () => {
      current = false;
    };
  }, [arenaId, plan]);

  useEffect(() => {
    let current = true;
    void (async () => {
      const rounds = await fetchRounds();
      const open = rounds.rounds.find((r) => r.status === 'open');
      const detail = open ? await fetchRound(open.id) : undefined;
      if (current) setRound(detail);
    })().catch(() => current && setRound(undefined));
    return () => {
      current = false;
    };
  }, [plan]);

  const save = async () => {
    if (!pick) return;
    try {
      const saved = meetingId ? await chooseMeetingArena(meetingId, pick) : { arenaId: pick };
      setChosen(saved);
      setChoosing(false);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };

  if (!chosen) return <Loading label="Laddar mötet …" />;

  if (!level || choosing) {
    return (
      <section className={styles.root} aria-labelledby="mote-rubrik" data-meeting-choose="">
        <Title2 as="h2" id="mote-rubrik">Vilken arena är mötet för?</Title2>
        <Text>Mötet visar den arenans mötesunderlag: vad som har ändrats, vad som är försenat och vad som inte är uppföljt. Valet sparas för mötet, för alla i det.</Text>
        {problem && <MessageBar intent="error"><MessageBarBody>{problem}</MessageBarBody></MessageBar>}
        <Field label="Arena">
          <Select value={pick} onChange={(_e, d) => setPick(d.value)}>
            <option value="">Välj arena</option>
            {plan.arenas.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </Select>
        </Field>
        <div className={styles.bar}>
          <Button appearance="primary" disabled={!pick} onClick={() => void save()}>Spara för mötet</Button>
          {level && <Button onClick={() => setChoosing(false)}>Avbryt</Button>}
        </div>
      </section>
    );
  }

  const county = level.kind === 'county';
  const activities: ActivityView[] = county ? plan.strategies.flatMap((s) => s.activities) : [...level.activities, ...level.bilaga1];
  const today = edit.today;
  const overdue = overdueItems(activities, today).filter((x) => !x.sub.retired);
  const notFollowedUp: Item[] = activities.flatMap((activity) => activity.subActivities.filter((sub) => !sub.followedUp && !sub.retired).map((sub) => ({ activity, sub })));
  // Fluent's type ramp: 300 is 14 px, 600 is 24 px (the stage is read from across the room).
  const size = stage ? 600 : 300;
  // Headings a step smaller in the 320 px side panel than on the stage.
  const H2 = stage ? Title2 : Subtitle1;
  const H3 = stage ? Title3 : Subtitle2;
  const small = stage ? 400 : 200;

  const line = ({ activity, sub }: Item, late: boolean) => (
    <li key={`${sub.scopeId}/${sub.id}`} className={styles.item} data-meeting-item={sub.id}>
      <span className={styles.badges}>
        <SubStatus sub={sub} />
        {late && <OverdueBadge />}
      </span>
      <Text weight="semibold" size={size} data-item-title="">{sub.title}</Text>
      <Text size={small} className={styles.muted}>{activity.title} · prioritet {activity.period.label}</Text>
      {edit.mayChange(sub.scopeId) && (
        <Button size={stage ? 'medium' : 'small'} onClick={(e) => edit.onEdit(activity, sub, e.currentTarget)} aria-label={`Uppdatera ${sub.title}`}>Uppdatera</Button>
      )}
    </li>
  );

  return (
    <section className={mergeClasses(styles.root, stage && styles.stage)} aria-labelledby="mote-rubrik" data-meeting-panel={stage ? 'stage' : 'sidePanel'}>
      <div>
        <H2 as="h2" id="mote-rubrik">Mötesunderlag: {level.name}</H2>
        {!stage && (
          <div className={styles.bar}>
            <Text size={200} className={styles.muted}>
              Mötet är för {level.name}{chosen.chosenBy ? ` (valt av ${chosen.chosenBy}${chosen.chosenAt ? `, ${formatDay(chosen.chosenAt, today)}` : ''})` : ''}.
            </Text>
            <Button size="small" appearance="transparent" onClick={() => (setPick(level.id), setChoosing(true))}>Byt arena</Button>
          </div>
        )}
      </div>
      {problem && <MessageBar intent="error"><MessageBarBody>{problem}</MessageBarBody></MessageBar>}
      {!stage && (
        <div className={styles.bar}>
          <Button
            onClick={() => {
              const url = `${window.location.origin}/tab/index.html?${new URLSearchParams({ view: 'mote', arena: level.id }).toString()}`;
              shareToStage(url)
                .then((ok) => setShareNote(ok ? 'Mötesunderlaget visas nu på mötesskärmen för alla.' : 'Dela på mötesskärmen går bara i ett pågående möte.'))
                .catch((e: unknown) => setShareNote(`Det gick inte att dela: ${e instanceof Error ? e.message : String(e)}`));
            }}
          >
            Dela på mötesskärmen
          </Button>
          {shareNote && <Text role="status" size={200}>{shareNote}</Text>}
        </div>
      )}

      <section aria-labelledby="mote-andrat" data-meeting-section="changed">
        <H3 as="h3" id="mote-andrat">Ändrat</H3>
        {!brief && !problem && <Loading label="Laddar ändringarna …" />}
        {brief && (
          <>
            <Text block size={small} className={styles.muted}>Ändringar sedan {formatLongDate(brief.from)}{brief.basis === 'default' ? ' (de senaste 30 dagarna)' : ''}.</Text>
            {brief.total === 0 && <Text block size={size}>{nothingNewText(brief)}</Text>}
            {brief.groups.filter((g) => g.items.length > 0).map((g) => (
              <div key={g.id} data-brief-group={g.id}>
                <Text block weight="semibold" size={size}>{g.title} ({g.items.length})</Text>
                <ul className={styles.list}>
                  {g.items.map((item) => (
                    <li key={item.key} className={styles.item}>
                      <Text size={size}><strong>{item.title}</strong>: {item.text}</Text>
                      <Text size={small} className={styles.muted}>{[item.context, [item.actor, item.at ? formatDay(item.at, today) : ''].filter(Boolean).join(', ')].filter(Boolean).join(' · ')}</Text>
                      <BriefLines lines={item.lines} title={item.title} />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </>
        )}
      </section>

      {round && (
        <section aria-labelledby="mote-omgang" data-meeting-section="round">
          <H3 as="h3" id="mote-omgang">{round.round.name}</H3>
          {(() => {
            const own = round.progress.arenas.find((a) => a.arenaId === level.id);
            const submitted = own?.submission;
            return (
              <>
                <Text block size={size}>Öppen, sista dag {formatLongDate(round.round.lastDay)}.</Text>
                {county ? (
                  <Text block size={size}>{round.progress.submitted} av {round.progress.total} arenor har lämnat in.</Text>
                ) : submitted ? (
                  <Text block size={size}>{level.name} lämnade in {formatDay(submitted.submittedAt, today)} ({submitted.submittedBy}).</Text>
                ) : (
                  <Text block size={size}>{level.name} har inte lämnat in ännu{own ? `: ${own.notUpdatedInPeriod} av ${own.items} delaktiviteter är inte uppdaterade under perioden` : ''}.</Text>
                )}
              </>
            );
          })()}
        </section>
      )}

      <section aria-labelledby="mote-forsenat" data-meeting-section="overdue">
        <H3 as="h3" id="mote-forsenat" className={overdue.length ? styles.overdue : undefined}>Försenat ({overdue.length})</H3>
        {overdue.length === 0 ? <Text block size={size}>{overdueHeadline({ overdue, notFollowedUp, expiredNotFollowedUp: [] }, `för ${level.name}`)}.</Text> : <ul className={styles.list}>{overdue.map((x) => line(x, true))}</ul>}
      </section>

      <section aria-labelledby="mote-ej-uppfoljt" data-meeting-section="notFollowedUp">
        <H3 as="h3" id="mote-ej-uppfoljt">Ej uppföljt ({notFollowedUp.length})</H3>
        <Text block size={small} className={styles.muted}>
          Ingen har följt upp {notFollowedUp.length === 1 ? 'den' : 'dem'} sedan planen antogs.
        </Text>
        {notFollowedUp.length === 0 ? (
          <Text size={size}>Allt är uppföljt.</Text>
        ) : (
          <>
            <ul className={styles.list}>{(allOpen || stage ? notFollowedUp : notFollowedUp.slice(0, FIRST)).map((x) => line(x, false))}</ul>
            {!allOpen && !stage && notFollowedUp.length > FIRST && <Button size="small" onClick={() => setAllOpen(true)}>Visa alla {notFollowedUp.length}</Button>}
          </>
        )}
      </section>
    </section>
  );
}
