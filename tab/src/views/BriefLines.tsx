// The changes a count in a meeting brief stands for (the county's brief: per arena), one click away:
// a disclosure the keyboard and screen readers know, open on paper.
import { usePrinting } from './printPages';

export function BriefLines({ lines, title }: { lines?: string[]; title: string }) {
  const printing = usePrinting();
  if (!lines || lines.length === 0) return null;
  return (
    <details open={printing || undefined} data-brief-lines="">
      <summary>Visa {title}s ändringar</summary>
      <ul>
        {lines.map((line, i) => <li key={i}>{line}</li>)}
      </ul>
    </details>
  );
}
