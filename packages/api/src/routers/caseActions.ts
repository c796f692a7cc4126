import type { Engine } from '@cascade/engine';
import { acceptedEvents, type PersistedSnapshot } from '@cascade/workflow';

/** The commands a case's current state accepts under its template version, so a screen offers only
 * those; the engine still refuses anything else. */
export async function caseActions(engine: Engine, row: { templateVersionId: string; snapshot: unknown }): Promise<string[]> {
  const compiled = await engine.templates.template(engine.db, row.templateVersionId);
  return acceptedEvents(compiled.machine('case'), row.snapshot as PersistedSnapshot);
}
