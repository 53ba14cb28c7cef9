// Renders the revision's cards with the Adaptive Cards SDK (the `adaptivecards` package) in
// Debian's headless Chromium, light and dark, and saves them under test-results/cards/ for a
// person to look at. Checks that the renderer drew every card without errors.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { revisionInviteCard, revisionPickCard, revisionProposalCard, revisionStatusCard, revisionStepCard } from '../../bot/cards/revisionCards';
import { assertValidCard } from '../helpers/cardValidation';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = path.resolve('test-results/cards');
const SDK = path.resolve('node_modules/adaptivecards/dist/adaptivecards.min.js');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

const strategies = [
  { title: '1. Ökad delaktighet', value: 's1' },
  { title: '2. Ökad kontinuitet', value: 's2' },
];

const CARDS: Record<string, () => object> = {
  'revidering-lan': () => revisionStatusCard({
    title: 'Revidering av planen 2026', stateText: 'Öppen för förslag till och med 2026-12-10.', stateColor: 'Good', notice: 'Revideringen är öppen. Kortet som ber om förslag skickades till 8 kanaler.',
    hasRevision: true, proposalsText: '3 förslag från 2 av 9 arenor:', proposalsByArena: [{ arena: 'Östersund', text: '2 (1 avsluta, 1 ny aktivitet)' }, { arena: 'Länsgemensam samverkan', text: '1 (1 ändra)' }],
    steps: [{ label: 'Förslaget på remiss', text: 'Ej registrerat' }, { label: 'SVOM:s rekommendation', text: 'Klart · 2027-03-12 · SVOM § 12' }, { label: 'Huvudmännens beslut', text: '2 av 9' }, { label: 'Regionens beslut', text: 'Beslutat · 2027-04-20 · Regionfullmäktige § 48' }, { label: 'Östersunds beslut', text: 'Beslutat · 2027-05-02 · Kommunstyrelsen § 34' }],
    proposalsOpen: true, strategies, mayManage: true, mayOpen: false, mayChange: true, mayRecord: true, lastDay: '2026-12-10', lastDayLabel: 'Sista dag för förslag', etag: 'W/"1"', tabUrl: 'https://example.org/tab',
  }),
  'revidering-arena': () => revisionStatusCard({
    title: 'Revidering av planen 2026', stateText: 'Öppen för förslag till och med 2026-12-10.', stateColor: 'Good', notice: '', hasRevision: true, proposalsText: 'Inga förslag ännu.', proposalsByArena: [],
    steps: [{ label: 'Förslaget på remiss', text: 'Ej registrerat' }, { label: 'SVOM:s rekommendation', text: 'Ej registrerat' }, { label: 'Huvudmännens beslut', text: '0 av 9' }],
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
  'revidering-inbjudan': () => revisionInviteCard({ title: 'Revidering av planen: Östersunds förslag', text: 'Länet har öppnat revideringen av Gemensam plan för primärvårdsnivå i Jämtland Härjedalen. Lämna Östersunds förslag senast 2026-12-10: behåll, ändra eller avsluta aktiviteter i Bilaga 1 och i er lokala plan, eller föreslå nya.' }),
};

/** A host config close to Teams' light and dark themes: every container style has readable text. */
const HOST = (dark: boolean) => {
  const foregroundColors = {
    default: { default: dark ? '#FFFFFF' : '#242424', subtle: dark ? '#ADADAD' : '#616161' },
    accent: { default: dark ? '#7F85F5' : '#5B5FC7', subtle: dark ? '#7F85F5' : '#5B5FC7' },
    good: { default: dark ? '#92C353' : '#0E700E', subtle: dark ? '#92C353' : '#0E700E' },
    warning: { default: dark ? '#F8D22A' : '#835C00', subtle: dark ? '#F8D22A' : '#835C00' },
    attention: { default: dark ? '#F9526B' : '#C4314B', subtle: dark ? '#F9526B' : '#C4314B' },
  };
  const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors });
  return {
    fontFamily: 'Segoe UI, Helvetica Neue, sans-serif',
    containerStyles: {
      default: style(dark ? '#292929' : '#FFFFFF'),
      emphasis: style(dark ? '#1F1F1F' : '#F5F5F5'),
      attention: style(dark ? '#3E1F25' : '#FCF4F6'),
      warning: style(dark ? '#463100' : '#FBF6D9'),
      good: style(dark ? '#0D2E0D' : '#F1FAF1'),
      accent: style(dark ? '#2F2F4A' : '#E8EBFA'),
    },
  };
};

describe('the revision cards, rendered', function () {
  this.timeout(60_000);
  let browser: Browser;
  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  after(async () => browser?.close());

  for (const [name, build] of Object.entries(CARDS)) {
    it(`renders ${name} in light and dark`, async () => {
      const card = build();
      assertValidCard(card, name);
      const page = await browser.newPage({ viewport: { width: 520, height: 400 }, locale: 'sv-SE' });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.setContent('<!doctype html><html lang="sv"><body style="margin:0;padding:16px"><div id="card" style="width:480px"></div></body></html>');
      await page.addScriptTag({ path: SDK });
      for (const dark of [false, true]) {
        // Runs in the page (this project's types have no DOM): render with the SDK, report what it drew.
        const drawn = (await page.evaluate(`(() => {
          const ac = new AdaptiveCards.AdaptiveCard();
          ac.hostConfig = new AdaptiveCards.HostConfig(${JSON.stringify(HOST(dark))});
          ac.parse(${JSON.stringify(card)});
          const el = ac.render();
          document.body.style.background = ${JSON.stringify(dark ? '#1f1f1f' : '#f5f5f5')};
          document.getElementById('card').replaceChildren(el);
          return { children: el.querySelectorAll('*').length, textInputs: [...el.querySelectorAll('input')].map((i) => i.type) };
        })()`)) as { children: number; textInputs: string[] };
        assert.ok(drawn.children > 5, `${name}: the renderer drew nothing`);
        await page.locator('#card').screenshot({ path: path.join(SHOTS, `${name}-${dark ? 'dark' : 'light'}.png`) });
      }
      await page.close();
      assert.deepEqual(errors, []);
    });
  }
});
