// A store seeded before the plan's text was corrected (it holds the plan's words as written) takes
// the corrections when the app starts (seeding), without touching what anyone wrote.
import assert from 'node:assert/strict';
import { loadPlanAsWritten, loadPlanContent } from '../../bot/content/loadPlan';
import type { Actor } from '../../bot/domain/activityState';
import { ActivityStore } from '../../bot/storage/activityStore';
import { contentEntities, countyArena, PlanStore, versionEntity } from '../../bot/storage/planStore';
import { freshTables, snapshot } from '../helpers/storage';

const anna: Actor = { id: 'aad-anna', name: 'Anna Andersson' };

describe("corrections of the plan's text in a store that already exists", () => {
  const asWritten = loadPlanAsWritten();
  const corrected = loadPlanContent();
  const county = countyArena(corrected).id;

  it('a restart shows the corrected text, keeps a note someone wrote, and a second start changes nothing', async () => {
    const tables = await freshTables();
    // The store as an earlier version of the app seeded it: every row of the plan's text as written.
    for (const rows of contentEntities(asWritten).values()) for (const row of rows) await tables.plan.createEntity(row);
    await tables.plan.createEntity(versionEntity(asWritten.plan, new Date('2024-01-15T08:00:00Z')));
    const activities = new ActivityStore(tables.plan);
    const before = await activities.getSubActivity(county, 's2-a2-d5');
    assert.equal(before!.state.statusNote, 'Pågår Följ avtal och riktlinjer vid utskrivning från sjukhus');
    const saved = await activities.update({ scopeId: county, subActivityId: 's2-a2-d5', etag: before!.etag, request: { statusNote: 'Pågår Följ avtal och riktlinjer vid utskrivning från sjukhus', measureAnswer: 'ja' }, actor: anna });
    assert.equal(saved.kind, 'updated');
    const own = await activities.getSubActivity(county, 's2-a2-d5');
    await activities.update({ scopeId: county, subActivityId: 's2-a2-d5', etag: own!.etag, request: { statusNote: 'Rutinen följs i Krokom, oklart i Berg.' }, actor: anna });

    // The app starts again with the corrected plan.
    const plan = new PlanStore(tables.plan);
    await plan.seed(corrected);

    const content = await plan.content();
    assert.equal(content.strategies[3]!.title, 'Hälsofrämjande och förebyggande fokus');
    assert.equal(content.strategies[1]!.effectMeasures[0]!.title, 'Kontinuitetsindex, kronisk sjukdom, primärvård (region)');
    assert.equal(content.strategies[4]!.localRecommendations[3]!.title, 'Riskbedömning, analyser och avvikelsehantering kopplat till patientsäkerhet i samverkan');
    const view = await plan.read();
    const sub = (id: string) => view.strategies.flatMap((s) => s.activities).flatMap((a) => a.subActivities).find((d) => d.id === id)!;
    const activity = (id: string) => view.strategies.flatMap((s) => s.activities).find((a) => a.id === id)!;
    assert.equal(activity('s3-a3').title.startsWith('Strukturera samverkan kring'), true);
    assert.equal(sub('s2-a4-d1').title, 'Läkarmedverkan i ordinärt boende inkl. korttids. Fasta kontakter');
    assert.deepEqual(sub('s4-a1-d4').details, ['Klargöra behov av gemensamma kvalitetsregister', 'Utveckla möjlighet att mäta riskbedömningar samt dokumenterade åtgärder']);
    assert.equal(sub('s4-a1-d4').target, 'ja/nej. Lyfta goda exempel');
    assert.equal(sub('s2-a3-d1').measure, 'Ingår ansvarsfördelningen i samverkansavtalet?');
    // The plan's status text is corrected; the starting note follows it only where nobody wrote one.
    assert.equal(sub('s2-a2-d4').statusAsWritten, 'Pågår. Överenskommelse och riktlinjer placerade barn ska följas');
    assert.equal(sub('s2-a2-d4').statusNote, 'Pågår. Överenskommelse och riktlinjer placerade barn ska följas');
    assert.equal(sub('s2-a2-d5').statusAsWritten, 'Pågår. Följ avtal och riktlinjer vid utskrivning från sjukhus');
    assert.equal(sub('s2-a2-d5').statusNote, 'Rutinen följs i Krokom, oklart i Berg.');
    assert.equal(sub('s2-a2-d5').measureAnswer, 'ja');
    // Correcting text is not a follow-up: no history, the state's version stays.
    assert.deepEqual(sub('s2-a2-d4').history, []);

    const after = await snapshot(tables);
    await new PlanStore(tables.plan).seed(corrected);
    assert.deepEqual(await snapshot(tables), after);
  });
});
