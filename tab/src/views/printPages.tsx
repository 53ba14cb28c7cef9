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
