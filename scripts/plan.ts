// Operator command: load a revised version of the plan file into the store, against the same
// store as `npm start` (with no store configured, the embedded Azurite's data folder).
//
//   npm run plan -- diff <file>    # what loading the file would change; writes nothing
//   npm run plan -- apply <file>   # applies it (a second apply of the same file changes nothing)
//
// A file that breaks the rules (an id dropped instead of retired, a retired or released id used
// again, a version that is not newer, ...) is refused with the list of what is wrong, and nothing
// is written. See domain/planRevision.ts for the rules and docs/features.md, "Plan versions and another region's plan".
import 'dotenv/config';
import path from 'node:path';
import pino from 'pino';
import { ConfigError, loadConfig } from '../bot/config';
import { loadPlanContent, PlanContentError } from '../bot/content/loadPlan';
import { diffCategories, KIND_LABEL, type FieldDiff, type ItemDiff, type RevisionDiff } from '../bot/domain/planRevision';
import { openOperatorStore } from '../bot/storage/operatorStore';
import { syncCorrections } from '../bot/storage/planCorrectionSync';
import { PlanRevisionStore, RevisionConflictError } from '../bot/storage/planRevisionStore';
import { createTables, describeConnection, ensureTables, StorageUnreachableError } from '../bot/storage/tables';

const USAGE = 'Usage: npm run plan -- diff <plan file> | npm run plan -- apply <plan file>';

export class UsageError extends Error {}

const short = (text: string, max = 70) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const title = (d: ItemDiff) => `${KIND_LABEL[d.item.kind]} ${d.item.id} "${short(d.item.title)}"`;
const change = (f: FieldDiff) => `${f.field}: "${short(f.from, 100)}" → "${short(f.to, 100)}"`;

/** The diff as text for an operator: the categories, then the rules the file breaks. */
export function formatDiff(diff: RevisionDiff, file: string): string {
  const lines: string[] = [];
  lines.push(`Plan file ${file}: version ${diff.to.version}, in force from ${diff.to.inForceFrom}.`);
  lines.push(diff.from ? `Store: version ${diff.from.version}, in force from ${diff.from.inForceFrom}.` : 'Store: no plan loaded yet.');
  const c = diffCategories(diff);
  const section = (heading: string, items: ItemDiff[], detail: (d: ItemDiff) => string[]) => {
    lines.push('', `${heading}: ${items.length === 0 ? 'none' : items.length}`);
    for (const d of items) {
      lines.push(`  - ${title(d)}`);
      for (const extra of detail(d)) lines.push(`      ${extra}`);
    }
  };
  section('New', c.new, () => []);
  section('Reworded', c.reworded, (d) => d.fields.filter((f) => f.field !== 'period').map(change));
  section('Re-prioritised', c.reprioritised, (d) => d.fields.filter((f) => f.field === 'period').map((f) => `period: ${f.from} → ${f.to}`));
  section('Retired', c.retired, (d) => [`in version ${d.item.retired!.version}: ${d.item.retired!.reason}`]);
  if (c.reordered.length > 0) section('Only moved in its list', c.reordered, () => []);
  if (diff.planFields.length > 0) {
    lines.push('', `The plan's own facts: ${diff.planFields.length}`);
    for (const f of diff.planFields) lines.push(`  - ${change(f)}`);
  }
  lines.push('', `Unchanged: ${diff.unchanged.length}`);
  if (diff.problems.length > 0) {
    lines.push('', `REFUSED: the file breaks ${diff.problems.length} rule${diff.problems.length === 1 ? '' : 's'}, and nothing is written:`);
    for (const p of diff.problems) lines.push(`  - ${p}`);
  }
  return lines.join('\n');
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, out: (text: string) => void = (t) => console.log(t)): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command === '--help' || command === 'help') {
    out(USAGE);
    return 0;
  }
  if ((command !== 'diff' && command !== 'apply') || !file || rest.length > 0) throw new UsageError(USAGE);
  // npm runs scripts in the project's folder; a relative path is the operator's.
  const planFile = path.resolve(env.INIT_CWD ?? process.cwd(), file);
  const content = loadPlanContent(planFile);
  const config = loadConfig(env);
  // Logs go to stderr, so that stdout is the report.
  pino({ level: env.LOG_LEVEL ? config.logLevel : 'warn', base: { app: 'gemensam-plan', tool: 'plan' } }, pino.destination(2));
  const store = await openOperatorStore(config);
  try {
    const tables = createTables(store.connection, config.tablePrefix, { deadlineMs: config.storageDeadlineMs });
    await ensureTables(tables, describeConnection(store.connection));
    const revisions = new PlanRevisionStore(tables.plan);
    if (command === 'diff') {
      const diff = await revisions.diff(content);
      out(formatDiff(diff, file));
      return diff.problems.length > 0 ? 1 : 0;
    }
    // A store seeded before a correction of the plan's text takes it first, as a start of the app
    // would: the revision then compares corrected text with corrected text.
    const county = content.arenas.find((a) => a.kind === 'county');
    if (county) await syncCorrections(tables.plan, content, county.id);
    const outcome = await revisions.apply(content);
    out(formatDiff(outcome.diff, file));
    if (outcome.kind === 'refused') return 1;
    out(outcome.kind === 'unchanged' ? '\nNothing to apply: the store already holds this file.' : `\nApplied: the store now holds version ${outcome.diff.to.version} (${outcome.historyRows} history rows written).`);
    return 0;
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    })
    .catch((error: unknown) => {
      if (error instanceof UsageError || error instanceof ConfigError || error instanceof StorageUnreachableError || error instanceof PlanContentError || error instanceof RevisionConflictError) {
        console.error(error.message);
      } else {
        console.error('The plan command failed:', error);
      }
      process.exitCode = 1;
    });
}
