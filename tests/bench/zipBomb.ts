// `npx tsx tests/bench/zipBomb.ts`: what a 159 KB .xlsx bomb costs the upload, before and after
// the size check (bot/api/xlsxLimits.ts). Each way runs in its own process so that its peak
// memory (maxRSS) is its own; figures only, nothing asserted.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { readMeasureSheet } from '../../bot/api/measureUpload';
import { xlsxBomb } from '../helpers/zipBomb';

const CELLS = 960_000; // about 159 KB compressed, 17 MB unpacked

async function one(way: 'before' | 'after'): Promise<void> {
  const file = await xlsxBomb(CELLS);
  const baseline = process.resourceUsage().maxRSS;
  const started = performance.now();
  let answer = '';
  const report = () => {
    const ms = performance.now() - started;
    console.log(JSON.stringify({ way, fileKB: Math.round(file.length / 1024), ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), baselineRssMB: Math.round(baseline / 1024), answer }));
  };
  // exceljs may throw from inside its stream, after the work is done: that counts too.
  process.on('uncaughtException', (error) => {
    answer = `exceljs failed: ${error.message}`;
    report();
    process.exit(0);
  });
  if (way === 'before') {
    // What the upload did before: exceljs holds the whole sheet.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    answer = `parsed ${book.worksheets[0]?.rowCount ?? 0} rows`;
  } else {
    const read = await readMeasureSheet(file);
    answer = read.ok ? `read ${read.rows.length} rows` : `refused: ${read.message}`;
  }
  report();
}

const way = process.argv[2];
if (way === 'before' || way === 'after') void one(way);
else {
  for (const w of ['before', 'after']) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', __filename, w], { encoding: 'utf8', timeout: 600_000 });
    process.stdout.write(run.stdout || `${w}: ${run.stderr.split('\n').slice(0, 3).join(' ')}\n`);
  }
}
