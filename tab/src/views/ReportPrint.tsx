import { PAGE_CSS } from './printPages';

// The report's print stylesheet, loaded with the report view (not in the tab's first load): paper
// is always white with black text whatever the tab's theme, every page has its number ("Sida 2
// av 9": printPages.tsx), the report's title is printed once (the app's own header, skip link,
// view tabs and buttons are not printed).
const CSS = `
.report-chart { background: #fff; border-radius: 4px; padding: 8px; }
${PAGE_CSS}
@media print {
  html, body, .fui-FluentProvider { background: #fff !important; color: #000 !important; min-height: 0 !important; padding: 0 !important; }
  [data-report] *, [data-report] *::before { color: #000 !important; background: transparent !important; border-color: #999 !important; box-shadow: none !important; }
  [data-report] .report-chart { background: #fff !important; break-inside: avoid; }
  [data-report] h3, [data-report] h4 { break-after: avoid; }
  [data-report] tr { break-inside: avoid; }
  /* Paper is narrower than the width where tables stack into cards on screen: keep them tables. */
  [data-report] table { display: table !important; width: 100% !important; border-collapse: collapse !important; font-size: 8.5pt; }
  [data-report] thead { display: table-header-group !important; position: static !important; width: auto !important; height: auto !important; overflow: visible !important; clip: auto !important; white-space: normal !important; }
  [data-report] tbody { display: table-row-group !important; }
  [data-report] tr { display: table-row !important; }
  [data-report] th, [data-report] td { display: table-cell !important; width: auto !important; padding: 2px 4px !important; border-bottom: 1px solid #999 !important; }
  [data-report] tbody td:empty { display: table-cell !important; }
  [data-report] [data-label]::before { content: none !important; }
  .fui-FluentProvider > header, .fui-FluentProvider > a[href="#innehall"], [data-confirmation], .no-print { display: none !important; }
}
`;

export function ReportPrintStyle() {
  return <style data-report-print="">{CSS}</style>;
}
