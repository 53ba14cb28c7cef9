// The meeting brief's rules without Teams or storage: which window a typed date means, how the
// window's events are grouped and folded, what counts as having become overdue, and the card's caps.
import assert from 'node:assert/strict';
import { meetingBriefCard, BRIEF_CARD_LINES } from '../../bot/cards/meetingBriefCard';
import type { HistoryEvent } from '../../bot/domain/historyEvents';
import { becameOverdue, buildMeetingBrief, briefPeriodText, daysBack, parseSince, type BriefInput } from '../../bot/domain/meetingBrief';
import type { ActivityView, SubActivityView } from '../../bot/domain/planView';
import type { StatusId } from '../../bot/domain/status';
import { tabLinks } from '../../bot/domain/deepLinks';
import { startFrom } from '../../tab/src/deepLink';
import { cardText } from '../helpers/teamsClient';

const now = new Date('2026-11-25T14:00:00Z');
const arena = { id: 'ostersund', name: 'Östersund', kind: 'municipality' };

function sub(id: string, status: StatusId, extra: Partial<SubActivityView> = {}): SubActivityView {
  return { id, scopeId: 'ostersund', title: `Delaktivitet ${id}`, status, followedUp: true, kind: 'own', ...extra } as SubActivityView;
}
function activity(id: string, to: number, subs: SubActivityView[]): ActivityView {
  return { scopeId: 'ostersund', id, strategyId: 's1', title: `Aktivitet ${id}`, period: { from: to - 1, to, label: `${to - 1}–${to}` }, subActivities: subs };
}
function change(subId: string, version: number, at: string, status?: [StatusId, StatusId], extra: Partial<HistoryEvent> = {}): HistoryEvent {
  return {
    kind: 'change', key: `c/ostersund/${subId}/${version}`, at, actor: 'Anna Andersson', scopeId: 'ostersund', subActivityId: subId, title: `Delaktivitet ${subId}`, parent: 'Aktivitet a1',
    lines: status ? [`Status: ${status[0]} → ${status[1]}`] : ['Statusanteckning: (tomt) → Rutin antagen'],
    ...(status ? { status: { from: status[0], to: status[1] } } : {}),
    ...extra,
  };
}
function input(events: HistoryEvent[], activities: ActivityView[] = [], from = new Date('2026-11-01T00:00:00Z'), to = now): BriefInput {
  return { arena, events, activities, arenaNames: new Map([['ostersund', 'Östersund'], ['krokom', 'Krokom']]), from, to, basis: 'lastBrief' };
}
const group = (b: ReturnType<typeof buildMeetingBrief>, id: string) => b.groups.find((g) => g.id === id)!;

describe('meeting brief (domain)', () => {
  describe('the date it starts from', () => {
    it('reads ÅÅÅÅ-MM-DD as the start of that day in Swedish time, summer and winter', () => {
      assert.deepEqual(parseSince('2026-10-01', now), { ok: true, from: new Date('2026-09-30T22:00:00Z') });
      assert.deepEqual(parseSince('2026-11-01', now), { ok: true, from: new Date('2026-10-31T23:00:00Z') });
    });
    it('reads "1 oktober" as the latest such day that has come, and "1 dec 2025" with its year', () => {
      assert.deepEqual(parseSince('1 oktober', now), { ok: true, from: new Date('2026-09-30T22:00:00Z') });
      assert.deepEqual(parseSince('1 december', now), { ok: true, from: new Date('2025-11-30T23:00:00Z') });
      assert.deepEqual(parseSince('1 dec 2025', now), { ok: true, from: new Date('2025-11-30T23:00:00Z') });
    });
    it('refuses what is not a day, and a day that has not come (today is fine)', () => {
      for (const typed of ['igår', '2026-13-01', '2026-02-30', '01/10/2026', '32 oktober', '']) assert.deepEqual(parseSince(typed, now), { ok: false, reason: 'format', typed }, typed);
      assert.deepEqual(parseSince('2026-11-26', now), { ok: false, reason: 'future', typed: '2026-11-26' });
      assert.equal(parseSince('2026-11-25', now).ok, true);
    });
    it('goes 30 days back to a midnight in Swedish time for a first brief', () => {
      assert.equal(daysBack(now, 30).toISOString(), '2026-10-25T23:00:00.000Z', 'summer time ended on 25 October');
    });
  });

  describe('grouping the window\'s events', () => {
    it('folds several status changes of one sub-activity into one line, from the first to the last', () => {
      const b = buildMeetingBrief(input([change('d1', 1, '2026-11-10T09:00:00Z', ['ej_paborjat', 'pagar']), change('d1', 2, '2026-11-20T09:00:00Z', ['pagar', 'klar'], { comment: 'Klart' })]));
      assert.deepEqual(group(b, 'status').items.map((i) => i.text), ['Ej påbörjat → Klar ("Klart")']);
      assert.equal(group(b, 'status').items[0]!.at, '2026-11-20T09:00:00Z');
      assert.equal(b.total, 1);
    });
    it('shows every step when a status was changed and changed back', () => {
      const b = buildMeetingBrief(input([change('d1', 1, '2026-11-10T09:00:00Z', ['pagar', 'klar']), change('d1', 2, '2026-11-11T09:00:00Z', ['klar', 'pagar'])]));
      assert.equal(group(b, 'status').items[0]!.text, 'Pågår → Klar → Pågår');
    });
    it('says an arena\'s first follow-up of a Bilaga 1 item starts from "Ej uppföljd"', () => {
      const followUp = activity('a1', 2026, [sub('d1', 'pagar', { kind: 'followUp' })]);
      const b = buildMeetingBrief(input([change('d1', 1, '2026-11-10T09:00:00Z', ['ej_paborjat', 'pagar'])], [followUp]));
      assert.equal(group(b, 'status').items[0]!.text, 'Ej uppföljd → Pågår');
    });
    it('lists note and answer changes apart from status changes, once per sub-activity', () => {
      const b = buildMeetingBrief(input([change('d2', 1, '2026-11-10T09:00:00Z'), change('d2', 2, '2026-11-11T09:00:00Z'), change('d1', 1, '2026-11-12T09:00:00Z', ['pagar', 'klar'])]));
      assert.deepEqual(group(b, 'updates').items.map((i) => [i.title, i.text]), [['Delaktivitet d2', 'Statusanteckning: (tomt) → Rutin antagen']]);
      assert.equal(group(b, 'status').items.length, 1);
    });
    it('lists a measure period corrected in the window once, with its latest report, and names another arena', () => {
      const report = (version: number, at: string, value: string, scopeId = 'ostersund'): HistoryEvent => ({ kind: 'measureReport', key: `m/s3-e1/2026/${scopeId}/${version}`, at, actor: 'Anna', scopeId, title: 'Läkarbesök', parent: 'Strategi 3', lines: [`Rapporterade 2026: ${value}`] });
      const b = buildMeetingBrief(input([report(1, '2026-11-10T09:00:00Z', '10'), report(2, '2026-11-11T09:00:00Z', '12'), report(1, '2026-11-12T09:00:00Z', '7', 'krokom')]));
      assert.deepEqual(group(b, 'measures').items.map((i) => [i.text, i.context]), [['Rapporterade 2026: 7', 'Strategi 3 · Krokom'], ['Rapporterade 2026: 12', 'Strategi 3']]);
    });
    it('says plainly which window it covers', () => {
      assert.match(briefPeriodText({ from: '2026-11-20T08:00:00Z', to: now.toISOString(), basis: 'lastBrief' }), /^Sedan förra mötesunderlaget 20 nov\. 2026 09:00, till 25 nov\. 2026 15:00\.$/);
      assert.match(briefPeriodText({ from: '2026-10-25T23:00:00Z', to: now.toISOString(), basis: 'default' }), /de senaste 30 dagarna, sedan 26 oktober 2026/);
    });
  });

  describe('the county\'s changes to Bilaga 1 in an arena\'s brief (plan 7.3)', () => {
    const countyChange = (subId: string, version: number, at: string, status?: [StatusId, StatusId], extra: Partial<HistoryEvent> = {}) =>
      change(subId, version, at, status, { key: `c/lan/${subId}/${version}`, scopeId: 'lan', actor: 'Berit Länsson', ...extra });
    const countyPlan = [activity('k1', 2026, [sub('d1', 'pagar', { scopeId: 'lan', statusLabel: 'Pågår' }), sub('d2', 'klar', { scopeId: 'lan' })]), activity('k2', 2027, [sub('d3', 'pagar', { scopeId: 'lan' })])];

    it('comes last, as a group of its own with a sentence that says whose it is, counted with the others', () => {
      const b = buildMeetingBrief({ ...input([change('d9', 1, '2026-11-12T09:00:00Z', ['pagar', 'klar'])]), county: { events: [countyChange('d1', 1, '2026-11-10T09:00:00Z', ['pagar', 'klar'])], activities: [] } });
      assert.deepEqual(b.groups.map((g) => g.id), ['status', 'overdue', 'activities', 'measures', 'updates', 'county']);
      assert.equal(group(b, 'county').title, 'Länets ändringar i Bilaga 1');
      assert.match(group(b, 'county').intro!, /länsgemensam samverkan har ändrat i Bilaga 1, som arenan följer upp lokalt \(planens avsnitt 7\.3\)/);
      assert.deepEqual(group(b, 'status').items.map((i) => i.title), ['Delaktivitet d9'], 'the county\'s change is not the arena\'s');
      assert.equal(b.total, 2);
    });
    it('folds an item\'s status, note and comment into one line, with who and when', () => {
      const b = buildMeetingBrief({
        ...input([]),
        county: {
          events: [
            countyChange('d1', 1, '2026-11-10T09:00:00Z', ['pagar', 'klar'], { lines: ['Status: Pågår → Klar', 'Statusanteckning: (tomt) → Rutin antagen'], comment: 'Beslut i Fredagsgruppen' }),
            countyChange('d1', 2, '2026-11-11T09:00:00Z'),
            countyChange('d3', 1, '2026-11-12T09:00:00Z', undefined, { lines: ['Kommentar'], comment: 'Tas upp i januari' }),
          ],
          activities: [],
        },
      });
      assert.deepEqual(group(b, 'county').items.map((i) => [i.title, i.text, i.actor, i.at, i.context]), [
        ['Delaktivitet d3', 'Kommentar: "Tas upp i januari"', 'Berit Länsson', '2026-11-12T09:00:00Z', 'Aktivitet a1'],
        ['Delaktivitet d1', 'Status: Pågår → Klar; Statusanteckning: (tomt) → Rutin antagen; Kommentar: "Beslut i Fredagsgruppen"', 'Berit Länsson', '2026-11-11T09:00:00Z', 'Aktivitet a1'],
      ]);
    });
    it('lists what became overdue at county level in the window, after the changes', () => {
      const b = buildMeetingBrief({ ...input([], [], new Date('2026-12-31T12:00:00Z'), new Date('2027-01-02T08:00:00Z')), county: { events: [countyChange('d3', 1, '2027-01-02T07:00:00Z', ['pagar', 'klar'])], activities: countyPlan } });
      assert.deepEqual(group(b, 'county').items.map((i) => [i.title, i.text]), [
        ['Delaktivitet d3', 'Status: Pågår → Klar'],
        ['Delaktivitet d1', 'Blev försenad – länets status: Pågår'],
      ]);
      assert.match(group(b, 'county').items[1]!.context, /prioritet 2025–2026, slut 31 december 2026/);
      assert.equal(group(b, 'overdue').items.length, 0, 'not the arena\'s own');
    });
    it('is not in the county\'s own brief, nor without the county\'s changes', () => {
      const countyBrief = buildMeetingBrief({ ...input([]), arena: { id: 'lan', name: 'Länsgemensam samverkan', kind: 'county' }, county: { events: [countyChange('d1', 1, '2026-11-10T09:00:00Z', ['pagar', 'klar'])], activities: [] } });
      assert.ok(!countyBrief.groups.some((g) => g.id === 'county'));
      assert.ok(!buildMeetingBrief(input([])).groups.some((g) => g.id === 'county'));
    });
    it('on the card: counted first, a handful of lines and "och N till"', () => {
      const events = Array.from({ length: 8 }, (_, i) => countyChange(`d${i}`, 1, `2026-11-1${i}T09:00:00Z`, ['pagar', 'klar']));
      const text = cardText(meetingBriefCard(buildMeetingBrief({ ...input([]), county: { events, activities: [] } }), 'https://example.org/'));
      assert.match(text, /Andra uppdateringar\n0\nLänets ändringar i Bilaga 1\n8\n/);
      assert.match(text, /Länets ändringar i Bilaga 1 \(8\)/);
      assert.match(text, /Det länsgemensam samverkan har ändrat i Bilaga 1/);
      assert.equal((text.match(/: Status: Pågår → Klar/g) ?? []).length, BRIEF_CARD_LINES);
      assert.match(text, /och 3 till på den utskriftsvänliga sidan/);
      assert.match(text, /Berit Länsson, 1[0-7] nov/);
    });
  });

  describe('what became overdue', () => {
    const acts = [
      activity('ends2026', 2026, [sub('a', 'pagar'), sub('b', 'klar'), sub('c', 'ej_paborjat', { kind: 'followUp', followedUp: false })]),
      activity('ends2025', 2025, [sub('d', 'pagar')]),
      activity('ends2027', 2027, [sub('e', 'pagar')]),
    ];
    it('lists items whose period ended in the window and are not closed, not those overdue already or not followed up', () => {
      const found = becameOverdue(acts, new Date('2026-12-31T12:00:00Z'), new Date('2027-01-02T08:00:00Z'));
      assert.deepEqual(found.map((x) => x.sub.id), ['a']);
    });
    it('uses Swedish time: New Year\'s Eve 23:30 UTC is already 2027 in Sweden', () => {
      assert.deepEqual(becameOverdue(acts, new Date('2026-12-31T12:00:00Z'), new Date('2026-12-31T23:30:00Z')).map((x) => x.sub.id), ['a']);
      assert.deepEqual(becameOverdue(acts, new Date('2026-12-31T12:00:00Z'), new Date('2026-12-31T22:30:00Z')).map((x) => x.sub.id), []);
    });
  });

  describe('the card', () => {
    it('shows counts first, a handful of lines per group and "och N till", far under Teams\' size limit', () => {
      const events = Array.from({ length: 40 }, (_, i) => change(`d${i}`, 1, `2026-11-${String(10 + (i % 15)).padStart(2, '0')}T09:00:00Z`, ['pagar', 'klar'], { comment: 'x'.repeat(400) }));
      const card = meetingBriefCard(buildMeetingBrief(input(events)), 'https://example.org/tab/index.html?view=motesunderlag');
      const text = cardText(card);
      assert.match(text, /Ändrad status\n40/);
      assert.equal((text.match(/: Pågår → Klar/g) ?? []).length, BRIEF_CARD_LINES);
      assert.match(text, /och 35 till på den utskriftsvänliga sidan/);
      assert.ok(Buffer.byteLength(JSON.stringify(card)) < 10 * 1024, `${Buffer.byteLength(JSON.stringify(card))} bytes`);
    });
    it('says so when nothing changed, without empty groups', () => {
      const text = cardText(meetingBriefCard(buildMeetingBrief(input([])), 'https://example.org/'));
      assert.match(text, /Inget nytt sedan förra mötesunderlaget 1 nov\. 2026 01:00\./);
      assert.doesNotMatch(text, /Ändrad status/);
    });
  });

  describe('the card\'s link', () => {
    const window = { since: '2026-11-20T08:00:00.000Z', until: '2026-11-25T14:00:00.000Z', basis: 'lastBrief' };
    it('opens the tab\'s printable page on the arena and the card\'s window, as a Teams deep link', () => {
      const link = new URL(tabLinks({ teamsAppId: 'app-id', publicUrl: 'https://plan.example' }).tab('motesunderlag', 'ostersund', window));
      const subEntityId = JSON.parse(link.searchParams.get('context')!).subEntityId as string;
      assert.deepEqual(startFrom('', { subEntityId }), { view: 'motesunderlag', arena: 'ostersund', params: { view: 'motesunderlag', arena: 'ostersund', ...window } });
    });
    it('and as the local link without a Teams app id', () => {
      const link = new URL(tabLinks({ publicUrl: 'https://plan.example/' }).tab('motesunderlag', 'lan', window));
      assert.equal(link.pathname, '/tab/index.html');
      assert.deepEqual(startFrom(link.search, {}).params, { view: 'motesunderlag', arena: 'lan', ...window });
    });
  });
});
