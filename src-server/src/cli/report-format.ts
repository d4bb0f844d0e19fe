import { z } from 'zod';
import { MethodKindSchema } from '@resetdesk/shared';

const Count = z.number().int().min(0);
const CODE = /^[A-Z][A-Z0-9_]*$/u;

/** The report's machine form (`report --json`): counts only, never a user ID, name or address. */
export const UsageReportSchema = z
  .object({
    since: z.iso.datetime(),
    until: z.iso.datetime(),
    // Null when the directory cannot list its accounts (a connector without listUsers).
    coverage: z
      .object({
        users: Count,
        withAnyMethod: Count,
        byMethod: z.array(z.object({ method: MethodKindSchema, users: Count }).strict()),
      })
      .strict()
      .nullable(),
    activity: z.array(
      z
        .object({
          day: z.iso.date(),
          flow: z.enum(['reset', 'unlock', 'change']),
          outcome: z.enum(['success', 'failure']),
          // The methods passed, joined by "+" in the order passed; null when none was.
          method: z.string().regex(/^[a-z]+(\+[a-z]+)*$/u).nullable(),
          count: Count,
        })
        .strict(),
    ),
    failures: z.array(z.object({ code: z.string().regex(CODE), count: Count }).strict()),
  })
  .strict();
export type UsageReport = z.infer<typeof UsageReportSchema>;

const percent = (part: number, whole: number): string => (whole === 0 ? '-' : `${Math.round((part / whole) * 100)}%`);

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The human form: three tables, as the administrator reads them in a terminal. */
export function reportText(report: UsageReport): string {
  const lines = [`ResetDesk usage from ${report.since} to ${report.until}`, ''];
  const { coverage } = report;
  if (coverage === null) lines.push('Registration coverage: the directory does not list its accounts.');
  else {
    lines.push(`Registration coverage (${coverage.users} accounts)`);
    lines.push(
      ...table(
        ['Method', 'Accounts', 'Share'],
        [
          ...coverage.byMethod.map((m) => [m.method, String(m.users), percent(m.users, coverage.users)]),
          ['any', String(coverage.withAnyMethod), percent(coverage.withAnyMethod, coverage.users)],
        ],
      ),
    );
  }
  lines.push('', 'Resets, unlocks and changes per day');
  if (report.activity.length === 0) lines.push('  none');
  else {
    const rows = report.activity.map((a) => [a.day, a.flow, a.outcome, a.method ?? '-', String(a.count)]);
    lines.push(...table(['Day', 'Flow', 'Outcome', 'Method', 'Count'], rows));
  }
  lines.push('', 'Most common failure reasons');
  if (report.failures.length === 0) lines.push('  none');
  else lines.push(...table(['Code', 'Count'], report.failures.map((f) => [f.code, String(f.count)])));
  return lines.join('\n');
}

export const CSV_HEADER = 'section,day,flow,outcome,method,code,count';

/**
 * The spreadsheet form: one header row, one row per count, `section` telling the three apart (coverage rows put the
 * account total under method "all" and those with any method under "any"). No value needs quoting: every field is a
 * date, a fixed word, a method list or an error code.
 */
export function reportCsv(report: UsageReport): string {
  const rows = [CSV_HEADER];
  const { coverage } = report;
  if (coverage) {
    rows.push(`coverage,,,,all,,${coverage.users}`, `coverage,,,,any,,${coverage.withAnyMethod}`);
    for (const m of coverage.byMethod) rows.push(`coverage,,,,${m.method},,${m.users}`);
  }
  for (const a of report.activity) rows.push(`activity,${a.day},${a.flow},${a.outcome},${a.method ?? ''},,${a.count}`);
  for (const f of report.failures) rows.push(`failures,,,,,${f.code},${f.count}`);
  return rows.join('\n');
}
