// The reminder engine's rules and delivery hours, with a clock the test sets: each rule fires
// when it is due and not a day before, and nothing is sent outside a channel's hour.
import assert from 'node:assert/strict';
import { loadPlanContent } from '../../bot/content/loadPlan';
import type { SubActivityState } from '../../bot/domain/activityState';
import type { Arena } from '../../bot/domain/plan';
import { activityViews, type ActivityRecord, type ActivityView, type PlanContentView, type SubActivityRecord } from '../../bot/domain/planView';
import { defaultSettings, REMINDER_RULE_IDS } from '../../bot/domain/reminderRules';
import type { StatusId } from '../../bot/domain/status';
import { dueReminders, reportedKey, type DueReminder, type RuleFacts } from '../../bot/reminders/rules';
import { addMonths, inDeliveryWindow, nextDeliveryWindow, stockholmTime } from '../../bot/reminders/schedule';
import { ReminderScheduler } from '../../bot/reminders/scheduler';
import { retryDelayMs, type SweepReport } from '../../bot/reminders/sweep';
import { createLogger } from '../../bot/log';
import { parseRetryAfter, Pacer } from '../../bot/teams/proactiveSender';

const content = loadPlanContent();
const view: PlanContentView = content;
const county = content.arenas.find((a) => a.kind === 'county')!;
const ostersund = content.arenas.find((a) => a.id === 'ostersund')!;

/** The county's Bilaga 1 activities as stored at seeding, with optional changes per sub-activity. */
function countyActivities(changes: Record<string, Partial<SubActivityState>> = {}): ActivityView[] {
  const activities: ActivityRecord[] = [];
  const subs: SubActivityRecord[] = [];
  for (const s of content.strategies) {
    s.activities.forEach((a, order) => {
      activities.push({ scopeId: 'lan', id: a.id, strategyId: s.id, order, title: a.title, period: a.period });
      a.subActivities.forEach((d, subOrder) =>
        subs.push({
          scopeId: 'lan',
          id: d.id,
          activityId: a.id,
          strategyId: s.id,
          order: subOrder,
          title: d.title,
          details: d.details,
          measure: d.measure,
          target: d.target,
          statusAsWritten: d.statusAsWritten,
          answeredBy: d.answeredBy ?? 'county',
          state: { status: d.status ?? 'ej_paborjat', statusNote: d.statusAsWritten, measureAnswer: '', version: 0, ...changes[d.id] },
          etag: 'etag',
        }),
      );
    });
  }
  return activityViews(activities, subs);
}

/** An arena's own local activity (one sub-activity of the same title), created at a time. */
function localActivity(arenaId: string, period: { from: number; to: number }, createdAt: string, state: Partial<SubActivityState> = {}): ActivityView[] {
  const id = `${arenaId}-egen-1`;
  return activityViews(
    [{ scopeId: arenaId, id, strategyId: 's1', order: 0, title: 'Träffar med brukarråd', period, createdAt, createdBy: 'Anna' }],
    [
      {
        scopeId: arenaId,
        id: `${id}-d1`,
        activityId: id,
        strategyId: 's1',
        order: 0,
        title: 'Träffar med brukarråd',
        details: [],
        measure: '',
        target: '',
        statusAsWritten: '',
        answeredBy: 'county',
        state: { status: 'ej_paborjat', statusNote: '', measureAnswer: '', version: 0, ...state },
        etag: 'etag',
      },
    ],
  );
}

function due(arena: Arena, at: string, facts: Partial<RuleFacts> = {}, rules: readonly string[] = REMINDER_RULE_IDS): DueReminder[] {
  return dueReminders(view, { channelId: '19:kanal@thread.tacv2', arena, rules }, { activities: [], reported: new Set(), ...facts }, new Date(at));
}

const rulesOf = (list: DueReminder[]) => list.map((r) => r.key.rule);
const only = (list: DueReminder[], rule: string) => list.filter((r) => r.key.rule === rule);

/** Stockholm 09:00 on a date in winter (UTC+1). */
const morning = (date: string) => `${date}T08:00:00Z`;

describe('reminder rules', () => {
  describe('revision ("Revidering av planen sker var tredje år")', () => {
    it('is due for the county from 60 days before 1 December 2026, and not a day earlier', () => {
      assert.deepEqual(only(due(county, '2026-10-01T10:00:00Z'), 'revision'), []);
      const [reminder] = only(due(county, '2026-10-02T10:00:00Z'), 'revision');
      assert.ok(reminder);
      assert.deepEqual(reminder.key, { channelId: '19:kanal@thread.tacv2', rule: 'revision', subject: content.plan.id, duePeriod: '2026-12-01' });
      assert.match(reminder.reason, /Planen ska revideras 1 december 2026: "Revidering av planen sker var tredje år\."/);
    });

    it('is no longer due on the revision date, and the next one is three years on', () => {
      assert.deepEqual(only(due(county, '2026-12-01T10:00:00Z'), 'revision'), []);
      assert.equal(only(due(county, '2029-11-01T10:00:00Z'), 'revision')[0]?.key.duePeriod, '2029-12-01');
    });

    it('goes to the county channel only', () => {
      assert.deepEqual(only(due(ostersund, '2026-11-25T10:00:00Z'), 'revision'), []);
    });
  });

  describe('yearly follow-up ("följs upp årligen i länsgemensam samverkan")', () => {
    it('is due from 30 days before each anniversary of 1 December 2023', () => {
      assert.deepEqual(only(due(county, '2026-10-31T12:00:00Z', { activities: countyActivities() }), 'yearlyFollowUp'), []);
      const [reminder] = only(due(county, '2026-11-01T12:00:00Z', { activities: countyActivities() }), 'yearlyFollowUp');
      assert.equal(reminder?.key.duePeriod, '2026-12-01');
      assert.equal(only(due(county, '2025-11-20T12:00:00Z'), 'yearlyFollowUp')[0]?.key.duePeriod, '2025-12-01');
    });

    it('summarises where each strategy of Bilaga 1 stands', () => {
      const [reminder] = only(due(county, '2026-11-25T12:00:00Z', { activities: countyActivities() }), 'yearlyFollowUp');
      assert.ok(reminder && reminder.content.rule === 'yearlyFollowUp');
      const total = content.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities)).length;
      assert.equal(reminder.content.progress.reduce((n, p) => n + p.total, 0), total);
    });

    it('is not for a municipality\'s channel', () => {
      assert.deepEqual(only(due(ostersund, '2026-11-25T12:00:00Z'), 'yearlyFollowUp'), []);
    });
  });

  describe('priority period ending', () => {
    // Strategy 3's first activity, strategy 5's first and second have priority 2025–2026.
    const ending = content.strategies.flatMap((s) => s.activities).filter((a) => a.period.to === 2026).map((a) => a.id);

    it('is due for each activity not done from 30 days before 31 December of its last year', () => {
      assert.deepEqual(only(due(county, '2026-11-30T12:00:00Z', { activities: countyActivities() }), 'periodEnding'), []);
      const reminders = only(due(county, '2026-12-01T12:00:00Z', { activities: countyActivities() }), 'periodEnding');
      assert.deepEqual(reminders.map((r) => r.key.subject).sort(), [...ending].sort());
      assert.ok(reminders.every((r) => r.key.duePeriod === '2026'));
      assert.match(reminders[0]!.reason, /Prioriteringsperioden 2025–2026 för ".+" slutar 31 december 2026/);
    });

    it('leaves out activities whose sub-activities are all done or stopped', () => {
      const first = content.strategies.flatMap((s) => s.activities).find((a) => a.id === ending[0])!;
      const closed = Object.fromEntries(first.subActivities.map((d, i) => [d.id, { status: (i === 0 ? 'klar' : 'avbruten') as StatusId }]));
      const reminders = only(due(county, '2026-12-15T12:00:00Z', { activities: countyActivities(closed) }), 'periodEnding');
      assert.ok(!reminders.some((r) => r.key.subject === first.id));
      assert.equal(reminders.length, ending.length - 1);
    });

    it('is over once the period has ended', () => {
      assert.deepEqual(only(due(county, '2027-01-01T12:00:00Z', { activities: countyActivities() }), 'periodEnding'), []);
    });

    it('also reminds an arena of its own activities', () => {
      const activities = localActivity('ostersund', { from: 2026, to: 2026 }, '2026-02-01T10:00:00Z');
      assert.deepEqual(only(due(ostersund, '2026-12-10T12:00:00Z', { activities }), 'periodEnding').map((r) => r.key.subject), ['ostersund-egen-1']);
    });
  });

  describe('measure reporting (effektmått): after the period ends, to the county, which reports them all', () => {
    const municipalities = content.arenas.filter((a) => a.kind === 'municipality').map((a) => a.id);

    it('asks for the half-year just ended, 45 days after its last day, never before it ends', () => {
      assert.deepEqual(only(due(county, '2026-02-20T12:00:00Z'), 'measureReporting').map((r) => r.key.duePeriod), ['2025-H2'], 'in February: the half-year that ended in December');
      assert.deepEqual(only(due(county, '2026-03-16T12:00:00Z'), 'measureReporting'), [], 'a month later the window has closed: once, not all spring');
      assert.deepEqual(only(due(county, '2026-08-13T21:59:00Z'), 'measureReporting'), [], '13 August 23:59 in Stockholm: the figures for the first half-year are not asked for yet');
      const [reminder] = only(due(county, '2026-08-13T22:00:00Z'), 'measureReporting'); // 14 August 00:00 in Stockholm, 45 days after 30 June
      assert.ok(reminder && reminder.content.rule === 'measureReporting');
      assert.equal(reminder.key.duePeriod, '2026-H1');
      assert.equal(reminder.content.endedOn, '2026-06-30');
      assert.deepEqual(reminder.content.measures.map((m) => `${m.measure.id} ${m.periodId}`), ['s1-e1 2026-H1'], 'after the first half-year only the half-yearly SIP measure');
      assert.deepEqual(reminder.content.measures[0]!.arenas.map((a) => a.id), [...municipalities, 'lan'], 'each municipality and Hela länet');
      assert.match(reminder.reason, /slutade 30 juni 2026/);
    });

    it('asks after the year has ended for the second half-year and every yearly measure, never the survey round', () => {
      const [reminder] = only(due(county, '2027-02-15T12:00:00Z'), 'measureReporting');
      assert.ok(reminder && reminder.content.rule === 'measureReporting');
      assert.equal(reminder.key.duePeriod, '2026-H2');
      assert.deepEqual(reminder.content.measures.map((m) => `${m.measure.id} ${m.periodId}`), ['s1-e1 2026-H2', 's1-e2 2026', 's2-e1 2026', 's3-e1 2026', 's3-e2 2026', 's4-e1 2026', 's5-e1 2026']);
      assert.ok(!reminder.content.measures.some((m) => m.measure.id === 's4-e2'), 'Hälsa på lika villkor is reported per survey round, when its results come');
      assert.deepEqual(reminder.content.measures.find((m) => m.measure.id === 's3-e2')!.arenas.map((a) => a.id), ['lan'], 'region level: one value');
      assert.deepEqual(reminder.content.measures.find((m) => m.measure.id === 's5-e1')!.arenas.map((a) => a.id), municipalities, 'a ja/nej per municipality has no county figure');
    });

    it('never asks an arena: the county reports every value', () => {
      for (const at of ['2026-08-20T12:00:00Z', '2027-02-15T12:00:00Z']) assert.deepEqual(only(due(ostersund, at), 'measureReporting'), []);
    });

    it('leaves out what is reported, and says nothing when everything is', () => {
      const reported = new Set(municipalities.map((id) => reportedKey('s1-e1', '2026-H1', id)));
      const [reminder] = only(due(county, '2026-08-20T12:00:00Z', { reported }), 'measureReporting');
      assert.ok(reminder && reminder.content.rule === 'measureReporting');
      assert.deepEqual(reminder.content.measures[0]!.arenas.map((a) => a.id), ['lan'], 'only the county figure is missing');
      reported.add(reportedKey('s1-e1', '2026-H1', 'lan'));
      assert.deepEqual(only(due(county, '2026-08-20T12:00:00Z', { reported }), 'measureReporting'), []);
    });
  });

  describe('stale activities', () => {
    it('lists the sub-activities not updated for 60 days, and none that are done', () => {
      const updated = { 's1-a1-d1': { updatedAt: '2026-09-27T10:00:00Z', updatedBy: 'Anna', version: 1 }, 's1-a1-d2': { status: 'klar' as StatusId } };
      const [reminder] = only(due(county, '2026-11-25T12:00:00Z', { activities: countyActivities(updated) }), 'stale');
      assert.ok(reminder && reminder.content.rule === 'stale');
      const ids = reminder.content.items.map((i) => i.sub.id);
      const all = content.strategies.flatMap((s) => s.activities.flatMap((a) => a.subActivities)).filter((d) => d.status !== 'klar' && d.status !== 'avbruten');
      assert.ok(!ids.includes('s1-a1-d1'), 'updated 59 days ago');
      assert.ok(!ids.includes('s1-a1-d2'), 'done');
      assert.equal(ids.length, all.filter((d) => d.id !== 's1-a1-d1' && d.id !== 's1-a1-d2').length);
      assert.deepEqual(reminder.key, { channelId: '19:kanal@thread.tacv2', rule: 'stale', subject: 'lan', duePeriod: '2026-11-25' });
      assert.match(reminder.reason, /har inte uppdaterats på minst 60 dagar/);
    });

    it('counts an arena\'s own activity from the day it was added', () => {
      const activities = localActivity('ostersund', { from: 2026, to: 2027 }, '2026-09-26T10:00:00Z');
      assert.deepEqual(only(due(ostersund, '2026-11-24T12:00:00Z', { activities }), 'stale'), []);
      assert.equal(only(due(ostersund, '2026-11-25T12:00:00Z', { activities }), 'stale').length, 1);
    });

    it('comes again only 60 days after the last digest, and retries an unsettled one under its own key', () => {
      const activities = countyActivities();
      assert.deepEqual(only(due(county, '2026-11-25T12:00:00Z', { activities, lastStaleDigest: { date: '2026-09-27', pending: false } }), 'stale'), []);
      assert.equal(only(due(county, '2026-11-26T12:00:00Z', { activities, lastStaleDigest: { date: '2026-09-27', pending: false } }), 'stale')[0]?.key.duePeriod, '2026-11-26');
      assert.equal(only(due(county, '2026-11-25T12:00:00Z', { activities, lastStaleDigest: { date: '2026-11-23', pending: true } }), 'stale')[0]?.key.duePeriod, '2026-11-23');
    });
  });

  it('fires only the rules the channel has on', () => {
    const at = '2026-12-01T12:00:00Z';
    assert.deepEqual(rulesOf(due(county, at, { activities: countyActivities() })).filter((r, i, a) => a.indexOf(r) === i), ['stale', 'periodEnding']);
    assert.deepEqual(rulesOf(due(county, '2026-08-20T12:00:00Z', { activities: countyActivities() })).filter((r, i, a) => a.indexOf(r) === i), ['stale', 'measureReporting']);
    assert.deepEqual(rulesOf(due(county, '2026-11-25T12:00:00Z', { activities: countyActivities() }, ['revision'])), ['revision']);
    assert.deepEqual(due(county, '2026-11-25T12:00:00Z', { activities: countyActivities() }, []), []);
  });

  it('a dry-run date of 25 November 2026 has the revision, the yearly follow-up and a stale digest for the county', () => {
    assert.deepEqual(rulesOf(due(county, '2026-11-25T00:00:00Z', { activities: countyActivities() })), ['stale', 'yearlyFollowUp', 'revision']);
  });
});

describe('delivery hours (Europe/Stockholm)', () => {
  const monday9 = defaultSettings('county');

  it('delivers on the channel\'s weekday in its hour only', () => {
    assert.equal(monday9.weekday, 1);
    assert.equal(monday9.hour, 9);
    assert.equal(inDeliveryWindow(new Date(morning('2026-11-30')), monday9), true); // Monday 09:00
    assert.equal(inDeliveryWindow(new Date('2026-11-30T08:59:59Z'), monday9), true); // 09:59
    assert.equal(inDeliveryWindow(new Date('2026-11-30T07:59:59Z'), monday9), false); // 08:59
    assert.equal(inDeliveryWindow(new Date('2026-11-30T09:00:00Z'), monday9), false); // 10:00
    assert.equal(inDeliveryWindow(new Date(morning('2026-12-01')), monday9), false); // Tuesday
  });

  it('follows summer time', () => {
    assert.equal(inDeliveryWindow(new Date('2026-06-01T07:00:00Z'), monday9), true); // 09:00 CEST
    assert.equal(inDeliveryWindow(new Date('2026-06-01T08:00:00Z'), monday9), false); // 10:00 CEST
  });

  it('sends nothing on weekends unless the deployment allows it', () => {
    const saturday = { weekday: 6, hour: 9 };
    assert.equal(stockholmTime(new Date(morning('2026-11-28'))).weekday, 6);
    assert.equal(inDeliveryWindow(new Date(morning('2026-11-28')), saturday), false);
    assert.equal(nextDeliveryWindow(new Date(morning('2026-11-25')), saturday), undefined);
    assert.equal(inDeliveryWindow(new Date(morning('2026-11-28')), saturday, { allowWeekends: true }), true);
  });

  it('names the next delivery hour for a reminder due between them', () => {
    assert.equal(nextDeliveryWindow(new Date('2026-11-25T00:00:00Z'), monday9)?.toISOString(), '2026-11-30T08:00:00.000Z');
    assert.equal(nextDeliveryWindow(new Date('2026-11-30T08:30:00Z'), monday9)?.toISOString(), '2026-11-30T08:30:00.000Z');
    assert.equal(nextDeliveryWindow(new Date('2026-11-30T09:00:00Z'), monday9)?.toISOString(), '2026-12-07T08:00:00.000Z');
  });

  it('counts months from the plan\'s start date', () => {
    assert.equal(addMonths('2023-12-01', 12), '2024-12-01');
    assert.equal(addMonths('2023-12-01', 36), '2026-12-01');
  });
});

describe('sending within Teams\' limits', () => {
  it('reads Retry-After as seconds or as a date', () => {
    assert.equal(parseRetryAfter('2', 0), 2000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 08:00:05 GMT', Date.parse('2026-11-25T08:00:00Z')), 5000);
    assert.equal(parseRetryAfter('soon', 0), undefined);
    assert.equal(parseRetryAfter(undefined, 0), undefined);
  });

  it('paces sends to one conversation below the per-second and per-2-seconds limits', async () => {
    let now = 0;
    const waits: number[] = [];
    const pacer = new Pacer(
      [
        { count: 5, perMs: 1_000 },
        { count: 6, perMs: 2_000 },
      ],
      [{ count: 100, perMs: 1_000 }],
      async (ms) => {
        waits.push(ms);
        now += ms;
      },
      () => now,
    );
    const sentAt: number[] = [];
    for (let i = 0; i < 8; i++) {
      await pacer.wait('19:a@thread.tacv2');
      sentAt.push(now);
    }
    for (let i = 0; i < sentAt.length; i++) {
      assert.ok(sentAt.filter((t) => t > sentAt[i]! - 1_000 && t <= sentAt[i]!).length <= 5, `5 a second at ${sentAt[i]}`);
      assert.ok(sentAt.filter((t) => t > sentAt[i]! - 2_000 && t <= sentAt[i]!).length <= 6, `6 in 2 s at ${sentAt[i]}`);
    }
    assert.deepEqual(sentAt.slice(0, 5), [0, 0, 0, 0, 0]);
    assert.ok(waits.length > 0);
    // Another conversation is not held up by the first one.
    const before = now;
    await pacer.wait('19:b@thread.tacv2');
    assert.equal(now, before);
  });

  it('tries a failed reminder again later and later, at most a day apart', () => {
    assert.equal(retryDelayMs(1), 15 * 60_000);
    assert.equal(retryDelayMs(2), 30 * 60_000);
    assert.equal(retryDelayMs(20), 24 * 3_600_000);
  });
});

describe('the reminder schedule', () => {
  it('runs the sweep on its cron pattern until it is stopped', async () => {
    let runs = 0;
    let ran!: () => void;
    const first = new Promise<void>((resolve) => (ran = resolve));
    const sweep = {
      run: async (): Promise<SweepReport> => {
        runs++;
        ran();
        return { at: new Date().toISOString(), dryRun: false, items: [], skipped: [], errors: [] };
      },
    };
    // Every second, so that the test does not wait a quarter of an hour.
    const schedule = new ReminderScheduler(sweep, { log: createLogger('silent'), pattern: '* * * * * *' });
    assert.equal(schedule.running, false);
    schedule.start();
    schedule.start();
    assert.equal(schedule.running, true);
    assert.ok(schedule.nextRun());
    await first;
    schedule.stop();
    assert.equal(schedule.running, false);
    assert.equal(schedule.nextRun(), undefined);
    assert.ok(runs >= 1);
  });
});
