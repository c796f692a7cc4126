/** Where a refusal of `evaluations.record` belongs on the form: the server names input fields
 * (`subjectUnitId`, `evidence.2`); the form has one subject picker and one evidence list. */
export function recordFieldName(path: string): string {
  const [head] = path.split('.');
  if (head === 'subjectUnitId' || head === 'subjectUserId') return 'subject';
  if (head === 'evaluatorUnitId') return 'evaluator';
  return head ?? '';
}
