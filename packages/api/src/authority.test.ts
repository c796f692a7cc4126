import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import type { Principal } from '@cascade/engine';
import { grantCovering, readablePaths, requireAbove, requireRole } from './authority.js';

const principal: Principal = {
  userId: 'u',
  username: 'lufeng-admin',
  displayName: '卢峰镇管理员',
  grants: [
    { role: 'admin', orgUnitId: 'a', path: '43/4312/431224/431224001', level: 'township' },
    { role: 'auditor', orgUnitId: 'b', path: '43/4312/431224/431224002', level: 'township' },
  ],
};

describe('authority over subtrees', () => {
  it('reaches the unit itself and everything below it, and nothing beside it', () => {
    expect(grantCovering(principal, ['admin'], '43/4312/431224/431224001')?.orgUnitId).toBe('a');
    expect(grantCovering(principal, ['admin'], '43/4312/431224/431224001/431224001003/431224001003001')?.orgUnitId).toBe('a');
    expect(grantCovering(principal, ['admin'], '43/4312/431224/4312240010')).toBeUndefined();
    expect(grantCovering(principal, ['admin'], '43/4312/431224')).toBeUndefined();
    expect(grantCovering(principal, ['admin'], '43/4312/431224/431224002')).toBeUndefined();
  });

  it('refuses with FORBIDDEN and says what was needed, in both languages', () => {
    const call = () => requireRole(principal, ['admin'], '43/4312/431224/431224002', '转发|forward');
    expect(call).toThrow(TRPCError);
    try {
      call();
    } catch (error) {
      expect((error as TRPCError).code).toBe('FORBIDDEN');
      expect((error as TRPCError).message).toContain('转发');
      expect((error as TRPCError).message).toContain('not allowed to forward');
    }
  });

  it('leaves review to a level strictly above the unit', () => {
    expect(() => requireAbove(principal, '43/4312/431224/431224001', '退回|return')).toThrow(TRPCError);
    expect(requireAbove(principal, '43/4312/431224/431224001/431224001001', '退回|return').orgUnitId).toBe('a');
    expect(() => requireAbove(principal, '43/4312/431224/431224002/431224002001', '退回|return')).toThrow(TRPCError);
  });

  it('lists the paths each role may read', () => {
    expect(readablePaths(principal)).toEqual(['43/4312/431224/431224001', '43/4312/431224/431224002']);
    expect(readablePaths(principal, ['admin'])).toEqual(['43/4312/431224/431224001']);
  });
});
