// Renders the revision's cards with the Adaptive Cards SDK in Debian's headless Chromium
// (tests/helpers/cardScreenshot.ts), light and dark, and saves them under test-results/cards/ for a
// person to look at. Checks that the renderer drew every card without errors.
import { localRevisionCard, revisionInviteCard, revisionPickCard, revisionProposalCard, revisionStatusCard, revisionStepCard } from '../../bot/cards/revisionCards';
import { assertValidCard } from '../helpers/cardValidation';
import { rendersEveryCard } from '../helpers/cardScreenshot';

const strategies = [
  { title: '1. Ökad delaktighet', value: 's1' },
  { title: '2. Ökad kontinuitet', value: 's2' },
];

const CARDS: Record<string, () => object> = {
  'revidering-lan': () => revisionStatusCard({
    title: 'Revidering av planen 2026', stateText: 'Öppen för förslag till och med 2026-12-10.', stateColor: 'Good', notice: 'Revideringen är öppen. Kortet som ber om förslag skickades till 8 kanaler.',
    hasRevision: true, proposalsText: '3 förslag från 2 av 9 arenor:', proposalsByArena: [{ arena: 'Östersund', text: '2 (1 avsluta, 1 ny aktivitet)' }, { arena: 'Länsgemensam samverkan', text: '1 (1 ändra)' }],
    steps: [{ label: 'Förslaget på remiss', text: 'Ej registrerat' }, { label: 'SVOM:s rekommendation', text: 'Klart · 2027-03-12 · SVOM § 12' }, { label: 'Huvudmännens beslut', text: '2 av 9' }, { label: 'Regionens beslut', text: 'Beslutat · 2027-04-20 · Regionfullmäktige § 48' }, { label: 'Östersunds kommuns beslut', text: 'Beslutat · 2027-05-02 · Kommunstyrelsen § 34' }],
    localText: '1 av 8 lokala arenor har reviderat sin lokala plan (varje arena registrerar det i sin kanal medan revideringen är öppen; inga huvudmannabeslut behövs för en lokal plan).',
    localRevisions: [{ arena: 'Östersund', text: 'Reviderad 2026-12-03 av Anna Andersson · Protokoll lokal samverkansarena 2026-12-03 § 4. Två aktiviteter omformulerade, en avslutad.' }], mayReviseLocal: false, localButton: '',
    proposalsOpen: true, strategies, mayManage: true, mayOpen: false, mayChange: true, mayRecord: true, lastDay: '2026-12-10', lastDayLabel: 'Sista dag för förslag', etag: 'W/"1"', tabUrl: 'https://example.org/tab',
  }),
  'revidering-arena': () => revisionStatusCard({
    title: 'Revidering av planen 2026', stateText: 'Öppen för förslag till och med 2026-12-10.', stateColor: 'Good', notice: '', hasRevision: true, proposalsText: 'Inga förslag ännu.', proposalsByArena: [],
    steps: [{ label: 'Förslaget på remiss', text: 'Ej registrerat' }, { label: 'SVOM:s rekommendation', text: 'Ej registrerat' }, { label: 'Huvudmännens beslut', text: '0 av 9' }],
    localText: '0 av 8 lokala arenor har reviderat sin lokala plan (varje arena registrerar det i sin kanal medan revideringen är öppen; inga huvudmannabeslut behövs för en lokal plan).', localRevisions: [], mayReviseLocal: true, localButton: 'Lokal plan reviderad',
    proposalsOpen: true, strategies, mayManage: false, mayOpen: false, mayChange: false, mayRecord: false, lastDay: '2026-12-10', lastDayLabel: 'Sista dag för förslag', etag: '', tabUrl: 'https://example.org/tab',
  }),
  'revidering-valj': () => revisionPickCard({ title: 'Förslag för 1. Ökad delaktighet', text: 'Bilaga 1 och Östersunds lokala aktiviteter: välj en, eller föreslå en ny.', strategyId: 's1', items: [
    { title: 'Utveckla personcentrerat förhållningssätt och arbetssätt i samverkan (aktivitet, 2023–2024) [förslag: avsluta]', value: 's1-a1' },
    { title: '– Kartlägga befintliga arbetssätt', value: 's1-a1-d1' },
    { title: 'Föreslå en ny aktivitet under strategin', value: 'new' },
  ] }),
  'revidering-forslag-konflikt': () => revisionProposalCard({
    heading: 'Förslag för delaktiviteten', itemTitle: 'Ansvarsfördelning vid hälso- och sjukvård i hemmet för personer med personlig assistans', itemFacts: 'Prioritet 2024–2025 · Mått: Finns överenskommelse? · Målvärde: Ja',
    seenText: 'Östersunds förslag nu: Behåll (Anna Andersson, 2026-11-25)', errorTitle: 'Någon annan har ändrat förslaget', errors: ['Ingenting har sparats. Förslaget som gäller nu står ovan; dina värden är kvar i formuläret: spara igen om de fortfarande stämmer.'],
    isNew: false, itemId: 's2-a3-d1', strategyId: 's2', etag: 'W/"2"', kind: 'change', titleLabel: 'Ny titel (tom: oförändrad)', title: '', periodFrom: '2027', periodTo: '2028', measure: '', target: 'Ja', reason: '', motivation: 'Behöver mer tid.',
  }),
  'revidering-ny': () => revisionProposalCard({
    heading: 'Ny aktivitet: 1. Ökad delaktighet', itemTitle: 'Till Östersunds lokala plan.', itemFacts: '', seenText: '', errorTitle: '', errors: [], isNew: true, itemId: '', strategyId: 's1', etag: '', kind: 'new', titleLabel: 'Titel',
    title: '', periodFrom: '', periodTo: '', measure: '', target: '', reason: '', motivation: '',
  }),
  'revidering-beslut': () => revisionStepCard({ errorTitle: '', errors: [], stepId: 'svom', steps: [{ title: 'Förslaget på remiss: Ej registrerat', value: 'remiss' }, { title: 'SVOM:s rekommendation: Ej registrerat', value: 'svom' }, { title: 'Regionens beslut: Ej registrerat', value: 'principal.lan' }], done: false, date: '', dateTo: '', body: '', minutesUrl: '', etags: { remiss: '', svom: '', 'principal.lan': '' } }),
  'revidering-lokal': () => localRevisionCard({
    title: 'Östersunds lokala plan är reviderad', intro: 'Registrera att Östersunds lokala plan har reviderats i revideringen 2026: datum, arenans beslutsreferens och vad som ändrades. Länsgemensam samverkan ser vilka arenor som har reviderat. Inget huvudmannabeslut behövs för en lokal plan.',
    seenText: '', errorTitle: 'Den lokala revideringen sparades inte.', errors: ['Beslutsreferensen saknas.'], date: '2026-12-03', reference: '', changes: 'Två aktiviteter omformulerade, en avslutad.', referenceMax: 300, changesMax: 2000, etag: '',
  }),
  'revidering-inbjudan': () => revisionInviteCard({ title: 'Revidering av planen: Östersunds förslag', text: 'Länsgemensam samverkan har öppnat revideringen av Gemensam plan för primärvårdsnivå i Jämtland Härjedalen. Lämna Östersunds förslag senast 2026-12-10: behåll, ändra eller avsluta aktiviteter i Bilaga 1 och i er lokala plan, eller föreslå nya.' }),
};

describe('the revision cards, rendered', function () {
  this.timeout(60_000);
  // Each card is also valid against the Adaptive Cards schema Teams uses.
  for (const [name, build] of Object.entries(CARDS)) it(`builds ${name} as a valid card`, () => assertValidCard(build(), name));
  rendersEveryCard(CARDS);
});
