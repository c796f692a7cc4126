import { and, asc, count, desc, eq, min } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { formVersions } from '../schema/definitions.js';
import { orgUnits } from '../schema/orgUnits.js';
import { tasks } from '../schema/work.js';
import { withinPath } from './scope.js';

export type ReportPeriod = { periodKey: string; dueAt: Date; tasks: number };
export type ReportCatalogEntry = { stageId: string; formVersionId: string; formKey: string; formVersion: number; formDefinition: unknown; periods: ReportPeriod[] };

/**
 * The report stages of a directive that have tasks within a unit's subtree, each with the periods
 * that exist (newest first): what a roll-up can be asked for. Only periods that were opened are
 * listed, so a picker never offers an empty period.
 */
export async function reportCatalog(db: Executor, input: { directiveId: string; unitPath: string }): Promise<ReportCatalogEntry[]> {
  const rows = await db
    .select({ stageId: tasks.stageId, formVersionId: formVersions.id, formKey: formVersions.key, formVersion: formVersions.version, definition: formVersions.definition, periodKey: tasks.periodKey, dueAt: min(tasks.dueAt), n: count() })
    .from(tasks)
    .innerJoin(orgUnits, eq(orgUnits.id, tasks.orgUnitId))
    .innerJoin(formVersions, eq(formVersions.id, tasks.formVersionId))
    .where(and(eq(tasks.directiveId, input.directiveId), eq(tasks.kind, 'report'), withinPath(orgUnits.path, input.unitPath)))
    .groupBy(tasks.stageId, formVersions.id, tasks.periodKey)
    .orderBy(asc(tasks.stageId), desc(tasks.periodKey));
  const byStage = new Map<string, ReportCatalogEntry>();
  for (const row of rows) {
    let entry = byStage.get(row.stageId);
    if (!entry) {
      entry = { stageId: row.stageId, formVersionId: row.formVersionId, formKey: row.formKey, formVersion: row.formVersion, formDefinition: row.definition, periods: [] };
      byStage.set(row.stageId, entry);
    }
    entry.periods.push({ periodKey: row.periodKey, dueAt: row.dueAt as Date, tasks: row.n });
  }
  return [...byStage.values()];
}
