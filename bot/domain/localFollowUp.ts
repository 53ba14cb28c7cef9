// The county's view of the arenas' local follow-up of Bilaga 1 (plan 7.3): one sub-activity ×
// every arena, each cell the arena's status and answer, and a summary per row.
import { answerKind } from './activityState';
import { answerText, questionAnswers, type Questioned } from './measureQuestions';
import type { Arena } from './plan';
import type { SubActivityView } from './planView';

export interface LocalCell {
  arena: Pick<Arena, 'id' | 'name'>;
  /** The arena's follow-up of the sub-activity (not followed up: followedUp false). */
  sub: Pick<SubActivityView, 'followedUp' | 'statusLabel' | 'measureAnswer' | 'updatedAt'> & Partial<Pick<SubActivityView, 'notApplicable' | 'questions' | 'answers'>>;
}

export interface LocalSummary {
  arenas: number;
  followedUp: number;
  /** The arenas that say it does not apply locally ("Ej aktuellt lokalt"). */
  notApplicable: number;
  /** Where the arenas answer a ja/nej measure themselves: how many answered ja, and how many answered at all. */
  yes?: number;
  answered?: number;
  /** A split measure: the same per ja/nej question, in the plan's order. */
  perQuestion?: { question: string; yes: number; answered: number }[];
  text: string;
}

/** "Uppföljd i 3 av 8 kommuner · ja i 2 av 8 (Finns rutin?) · Ej aktuellt i 3 av 8 kommuner" */
export function localSummary(sub: Pick<SubActivityView, 'measure' | 'target' | 'answeredBy'> & Partial<Pick<SubActivityView, 'questions'>>, cells: LocalCell[]): LocalSummary {
  const arenas = cells.length;
  const applies = cells.filter((c) => !c.sub.notApplicable);
  const notApplicable = arenas - applies.length;
  const followedUp = applies.filter((c) => c.sub.followedUp).length;
  const parts = [`Uppföljd i ${followedUp} av ${arenas} kommuner`];
  const tail = notApplicable > 0 ? [`Ej aktuellt i ${notApplicable} av ${arenas} kommuner`] : [];
  if (sub.answeredBy === 'municipality' && sub.questions) {
    // A split measure: each ja/nej question counted on its own ("ja i 2 av 8 kommuner (Finns rutin?)").
    const perQuestion = sub.questions.filter((q) => q.answer === 'yesNo').map((q) => {
      const answersTo = applies.map((c) => questionAnswers(questioned(c, sub.questions!)).find((qa) => qa.question.id === q.id)!.answer);
      return { question: q.text, yes: answersTo.filter((a) => a === 'ja').length, answered: answersTo.filter((a) => a !== '').length };
    });
    parts.push(...perQuestion.map((p) => `ja i ${p.yes} av ${arenas} kommuner (${p.question})`));
    return { arenas, followedUp, notApplicable, perQuestion, text: [...parts, ...tail].join(' · ') };
  }
  if (sub.answeredBy === 'municipality' && answerKind(sub.target) === 'yesNo') {
    const yes = applies.filter((c) => c.sub.measureAnswer === 'ja').length;
    const answered = applies.filter((c) => c.sub.measureAnswer !== '').length;
    parts.push(`ja i ${yes} av ${arenas} kommuner (${sub.measure})`);
    return { arenas, followedUp, notApplicable, yes, answered, text: [...parts, ...tail].join(' · ') };
  }
  return { arenas, followedUp, notApplicable, text: [...parts, ...tail].join(' · ') };
}

/** An arena's cell as a split measure's answers are read from it (the questions are the row's). */
function questioned(cell: LocalCell, questions: SubActivityView['questions']): Questioned {
  return { measureAnswer: cell.sub.measureAnswer, ...(questions ? { questions } : {}), ...(cell.sub.answers ? { answers: cell.sub.answers } : {}) };
}

/** "Östersund: Pågår, ja" for an arena that has followed it up; a split measure's answer per question. */
export function cellText(cell: LocalCell): string {
  if (cell.sub.notApplicable) return `${cell.arena.name}: ej aktuellt lokalt (${cell.sub.notApplicable})`;
  if (!cell.sub.followedUp) return `${cell.arena.name}: ej uppföljd`;
  const answer = answerText(questioned(cell, cell.sub.questions));
  return `${cell.arena.name}: ${cell.sub.statusLabel}${answer ? `, ${answer}` : ''}`;
}

/** A row's cells in two short lines: the arenas that have followed it up, and the names of those that have not. */
export function cellsText(cells: LocalCell[]): { followedUp: string; notFollowedUp: string } {
  const done = cells.filter((c) => c.sub.followedUp || c.sub.notApplicable);
  const waiting = cells.filter((c) => !c.sub.followedUp && !c.sub.notApplicable);
  return {
    followedUp: done.map(cellText).join(' · '),
    notFollowedUp: waiting.length === 0 ? '' : done.length === 0 ? 'Ingen kommun har följt upp den ännu.' : `Ej uppföljd i ${waiting.map((c) => c.arena.name).join(', ')}.`,
  };
}
