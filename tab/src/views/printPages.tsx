import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

// A4 paper with every page numbered ("Sida 2 av 9", CSS @page margin boxes: Chromium ≥ 131, which
// Teams' desktop and web clients are): the one page rule of every printable view (the report, the
// meeting brief). A plain <style>: Griffel does not keep @page margin boxes.
export const PAGE_CSS = `
@page {
  size: A4;
  margin: 18mm 16mm 20mm;
  @bottom-center { content: "Sida " counter(page) " av " counter(pages); font: 9pt "Segoe UI", system-ui, sans-serif; color: #000; }
}
`;

export function NumberedPages() {
  return <style data-numbered-pages="">{PAGE_CSS}</style>;
}

/**
 * Whether the page is being printed: printable views then render what a person's theme would make
 * unreadable on white paper (the brief's dark or high-contrast colours, a chart's white lines) in
 * the light theme.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => window.matchMedia('print').matches);
  useEffect(() => {
    const media = window.matchMedia('print');
    // window.print() lays the page out right after beforeprint: render light before that.
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(media.matches);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    media.addEventListener('change', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      media.removeEventListener('change', after);
    };
  }, []);
  return printing;
}
