import { TRPCClientError } from '@trpc/client';
import type { FieldIssue, LocalizedText } from '@cascade/forms';

type ErrorShape = { code?: string; httpStatus?: number; issues?: FieldIssue[] };

function data(error: unknown): ErrorShape {
  return error instanceof TRPCClientError ? ((error.data ?? {}) as ErrorShape) : {};
}

/** Field issues the server sent with a refusal (path as the server names it, e.g. `data.phone`). */
export function serverIssues(error: unknown): FieldIssue[] {
  return data(error).issues ?? [];
}

export function isUnauthorized(error: unknown): boolean {
  return data(error).code === 'UNAUTHORIZED';
}

/** What to tell the user about a failed call: the issues in their language when the server named
 * them, otherwise the server's message (already bilingual), otherwise the error's own text. */
export function errorMessage(error: unknown, text: (t: LocalizedText) => string): string {
  const issues = serverIssues(error);
  if (issues.length) return issues.map((i) => text(i.message)).join(';');
  return error instanceof Error ? error.message : String(error);
}
