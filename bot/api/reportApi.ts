// The yearly report (bot/useCases/yearReport.ts) over HTTP, behind the tab's sign-in, so that a
// card can link to it: GET /api/report/{year} (JSON), /api/report/{year}.docx (Word, for SVOM) and
// /api/report/{year}.xlsx (Excel). GET /api/report lists the years the tab's picker offers.
import type { Request, Response } from 'restify';
import { stockholmYear } from '../domain/followUp';
import { reportTitle, type Report } from '../domain/report';
import { sendJson } from './compress';
import { reportXlsx } from './reportExcel';
import { reportDocx } from './reportWord';
import { FIRST_REPORT_YEAR, parseReportYear, yearReport, type YearReportDeps } from '../useCases/yearReport';

export type { Report };

/** What the tab's year picker offers: every year from the plan's first, with its round if any. */
export interface ReportYears {
  years: Array<{ year: number; round: 'open' | 'closed' | null }>;
  current: number;
}

const FORMATS = {
  docx: { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', make: reportDocx },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', make: reportXlsx },
} as const;

/**
 * `attachment` with the Swedish name for browsers that read RFC 6266's filename*, and an ASCII
 * one for the rest (a header value cannot carry "ö" or "–" as such).
 */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/–/g, '-').replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function reportRoutes(deps: YearReportDeps) {
  return {
    years: async (req: Request, res: Response) => {
      const current = stockholmYear(deps.now());
      const rounds = new Map((await deps.rounds.years()).map((r) => [r.year, r.status]));
      const years: ReportYears['years'] = [];
      for (let y = current; y >= FIRST_REPORT_YEAR; y--) years.push({ year: y, round: rounds.get(y) ?? null });
      sendJson(req, res, 200, { years, current } satisfies ReportYears);
    },
    get: async (req: Request, res: Response) => {
      const match = /^(.*?)(?:\.(docx|xlsx))?$/.exec(String(req.params.file ?? ''))!;
      const year = parseReportYear(match[1], deps.now());
      if (!year.ok) return void res.send(400, { error: year.error });
      const { report, changes } = await yearReport(deps, year.year);
      const format = match[2] as keyof typeof FORMATS | undefined;
      if (!format) return void sendJson(req, res, 200, report);
      const body = await FORMATS[format].make(report, changes);
      res.writeHead(200, {
        'Content-Type': FORMATS[format].type,
        'Content-Disposition': contentDisposition(`${reportTitle(year.year)}.${format}`),
        'Content-Length': body.length,
        'Cache-Control': 'no-store',
      });
      res.end(body);
    },
  };
}
