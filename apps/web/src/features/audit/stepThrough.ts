/** What the step-through needs of a history row. */
export type StepRow = { seq: number; eventType: string; fromState: string | null; toState: string };

export type StepView = {
  index: number;
  total: number;
  /** The state the instance was in after this row. */
  activeState: string | null;
  /** The arrow this row took; none for the creation row or an event that stayed in its state. */
  activeTransition: { from: string; to: string } | null;
  /** States the instance had been in before this row, in the order first reached. */
  visited: string[];
};

export function clampStep(index: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(Math.max(0, Math.trunc(index)), total - 1);
}

/** The diagram's highlight at one step of the history: row `index` just applied. */
export function stepView(rows: readonly StepRow[], index: number): StepView {
  const at = clampStep(index, rows.length);
  const row = rows[at];
  const visited: string[] = [];
  for (const earlier of rows.slice(0, at)) {
    for (const state of [earlier.fromState, earlier.toState]) if (state && !visited.includes(state)) visited.push(state);
  }
  if (row?.fromState && !visited.includes(row.fromState)) visited.push(row.fromState);
  return {
    index: at,
    total: rows.length,
    activeState: row?.toState ?? null,
    activeTransition: row?.fromState && row.fromState !== row.toState ? { from: row.fromState, to: row.toState } : null,
    visited,
  };
}

/** The step a key takes the reader to (←/→ one step, Home/End the ends), or null for other keys. */
export function stepForKey(key: string, index: number, total: number): number | null {
  switch (key) {
    case 'ArrowLeft':
      return clampStep(index - 1, total);
    case 'ArrowRight':
      return clampStep(index + 1, total);
    case 'Home':
      return 0;
    case 'End':
      return clampStep(total - 1, total);
    default:
      return null;
  }
}

/** The step showing row `seq` (as a link from a verify result names it); the last step when the
 * link names none or a row the history does not have. */
export function stepOfSeq(rows: readonly StepRow[], seq: string | number | null | undefined): number {
  const wanted = Number(seq);
  const found = seq == null || seq === '' || !Number.isInteger(wanted) ? -1 : rows.findIndex((r) => r.seq === wanted);
  return found >= 0 ? found : clampStep(rows.length - 1, rows.length);
}

/** Keys typed into a field belong to the field, not to the step-through. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.getAttribute('role') === 'combobox';
}
