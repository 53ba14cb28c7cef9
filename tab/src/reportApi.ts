// The tab's calls for the yearly report (bot/api/reportApi.ts), each with the Teams SSO token.
import type { Report, ReportYears } from '../../bot/api/reportApi';
import { call, downloadFile } from './api';

export type { Report, ReportYears };

async function json<T>(path: string): Promise<T> {
  const res = await call(path);
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `Något gick fel (${res.status}).`);
  return body;
}

export const fetchReportYears = () => json<ReportYears>('/api/report');
export const fetchReport = (year: number) => json<Report>(`/api/report/${year}`);

/** Downloads the report as Word or Excel, under the server's Swedish file name. */
export function downloadReport(year: number, format: 'docx' | 'xlsx'): Promise<void> {
  return downloadFile(`/api/report/${year}.${format}`, `Uppföljning ${year} – Gemensam plan.${format}`);
}
