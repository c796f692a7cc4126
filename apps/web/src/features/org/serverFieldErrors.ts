import type { FormInstance } from 'antd';
import type { LocalizedText } from '@cascade/forms';
import { errorMessage, serverIssues } from '../../app/errors';

/**
 * Puts the server's field issues under the form's inputs of the same name (`username`, `orgUnitId`…)
 * and returns what is left to say at the top of the form, or null when every issue found its field.
 */
export function showServerErrors(form: FormInstance, error: unknown, text: (t: LocalizedText) => string, fields: readonly string[]): string | null {
  const issues = serverIssues(error);
  const atFields = issues.filter((i) => fields.includes(i.path));
  form.setFields(fields.map((name) => ({ name, errors: atFields.filter((i) => i.path === name).map((i) => text(i.message)) })).filter((f) => f.errors.length > 0));
  if (issues.length > 0 && atFields.length === issues.length) return null;
  const rest = issues.filter((i) => !fields.includes(i.path));
  return rest.length ? rest.map((i) => text(i.message)).join(';') : errorMessage(error, text);
}
