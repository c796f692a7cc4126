import type { FieldIssue } from '@cascade/forms';

/** Errors the engine raises on purpose; the API maps each code to an HTTP status. */
export type DomainErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'EVENT_NOT_ALLOWED';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function invalid(issues: FieldIssue[]): DomainError {
  return new DomainError('VALIDATION', issues.map((i) => i.message.en).join('; '), issues);
}

export function invalidField(path: string, rule: string, zh: string, en: string): DomainError {
  return invalid([{ path, rule, message: { zh, en } }]);
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} not found`);
}

/** Another transaction changed the instance first; the command is retried from a fresh read. */
export class VersionConflictError extends Error {
  constructor(readonly instanceId: string) {
    super(`instance ${instanceId} was changed concurrently`);
    this.name = 'VersionConflictError';
  }
}
