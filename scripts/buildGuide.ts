// The Swedish user guide (docs/anvandarguide.md) and its quick reference (docs/snabbguide.md) as
// HTML fragments for the plan tab's Användarguide view, with their pictures (docs/bilder/), built
// with the tab (scripts/buildTab.ts) into tab/dist/guide/. The Markdown in docs/ stays the one
// source: it reads on GitHub as it is, and the tab shows the same text.
import fs from 'node:fs';
import path from 'node:path';
// marked is an ES module: imported when the guide is built (this project's scripts are CommonJS).
import type { Marked, Tokens } from 'marked' with { 'resolution-mode': 'import' };

const DOCS = path.resolve(__dirname, '..', 'docs');
/** The guide's pages: the Markdown file and the tab's `sida` for it. */
export const GUIDE_PAGES = { anvandarguide: 'anvandarguide.md', snabbguide: 'snabbguide.md' } as const;

/** A heading's anchor as GitHub makes it, so the guide's own links work in both places. */
export function headingSlug(text: string): string {
  return text.trim().toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-');
}

/** Where a link of the Markdown leads inside the tab (the tab's page is /tab/index.html). */
function tabHref(href: string): string {
  const [file, anchor] = href.split('#');
  const page = Object.entries(GUIDE_PAGES).find(([, md]) => md === file)?.[0];
  if (page) return `?view=guide${page === 'anvandarguide' ? '' : `&sida=${page}`}${anchor ? `#${anchor}` : ''}`;
  if (href.startsWith('bilder/')) return `dist/guide/${href}`;
  return href;
}

async function renderer(): Promise<Marked> {
  const { Marked } = await import('marked');
  return new Marked({
    gfm: true,
    renderer: {
      heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Heading) {
        // One level down: the tab's own h1 is the plan's name, a view's title is an h2.
        const level = Math.min(token.depth + 1, 6);
        return `<h${level} id="${headingSlug(token.text)}">${this.parser.parseInline(token.tokens)}</h${level}>\n`;
      },
    },
    walkTokens(token) {
      if (token.type === 'link' || token.type === 'image') token.href = tabHref(token.href);
    },
  });
}

/** Writes <outdir>/guide/<page>.html and <outdir>/guide/bilder/*.png. */
export async function buildGuide(outdir: string): Promise<void> {
  const dir = path.join(outdir, 'guide');
  fs.mkdirSync(path.join(dir, 'bilder'), { recursive: true });
  const marked = await renderer();
  for (const [page, file] of Object.entries(GUIDE_PAGES)) {
    const html = marked.parse(fs.readFileSync(path.join(DOCS, file), 'utf8'), { async: false });
    fs.writeFileSync(path.join(dir, `${page}.html`), html);
  }
  const pictures = path.join(DOCS, 'bilder');
  for (const f of fs.existsSync(pictures) ? fs.readdirSync(pictures) : []) {
    if (f.endsWith('.png')) fs.copyFileSync(path.join(pictures, f), path.join(dir, 'bilder', f));
  }
}
