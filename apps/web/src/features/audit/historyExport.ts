import type { MessageKey } from '../../i18n/messages';

type Translate = (key: MessageKey) => string;

/** One row of an exported history: an instance's row with what names the instance, so rows of a
 * whole directive still say whose chain they belong to. */
export type ExportRow = {
  instanceId: string;
  kind: string;
  machine: string;
  unitName: string | null;
  unitCode: string | null;
  seq: number;
  at: string;
  actorName: string | null;
  actorId: string | null;
  eventType: string;
  fromState: string | null;
  toState: string;
  payload?: unknown;
  templateVersionId: string;
  prevHash: string | null;
  hash: string;
};

/** Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; without it Chinese is garbled. */
export const CSV_BOM = '\uFEFF';

const COLUMNS: Array<[MessageKey, (r: ExportRow) => unknown]> = [
  ['auditCsv_instance', (r) => r.instanceId],
  ['auditCsv_kind', (r) => r.kind],
  ['auditCsv_machine', (r) => r.machine],
  ['auditCsv_unit', (r) => r.unitName],
  ['auditCsv_unitCode', (r) => r.unitCode],
  ['auditCsv_seq', (r) => r.seq],
  ['auditCsv_at', (r) => new Date(r.at).toISOString()],
  ['auditCsv_actor', (r) => r.actorName],
  ['auditCsv_actorId', (r) => r.actorId],
  ['auditCsv_event', (r) => r.eventType],
  ['auditCsv_from', (r) => r.fromState],
  ['auditCsv_to', (r) => r.toState],
  ['auditCsv_payload', (r) => r.payload],
  ['auditCsv_templateVersion', (r) => r.templateVersionId],
  ['auditCsv_prevHash', (r) => r.prevHash],
  ['auditCsv_hash', (r) => r.hash],
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
 * Text that Excel would run as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe, so
 * an exported comment such as "=HYPERLINK(…)" stays text; numbers are left as they are.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return CSV_BOM + [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A history as a spreadsheet: headings in the reader's language, values exactly as recorded. */
export function historyCsv(rows: readonly ExportRow[], t: Translate): string {
  return toCsv(
    COLUMNS.map(([key]) => t(key)),
    rows.map((row) => COLUMNS.map(([, get]) => get(row))),
  );
}

/** A history as JSON: the rows as recorded, with what was exported and when. */
export function historyJson(scope: { instanceId?: string; directiveId?: string; title?: string }, rows: readonly ExportRow[], exportedAt: Date): string {
  return `${JSON.stringify({ format: 'cascade.history/1', exportedAt: exportedAt.toISOString(), scope, rows }, null, 2)}\n`;
}

export function exportFileName(scope: 'instance' | 'directive', id: string, ext: 'csv' | 'json'): string {
  return `cascade-${scope}-${id.slice(0, 8)}-history.${ext}`;
}

/** Hands the browser a file to save. */
export function downloadText(fileName: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob over; let the browser read it before it goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
