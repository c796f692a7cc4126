import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { DomainError } from '@cascade/engine';
import { EventNotAllowedError } from '@cascade/workflow';
import { errorData, toTRPCError } from './errorFormatter.js';

describe('errors leave the API as 4xx with field issues', () => {
  it('turns a zod input error into BAD_REQUEST naming the path and rule in zh and en', () => {
    const parsed = z.object({ title: z.string().min(1) }).safeParse({ title: '' });
    const error = toTRPCError(new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error }));
    expect(error?.code).toBe('BAD_REQUEST');
    expect(error?.message).toMatch(/^title \[too_small\]: /);
    expect(error?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(errorData(error as TRPCError).issues).toEqual([expect.objectContaining({ path: 'title', rule: 'too_small' })]);
  });

  it('maps engine errors by code and keeps their issues', () => {
    const validation = toTRPCError(new DomainError('VALIDATION', 'x', [{ path: 'deadline', rule: 'tightenOnly', message: { zh: '只能提前', en: 'may only be tightened' } }]));
    expect(validation?.code).toBe('BAD_REQUEST');
    expect(validation?.message).toBe('deadline [tightenOnly]: 只能提前 / may only be tightened');
    expect(toTRPCError(new DomainError('NOT_FOUND', 'task t not found'))?.code).toBe('NOT_FOUND');
    expect(toTRPCError(new DomainError('FORBIDDEN', 'no'))?.code).toBe('FORBIDDEN');
  });

  it('reports a refused event as CONFLICT naming the event and the state', () => {
    const error = toTRPCError(new EventNotAllowedError('FORWARD', 'received', 'receipt:village'));
    expect(error?.code).toBe('CONFLICT');
    expect(errorData(error as TRPCError)).toEqual({ issues: [], eventType: 'FORWARD', state: 'received' });
    expect(error?.message).toContain('FORWARD');
  });

  it('leaves unexpected errors alone', () => {
    expect(toTRPCError(new Error('boom'))).toBeNull();
  });
});
