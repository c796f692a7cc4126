import type { ExportRow } from './historyExport';

export type HistoryCursor = { instanceId: string; seq: number };
export type HistoryPage = { rows: ExportRow[]; next: HistoryCursor | null };

/** Reads a directive's history page after page until the server says there is no more, telling
 * `progress` the running count, so a large directive exports without one huge response. */
export async function loadDirectiveHistory(fetchPage: (after: HistoryCursor | null) => Promise<HistoryPage>, progress: (rows: number) => void = () => {}): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  let after: HistoryCursor | null = null;
  do {
    const page: HistoryPage = await fetchPage(after);
    rows.push(...page.rows);
    progress(rows.length);
    // A cursor that does not move would loop for ever; a server bug must not hang the browser.
    if (page.next && after && page.next.instanceId === after.instanceId && page.next.seq === after.seq) throw new Error('history export: the server returned the same page twice');
    after = page.next;
  } while (after);
  return rows;
}
