// The pictures the Swedish user guide and the quick reference show: every `](bilder/<name>.png)`
// in docs/*.md, read from the documents themselves so a picture added to the text is required.
import fs from 'node:fs';
import path from 'node:path';

export const DOCS = path.join(__dirname, '..', '..', 'docs');
export const GUIDE_DOCS = ['anvandarguide.md', 'snabbguide.md'];

/** The names (without .png) of the pictures the guide documents link to, each once. */
export function guidePictureNames(): string[] {
  const names = new Set<string>();
  for (const doc of GUIDE_DOCS) {
    const text = fs.readFileSync(path.join(DOCS, doc), 'utf8');
    for (const m of text.matchAll(/\]\(bilder\/([a-z0-9-]+)\.png\)/g)) names.add(m[1]!);
  }
  return [...names];
}
