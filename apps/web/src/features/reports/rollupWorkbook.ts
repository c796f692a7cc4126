import ExcelJS from 'exceljs';
import type { LocalizedText } from '@cascade/forms';
import type { MessageKey } from '../../i18n/messages';
import { aggregateRows, aggregationKey, childRows, formatRate, reportingRate, standingOf, type Rollup } from './rollupView';

export type WorkbookInput = {
  directiveTitle: string;
  stageName: string;
  periodKey: string;
  rollup: Pick<Rollup, 'unit' | 'fields' | 'aggregates' | 'children' | 'missingUnits' | 'expected' | 'received' | 'late' | 'missing' | 'returned'>;
  reportingLevel: string | null;
  exportedAt: Date;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  text: (value: LocalizedText) => string;
  levelName: (level: string) => string;
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
const MISSING_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE7E6' } };
const LATE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2E0' } };

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.eachCell((cell) => (cell.fill = HEADER_FILL));
}

/**
 * The roll-up on screen as a workbook: the unit's counts and aggregates (labelled in the reader's
 * language, Chinese first), one row per unit below with a total row equal to the unit's own figures,
 * and the units whose report is missing. Pure: the caller writes it to a file.
 */
export function buildRollupWorkbook(input: WorkbookInput): ExcelJS.Workbook {
  const { rollup, t, text } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.created = input.exportedAt;
  workbook.title = input.directiveTitle;

  const summary = workbook.addWorksheet(t('reportsSheetRollup'));
  summary.columns = [{ width: 28 }, { width: 14 }, { width: 18 }];
  summary.addRow([t('reportsDirective'), input.directiveTitle]);
  summary.addRow([t('reportsStage'), input.stageName]);
  summary.addRow([t('reportsPeriod'), input.periodKey]);
  summary.addRow([t('reportsUnit'), `${rollup.unit.name}(${rollup.unit.code})`]);
  summary.addRow([t('reportsGeneratedAt'), input.exportedAt.toISOString()]);
  summary.addRow([]);
  styleHeader(summary.addRow([t('reportsIndicator'), t('reportsAggregate'), t('reportsValue')]));
  const counts: Array<[MessageKey, number]> = [
    ['reportsExpected', rollup.expected],
    ['reportsReceived', rollup.received],
    ['reportsLate', rollup.late],
    ['reportsMissing', rollup.missing],
    ['reportsReturned', rollup.returned],
  ];
  for (const [key, value] of counts) summary.addRow([t(key), '', value]);
  summary.addRow([t('reportsRate'), '', formatRate(reportingRate(rollup))]);
  for (const row of aggregateRows(rollup.fields, rollup.aggregates)) {
    const added = summary.addRow([text(row.label), t(aggregationKey(row.aggregate)), row.value]);
    if (row.aggregate === 'avg') added.getCell(3).numFmt = '0.00';
  }

  const children = workbook.addWorksheet(t('reportsSheetChildren'));
  const fieldHeaders = rollup.fields.map((f) => `${text(f.label)}(${t(aggregationKey(f.aggregate))})`);
  children.columns = [{ width: 18 }, { width: 24 }, { width: 12 }, { width: 12 }, ...counts.map(() => ({ width: 8 })), ...fieldHeaders.map(() => ({ width: 16 }))];
  children.views = [{ state: 'frozen', ySplit: 1 }];
  styleHeader(children.addRow([t('reportsCode'), t('reportsName'), t('reportsLevel'), t('reportsStatus'), ...counts.map(([key]) => t(key)), ...fieldHeaders]));
  const figures = (row: { expected: number; received: number; late: number; missing: number; returned: number; aggregates: Record<string, number | null> }) => [
    row.expected,
    row.received,
    row.late,
    row.missing,
    row.returned,
    ...rollup.fields.map((f) => row.aggregates[f.key] ?? null),
  ];
  for (const child of childRows(rollup, input.reportingLevel)) {
    const added = children.addRow([child.code, child.name, input.levelName(child.level), t(`reportsStatus_${child.standing}`), ...figures(child)]);
    if (child.standing === 'missing') added.eachCell((cell) => (cell.fill = MISSING_FILL));
    if (child.standing === 'late') added.eachCell((cell) => (cell.fill = LATE_FILL));
  }
  // The unit's own figures, not a sum of the rows above: an average of averages would be wrong.
  const total = children.addRow([rollup.unit.code, t('reportsTotal'), input.levelName(rollup.unit.level), t(`reportsStatus_${standingOf(rollup)}`), ...figures(rollup)]);
  total.font = { bold: true };
  rollup.fields.forEach((f, i) => {
    if (f.aggregate === 'avg') children.getColumn(4 + counts.length + i + 1).numFmt = '0.00';
  });

  const missing = workbook.addWorksheet(t('reportsSheetMissing'));
  missing.columns = [{ width: 20 }, { width: 28 }, { width: 48 }];
  styleHeader(missing.addRow([t('reportsCode'), t('reportsName'), t('reportsPath')]));
  for (const unit of rollup.missingUnits) missing.addRow([unit.code, unit.name, unit.path]);
  return workbook;
}

/** A file name that says what is in it, without characters file systems refuse. */
export function workbookFileName(unitName: string, stageName: string, periodKey: string): string {
  return `${[unitName, stageName, periodKey].join('_').replace(/[\\/:*?"<>|\s]+/g, '-')}.xlsx`;
}

/** Writes the workbook and hands it to the browser as a download. */
export async function downloadWorkbook(workbook: ExcelJS.Workbook, fileName: string): Promise<void> {
  const buffer = await workbook.xlsx.writeBuffer();
  const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click returns; revoke on the next turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
