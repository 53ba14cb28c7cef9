import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { STATUSES, STATUS_IDS, isStatusId, mapWrittenStatus, statusLabel, type StatusId } from '../../bot/domain/status';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'gemensam-plan.txt');

/** Every Status cell of the activity tables in Bilaga 1 (section 9), HTML stripped, whitespace collapsed. */
function writtenStatuses(): string[] {
  const lines = readFileSync(FIXTURE, 'utf8').split(/\r?\n/);
  const appendix = lines.findIndex((l) => /^9 Bilaga 1/.test(l));
  assert.ok(appendix >= 0, 'no Bilaga 1 in the document');
  const out: string[] = [];
  let statusColumn = -1;
  for (const line of lines.slice(appendix)) {
    const cells = line.split('\t');
    if (cells[0] === 'Prioritet') {
      statusColumn = cells.indexOf('Status');
      continue;
    }
    if (/^9\.\d+ /.test(line)) statusColumn = -1; // a new strategy: its first table is Effektmått
    if (statusColumn < 0 || line.trim() === '') continue;
    out.push((cells[statusColumn] ?? '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
  }
  return out;
}

/**
 * The judgement: what each status written in the document means in the fixed set.
 * "Ingår i …" (part of an agreement or assignment being worked on) counts as work under way;
 * "Se status … ovan" refers to "Ej påbörjat, avvaktar beslut …" above; an empty cell names no work.
 */
const EXPECTED: Record<string, StatusId> = {
  '': 'ej_paborjat',
  'Ej påbörjat': 'ej_paborjat',
  'Ej påbörjat, uppdrag behövs': 'uppdrag_behovs',
  'Ej påbörjat, avvaktar beslut från samsjuklighetsutredningen.': 'ej_paborjat',
  'Se status samsjuklighetsutredningen ovan. Handlingsplan för kommunerna i Jämtlands län och Region Jämtland Härjedalen Område psykisk hälsa':
    'ej_paborjat',
  'Pågår': 'pagar',
  'Arbete pågår': 'pagar',
  'Initiativ pågår och kan utvecklas': 'pagar',
  'Pågår Överenskommelse och riktlinjer placerade barn ska följas': 'pagar',
  'Pågår Följ avtal och riktlinjer vid utskrivning från sjukhus': 'pagar',
  'Grund för personcentrerat förhållningssätt och arbetssätt i samverkan pågår i kommunikationsplanen': 'pagar',
  'Ingår i uppdraget från SVOM gällande översyn av länsamverkan och samverkansarenor': 'pagar',
  'Ingår till viss del i Jämtbus-överenskommelsen': 'pagar',
  'Ingår i överenskommelse om samverkan vuxenhab som tas fram på uppdrag av SVOM': 'pagar',
  'Ingår i rev. Samverkansavtal': 'pagar',
};

describe('mapWrittenStatus', () => {
  const distinct = [...new Set(writtenStatuses())];

  it('finds the written statuses of Bilaga 1', () => {
    assert.ok(distinct.length > 5, `only ${distinct.length} statuses found`);
  });

  it('has an expectation for every written status in the document, and none that is not in it', () => {
    assert.deepEqual([...distinct].sort(), Object.keys(EXPECTED).sort());
  });

  for (const [written, expected] of Object.entries(EXPECTED)) {
    it(`maps ${JSON.stringify(written)} to ${expected}`, () => {
      assert.equal(mapWrittenStatus(written), expected);
    });
  }

  it('ignores case and extra whitespace', () => {
    assert.equal(mapWrittenStatus('  EJ PÅBÖRJAT,\n uppdrag   behövs '), 'uppdrag_behovs');
    assert.equal(mapWrittenStatus('\tpågår'), 'pagar');
    assert.equal(mapWrittenStatus('   '), 'ej_paborjat');
  });

  it('maps finished and cancelled work', () => {
    assert.equal(mapWrittenStatus('Klar'), 'klar');
    assert.equal(mapWrittenStatus('Genomförd 2024'), 'klar');
    assert.equal(mapWrittenStatus('Avslutad'), 'klar');
    assert.equal(mapWrittenStatus('Avbruten, ersatt av annat uppdrag'), 'avbruten');
  });

  it('always returns a status in the fixed set', () => {
    for (const text of [...distinct, 'Okänt', 'klart?', '—']) assert.ok(isStatusId(mapWrittenStatus(text)), text);
  });
});

describe('isStatusId and statusLabel', () => {
  it('accepts every id of the set and gives its label', () => {
    for (const s of STATUSES) {
      assert.ok(isStatusId(s.id));
      assert.equal(statusLabel(s.id), s.label);
    }
    assert.deepEqual([...STATUS_IDS], STATUSES.map((s) => s.id));
  });

  it('refuses bad values', () => {
    for (const bad of [undefined, null, 0, 1, true, {}, [], '', ' pagar', 'PAGAR', 'Pågår', 'Ej påbörjat', 'done', ['pagar']]) {
      assert.equal(isStatusId(bad), false, JSON.stringify(bad));
    }
  });

  it('throws on an id outside the set instead of returning a label', () => {
    assert.throws(() => statusLabel('done' as StatusId));
    assert.throws(() => statusLabel('' as StatusId));
  });
});
