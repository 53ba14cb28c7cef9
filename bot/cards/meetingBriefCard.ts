// The meeting brief as one compact card: the window, the counts per group, then each group's most
// recent lines (a handful each, "och N till" for the rest) and a link to the printable page with
// everything. An arena's brief ends with the county's changes to Bilaga 1, a group of its own with
// a sentence that says whose they are. The county's brief counts the arenas' changes per arena,
// each count with a button that shows that arena's lines on the card itself (Action.ToggleVisibility:
// no request, nothing read again). Teams refuses cards over ~28 KB: the caps below keep a brief far under that.
import { formatDay } from '../domain/format';
import { briefPeriodText, nothingNewText, type BriefGroupId, type BriefItem, type MeetingBrief } from '../domain/meetingBrief';
import { bind, type CardJson } from './bind';
import template from './meetingBrief.json';

/** Lines shown per group; the printable page has every one. */
export const BRIEF_CARD_LINES = 5;
/** An arena's lines behind its button in the county's brief; the printable page has every one. */
export const BRIEF_CARD_ARENA_LINES = 8;
/** A line's own text (a comment, a note) is cut here on the card. */
const TEXT_MAX = 160;

const COLOR: Record<BriefGroupId, string> = { status: 'Accent', overdue: 'Attention', activities: 'Accent', measures: 'Accent', updates: 'Default', county: 'Default', arenas: 'Default' };

export function meetingBriefCard(brief: MeetingBrief, pageUrl: string): CardJson {
  const now = new Date(brief.to);
  const shown = brief.groups.filter((g) => g.items.length > 0);
  return bind(template, {
    title: `Mötesunderlag: ${brief.arena.name}`,
    period: briefPeriodText(brief),
    empty: brief.total === 0,
    nothingNew: nothingNewText(brief),
    counts: brief.groups.map((g) => ({ title: g.title, value: String(g.items.length) })),
    groups: shown.map((g) => ({
      heading: `${g.title} (${g.items.length})`,
      color: COLOR[g.id],
      intro: g.intro ?? '',
      items: g.items.slice(0, BRIEF_CARD_LINES).map((item) => ({ line: lineOf(item), meta: metaOf(item, now), ...linesOf(item) })),
      more: g.items.length > BRIEF_CARD_LINES ? `och ${g.items.length - BRIEF_CARD_LINES} till på den utskriftsvänliga sidan` : '',
    })),
    pageUrl,
  });
}

/** The changes a count stands for, hidden until its button is pressed: "Visa Östersunds ändringar (12)". */
function linesOf(item: BriefItem): { linesId: string; linesTitle: string; lines: Array<{ line: string }>; linesMore: string } {
  const lines = item.lines ?? [];
  if (lines.length === 0) return { linesId: '', linesTitle: '', lines: [], linesMore: '' };
  return {
    // Unique on the card: one item per arena (its key "a/<arena id>").
    linesId: `rader-${item.key.replace(/[^a-z0-9-]/gi, '-')}`,
    linesTitle: `Visa ${item.title}s ändringar (${lines.length})`,
    lines: lines.slice(0, BRIEF_CARD_ARENA_LINES).map((l) => ({ line: cut(l) })),
    linesMore: lines.length > BRIEF_CARD_ARENA_LINES ? `och ${lines.length - BRIEF_CARD_ARENA_LINES} till på den utskriftsvänliga sidan` : '',
  };
}

const cut = (text: string, max = TEXT_MAX * 2) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** "Rutin för läkarmedverkan: Pågår → Klar" */
export function lineOf(item: BriefItem): string {
  const text = item.text.length > TEXT_MAX ? `${item.text.slice(0, TEXT_MAX - 1)}…` : item.text;
  return `${item.title}: ${text}`;
}

/** "Aktivitet · Anna Andersson, 25 nov" */
function metaOf(item: BriefItem, now: Date): string {
  const who = [item.actor, item.at ? formatDay(item.at, now) : ''].filter(Boolean).join(', ');
  return [item.context, who].filter(Boolean).join(' · ');
}
