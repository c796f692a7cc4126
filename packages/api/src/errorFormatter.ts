import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { FieldIssue } from '@cascade/forms';
import { DomainError, type DomainErrorCode } from '@cascade/engine';
import { EventNotAllowedError, zodIssuesToFieldIssues } from '@cascade/workflow';

export type ErrorData = { issues: FieldIssue[]; eventType?: string; state?: string };

const STATUS: Record<DomainErrorCode, TRPCError['code']> = {
  VALIDATION: 'BAD_REQUEST',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  EVENT_NOT_ALLOWED: 'CONFLICT',
};

/** One line per issue naming the field and the rule, in Chinese then English. */
export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => `${i.path || '(input)'} [${i.rule}]: ${i.message.zh} / ${i.message.en}`).join('; ');
}

/** Turns what the engine and zod throw into tRPC errors with a 4xx status and field-level data. */
export function toTRPCError(error: unknown): TRPCError | null {
  const cause = error instanceof TRPCError ? (error.cause ?? error) : error;
  if (cause instanceof ZodError) {
    const issues = zodIssuesToFieldIssues(cause.issues);
    return new TRPCError({ code: 'BAD_REQUEST', message: describeIssues(issues), cause: Object.assign(cause, { fieldIssues: issues }) });
  }
  if (cause instanceof DomainError) {
    return new TRPCError({ code: STATUS[cause.code], message: cause.issues.length ? describeIssues(cause.issues) : cause.message, cause });
  }
  if (cause instanceof EventNotAllowedError) {
    return new TRPCError({ code: 'CONFLICT', message: `${cause.message} / 当前状态"${cause.state}"不允许操作"${cause.eventType}"`, cause });
  }
  return null;
}

export function errorData(error: TRPCError): ErrorData {
  const cause = error.cause as unknown;
  if (cause instanceof DomainError) return { issues: cause.issues };
  if (cause instanceof EventNotAllowedError) return { issues: [], eventType: cause.eventType, state: cause.state };
  if (cause && typeof cause === 'object' && 'fieldIssues' in cause) return { issues: (cause as { fieldIssues: FieldIssue[] }).fieldIssues };
  return { issues: [] };
}
