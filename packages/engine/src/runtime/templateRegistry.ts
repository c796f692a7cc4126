import { and, eq, isNotNull } from 'drizzle-orm';
import { formVersions, templateVersions, type Executor } from '@cascade/db';
import type { FormDefinition } from '@cascade/forms';
import { compileTemplate, type CompiledTemplate, type TemplateDefinition } from '@cascade/workflow';
import { notFound } from '../errors.js';

export type FormVersion = { id: string; key: string; version: number; definition: FormDefinition; published: boolean };

/** Published versions never change, so compiled machines and form definitions are cached forever. */
export class TemplateRegistry {
  private readonly compiled = new Map<string, CompiledTemplate>();
  private readonly forms = new Map<string, FormVersion>();

  async template(db: Executor, templateVersionId: string): Promise<CompiledTemplate> {
    const cached = this.compiled.get(templateVersionId);
    if (cached) return cached;
    const [row] = await db.select({ definition: templateVersions.definition }).from(templateVersions).where(eq(templateVersions.id, templateVersionId));
    if (!row) throw notFound('template version', templateVersionId);
    const compiled = compileTemplate(row.definition as TemplateDefinition);
    this.compiled.set(templateVersionId, compiled);
    return compiled;
  }

  async formById(db: Executor, id: string): Promise<FormVersion> {
    const cached = this.forms.get(id);
    if (cached) return cached;
    const [row] = await db.select().from(formVersions).where(eq(formVersions.id, id));
    if (!row) throw notFound('form version', id);
    return this.remember(row);
  }

  async publishedForm(db: Executor, key: string, version: number): Promise<FormVersion | undefined> {
    const hit = [...this.forms.values()].find((f) => f.key === key && f.version === version && f.published);
    if (hit) return hit;
    const [row] = await db
      .select()
      .from(formVersions)
      .where(and(eq(formVersions.key, key), eq(formVersions.version, version), isNotNull(formVersions.publishedAt)));
    return row ? this.remember(row) : undefined;
  }

  private remember(row: typeof formVersions.$inferSelect): FormVersion {
    const form: FormVersion = { id: row.id, key: row.key, version: row.version, definition: row.definition as FormDefinition, published: row.publishedAt !== null };
    // Drafts can still change; only published versions are safe to keep.
    if (form.published) this.forms.set(row.id, form);
    return form;
  }
}
