// A compound measure answered one question at a time (plan file: `questions`). Bilaga 1 asks
// several questions in one Mått cell ("Finns fast läkarkontakt? Finns rutin?") beside one ja/nej
// target; each question gets its own answer, stored under its id (SubActivityState.answers). An
// answer given before the measure was split (the single `measureAnswer`) is kept and counts as
// the first question's answer until someone answers that question, and is shown as such.
// Plain module: the bot, the reports and the tab use it.
import type { SubActivityState } from './activityState';
import type { MeasureQuestion } from './plan';

export type { MeasureQuestion };

/** What is said beside an answer that was given to the whole cell, before it was split. */
export const BEFORE_SPLIT_NOTE = 'Svaret gavs innan frågorna delades upp och gäller den första frågan.';

/** The answer to one question as a person reads it. */
export interface QuestionAnswer {
  question: MeasureQuestion;
  /** "ja", "nej", a text, or "" (not answered). */
  answer: string;
  /** The single answer given before the split, shown as the first question's. */
  beforeSplit: boolean;
}

/** A sub-activity (record, view or the tab's copy) as far as its questions go. */
export interface Questioned {
  questions?: readonly MeasureQuestion[];
  measureAnswer: string;
  answers?: Readonly<Record<string, string>>;
}

/** One question's answer: its own, else (for the first question) the answer given before the split. */
export function answerTo(sub: Pick<SubActivityState, 'measureAnswer' | 'answers'>, questions: readonly MeasureQuestion[], questionId: string): QuestionAnswer | undefined {
  const index = questions.findIndex((q) => q.id === questionId);
  const question = questions[index];
  if (!question) return undefined;
  const own = sub.answers?.[questionId];
  if (own !== undefined) return { question, answer: own, beforeSplit: false };
  const beforeSplit = index === 0 && sub.measureAnswer !== '';
  return { question, answer: beforeSplit ? sub.measureAnswer : '', beforeSplit };
}

/** Every question of a split measure with its answer, in the plan's order (none for a single question). */
export function questionAnswers(sub: Questioned): QuestionAnswer[] {
  const questions = sub.questions ?? [];
  return questions.map((q) => answerTo(sub, questions, q.id)!);
}

/** "Finns fast läkarkontakt? ja" (a question without its own mark gets a colon). */
export function questionLine(qa: QuestionAnswer, notAnswered = 'inte besvarad'): string {
  const text = qa.question.text;
  const asked = /[?:.]$/.test(text) ? text : `${text}:`;
  return `${asked} ${qa.answer || notAnswered}${qa.beforeSplit ? ` (${BEFORE_SPLIT_NOTE.charAt(0).toLowerCase()}${BEFORE_SPLIT_NOTE.slice(1, -1)})` : ''}`;
}

/**
 * The answer to a measure in one line: the single answer, or each question's ("Finns fast
 * läkarkontakt? ja · Finns rutin? nej"); "" when nothing is answered at all.
 */
export function answerText(sub: Questioned): string {
  const qas = questionAnswers(sub);
  if (qas.length === 0) return sub.measureAnswer;
  if (qas.every((qa) => qa.answer === '')) return '';
  return qas.map((qa) => questionLine(qa)).join(' · ');
}

/** Whether a split measure has any answer (its own or the one given before the split). */
export function hasAnswer(sub: Questioned): boolean {
  return answerText(sub) !== '';
}
