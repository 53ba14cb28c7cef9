// The reminder rules a channel can choose, its defaults, and the validation of the påminnelser form.
import assert from 'node:assert/strict';
import {
  defaultSettings,
  effectiveSettings,
  parseReminderForm,
  REMINDER_RULE_IDS,
  REMINDER_RULES,
  rulesFor,
  WEEKDAY_NAMES,
  type RuleScope,
} from '../../bot/domain/reminderRules';

// A municipality's channel where the plan has the arenas report a measure, and the county's.
const ARENA: RuleScope = { kind: 'municipality', reportsMeasures: true };
const COUNTY: RuleScope = { kind: 'county', reportsMeasures: true };

const ETAG = `W/"datetime'2026-11-23T10%3A00%3A00.0000000Z'"`;
const form = (fields: Record<string, unknown> = {}) => ({
  etag: ETAG,
  enabled: 'true',
  weekday: '1',
  hour: '9',
  rule_stale: 'true',
  rule_periodEnding: 'true',
  rule_measureReporting: 'true',
  ...fields,
});

describe('the reminder rules', () => {
  it('are the five of the plan\'s rhythm, each with a Swedish label and explanation', () => {
    assert.deepEqual(REMINDER_RULES.map((r) => r.id), ['stale', 'periodEnding', 'measureReporting', 'yearlyFollowUp', 'revision', 'roundLastDay']);
    assert.deepEqual([...REMINDER_RULE_IDS], REMINDER_RULES.map((r) => r.id));
    for (const rule of REMINDER_RULES) {
      assert.ok(rule.label.length > 5 && rule.explanation.length > 20, rule.id);
    }
    assert.match(REMINDER_RULES.find((r) => r.id === 'stale')!.explanation, /60 dagar/);
    assert.match(REMINDER_RULES.find((r) => r.id === 'periodEnding')!.explanation, /30 dagar/);
    assert.match(REMINDER_RULES.find((r) => r.id === 'measureReporting')!.explanation, /halvårsskifte och årsskifte/);
    assert.match(REMINDER_RULES.find((r) => r.id === 'yearlyFollowUp')!.explanation, /följs upp årligen i länsgemensam samverkan/);
    assert.match(REMINDER_RULES.find((r) => r.id === 'revision')!.explanation, /var tredje år.*gällande version/);
    // The date comes from the plan version in force, not from the code.
    assert.doesNotMatch(REMINDER_RULES.find((r) => r.id === 'revision')!.explanation, /2023/);
  });

  it('give the yearly follow-up and the revision to the county channel only, the round\'s last day to the arenas only', () => {
    assert.deepEqual(rulesFor('municipality').map((r) => r.id), ['stale', 'periodEnding', 'measureReporting', 'roundLastDay']);
    assert.deepEqual(rulesFor('county').map((r) => r.id), ['stale', 'periodEnding', 'measureReporting', 'yearlyFollowUp', 'revision']);
  });

  it('name the weekdays in Swedish, Monday first', () => {
    assert.equal(WEEKDAY_NAMES[0], 'måndag');
    assert.equal(WEEKDAY_NAMES[6], 'söndag');
  });
});

describe('a channel\'s effective reminder settings', () => {
  it('are on, Mondays at 09:00, with every rule of its arena, until someone saves others', () => {
    // A channel that never saved its settings gets a rule added later (roundLastDay) on by default.
    assert.deepEqual(effectiveSettings(undefined, 'municipality'), { enabled: true, weekday: 1, hour: 9, rules: ['stale', 'periodEnding', 'measureReporting', 'roundLastDay'] });
    assert.deepEqual(effectiveSettings(undefined, 'county'), { enabled: true, weekday: 1, hour: 9, rules: REMINDER_RULE_IDS.filter((id) => id !== 'roundLastDay') });
    assert.deepEqual(defaultSettings('county'), effectiveSettings(undefined, 'county'));
  });

  it('are the stored ones once saved, in the rules\' display order', () => {
    const stored = { enabled: false, weekday: 3, hour: 14, rules: ['revision', 'stale'] };
    assert.deepEqual(effectiveSettings(stored, 'county'), { enabled: false, weekday: 3, hour: 14, rules: ['stale', 'revision'] });
  });

  it('leave out rules that do not apply to the arena, or that the plan does not have', () => {
    const stored = { enabled: true, weekday: 2, hour: 8, rules: ['stale', 'revision', 'yearlyFollowUp', 'weekly'], offered: [...REMINDER_RULE_IDS] };
    assert.deepEqual(effectiveSettings(stored, 'municipality').rules, ['stale']);
  });

  it('fall back to the default for a stored value out of range', () => {
    const stored = { enabled: true, weekday: 9, hour: 25, rules: [], offered: ['stale', 'periodEnding', 'measureReporting', 'roundLastDay'] };
    assert.deepEqual(effectiveSettings(stored, 'municipality'), { enabled: true, weekday: 1, hour: 9, rules: [] });
  });

  it('turn on a rule added after the channel saved its settings, and keep it off once the channel turns it off', () => {
    // Saved before the follow-up round's reminder existed (nothing recorded of what the form offered).
    const before = { enabled: true, weekday: 2, hour: 8, rules: ['stale'] };
    assert.deepEqual(effectiveSettings(before, 'municipality').rules, ['stale', 'roundLastDay']);
    const offeredAndOff = { ...before, offered: ['stale', 'periodEnding', 'measureReporting', 'roundLastDay'] };
    assert.deepEqual(effectiveSettings(offeredAndOff, 'municipality').rules, ['stale']);
    const saved = parseReminderForm(form({ rule_periodEnding: 'false', rule_measureReporting: 'false', rule_roundLastDay: 'false' }), ARENA);
    assert.ok(saved.ok);
    assert.deepEqual(effectiveSettings(saved.settings, 'municipality').rules, ['stale']);
  });
});

describe('the påminnelser form', () => {
  it('reads what Teams sends: toggles and choices as text', () => {
    const result = parseReminderForm(form({ enabled: 'false', weekday: '3', hour: '14', rule_periodEnding: 'false' }), ARENA);
    assert.deepEqual(result, { ok: true, etag: ETAG, settings: { enabled: false, weekday: 3, hour: 14, rules: ['stale', 'measureReporting'], offered: ['stale', 'periodEnding', 'measureReporting', 'roundLastDay'] } });
  });

  it('accepts no rules at all, and the county-only rules in the county channel', () => {
    const none = parseReminderForm(form({ rule_stale: 'false', rule_periodEnding: 'false', rule_measureReporting: 'false' }), ARENA);
    assert.deepEqual(none.ok && none.settings.rules, []);
    const county = parseReminderForm(form({ rule_revision: 'true', rule_yearlyFollowUp: 'true' }), COUNTY);
    assert.deepEqual(county.ok && county.settings.rules, ['stale', 'periodEnding', 'measureReporting', 'yearlyFollowUp', 'revision']);
  });

  it('accepts the first and last working hours', () => {
    assert.equal(parseReminderForm(form({ hour: '7' }), ARENA).ok, true);
    assert.equal(parseReminderForm(form({ hour: '17' }), ARENA).ok, true);
  });

  for (const [name, fields, message] of [
    ['a weekday after Sunday', { weekday: '8' }, /Veckodagen ska vara en av måndag till fredag/],
    ['a Sunday, when reminders never go out', { weekday: '7' }, /Veckodagen ska vara en av måndag till fredag/],
    ['weekday 0', { weekday: '0' }, /Veckodagen/],
    ['a weekday that is not a number', { weekday: 'måndag' }, /Veckodagen/],
    ['an hour outside working hours', { hour: '23' }, /mellan 07:00 och 17:00/],
    ['an hour before 07:00', { hour: '6' }, /mellan 07:00 och 17:00/],
    ['a fraction of an hour', { hour: '9.5' }, /mellan 07:00 och 17:00/],
    ['a missing hour', { hour: undefined }, /Klockslag saknas/],
    ['an on/off that is neither', { enabled: 'ja' }, /välj på eller av/],
    ['a rule the plan does not have', { rule_weekly: 'true' }, /ingen påminnelse som heter "weekly"/],
    ['a rule switch that is neither on nor off', { rule_stale: 'kanske' }, /välj på eller av/],
    ['a county-only rule in an arena channel', { rule_revision: 'true' }, /"Revidering av planen" gäller bara kanalen för länsgemensam samverkan/],
    ['a missing version', { etag: undefined }, /saknar sin version/],
    ['a tampered version', { etag: "x' or '1'='1" }, /version jag inte känner igen/],
    ['an oversized version', { etag: `W/"${'a'.repeat(500)}"` }, /version jag inte känner igen/],
  ] as const) {
    it(`refuses ${name} with a Swedish message`, () => {
      const result = parseReminderForm(form(fields as Record<string, unknown>), ARENA);
      assert.equal(result.ok, false);
      assert.match(result.ok ? '' : result.errors.join('\n'), message);
    });
  }

  it('does not offer the effect-measure reminder in a channel that reports no measure, and refuses it there', () => {
    const { rule_measureReporting: _offered, ...shown } = form();
    const saved = parseReminderForm(shown, { kind: 'municipality', reportsMeasures: false });
    assert.deepEqual(saved.ok && [saved.settings.rules, saved.settings.offered], [['stale', 'periodEnding'], ['stale', 'periodEnding', 'roundLastDay']]);
    const forced = parseReminderForm(form(), { kind: 'municipality', reportsMeasures: false });
    assert.match(forced.ok ? '' : forced.errors.join('\n'), /"Rapportera effektmåtten" gäller bara kanaler som rapporterar effektmåttens värden/);
    // A rule of the other kind of arena names where it belongs.
    const county = parseReminderForm(form({ rule_roundLastDay: 'true' }), COUNTY);
    assert.match(county.ok ? '' : county.errors.join('\n'), /"Sista dag i årets uppföljning" gäller bara kommunernas kanaler/);
  });

  it('lists every problem at once', () => {
    const result = parseReminderForm(form({ weekday: '8', hour: '23', rule_weekly: 'true' }), ARENA);
    assert.equal(result.ok ? 0 : result.errors.length, 3);
  });
});
