// The Swedish user guide is read by coordinators who never open the code: every picture it shows
// is in the repository (made by `npm run docs:pictures`), every link between its pages leads
// somewhere, and it tells people the command words the bot really has.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { COMMAND_WORDS } from '../../bot/domain/commands';
import { DOCS, GUIDE_DOCS, guidePictureNames } from '../helpers/guidePictures';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the Swedish user guide', () => {
  it('shows pictures, and each one it names is a PNG in docs/bilder/', () => {
    const names = guidePictureNames();
    assert.ok(names.length >= 10, `the guide shows ${names.length} pictures`);
    const missing = names.filter((n) => {
      const file = path.join(DOCS, 'bilder', `${n}.png`);
      return !fs.existsSync(file) || !fs.readFileSync(file).subarray(0, 8).equals(PNG);
    });
    assert.deepEqual(missing, [], 'pictures the guide names that are missing: run npm run docs:pictures');
  });

  it('keeps no picture nobody shows', () => {
    const shown = new Set(guidePictureNames());
    const unused = fs.readdirSync(path.join(DOCS, 'bilder')).filter((f) => f.endsWith('.png') && !shown.has(f.replace(/\.png$/, '')));
    assert.deepEqual(unused, []);
  });

  it('links only to pages and headings that exist', () => {
    const broken: string[] = [];
    for (const doc of GUIDE_DOCS) {
      const text = fs.readFileSync(path.join(DOCS, doc), 'utf8');
      const anchors = new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1]!)));
      for (const [, target] of text.matchAll(/\]\((?!https?:|bilder\/)([^)]+)\)/g)) {
        const [file, anchor] = target!.split('#');
        if (file && !fs.existsSync(path.join(DOCS, file))) broken.push(`${doc}: ${target}`);
        if (!file && anchor && !anchors.has(anchor)) broken.push(`${doc}: #${anchor}`);
      }
    }
    assert.deepEqual(broken, []);
  });

  it('the quick reference lists every command word the help card has', () => {
    const text = fs.readFileSync(path.join(DOCS, 'snabbguide.md'), 'utf8');
    const missing = COMMAND_WORDS.filter((w) => !text.includes(`\`${w.word}`)).map((w) => w.word);
    assert.deepEqual(missing, []);
  });
});

/** A heading's anchor as GitHub makes it: lower case, spaces to dashes, punctuation dropped. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');
}
