import { performance } from 'node:perf_hooks';
import { useBot } from './helpers/botHarness';
import { channel } from './helpers/teamsClient';
import { fillArena } from './bench/scale';
describe('dbg', () => {
  const bot = useBot();
  const county = channel('Länsgemensam samverkan');
  it('x', async () => {
    await bot.teams.say(county, 'koppla Länsgemensam samverkan');
    await fillArena(bot.app.tables.plan, 'ostersund', ['s1','s2'], { activities: 100, changesPerActivity: 10 });
    for (const [name, f] of [
      ['scope', () => bot.app.plan.scope('lan')],
      ['latest', () => bot.app.activities.latestChanges('lan', 5)],
      ['status turn', () => bot.teams.say(county, 'status')],
      ['akt turn', () => bot.teams.say(county, 'aktiviteter 2')],
      ['hjälp turn', () => bot.teams.say(county, 'hjälp')],
    ] as const) {
      for (let i = 0; i < 5; i++) await (f as () => Promise<unknown>)();
      const t = performance.now();
      for (let i = 0; i < 20; i++) await (f as () => Promise<unknown>)();
      console.log(name, ((performance.now() - t) / 20).toFixed(1));
    }
  });
});
