import { describe, expect, it } from 'vitest';
import type { Principal } from '../../app/roles';
import { adminAction, assignmentStatus, canRegister, type AssignmentLike } from './assignmentStatus';
import { canAssignOn, canGrantOn, canRevoke } from './orgPermissions';

const township = '51/5101/510104/510104017';
const admin: Principal = { userId: 'me', username: 'jinguanyi-admin', displayName: '陈书记', grants: [{ role: 'admin', orgUnitId: 't', path: township, level: 'township' }] };
const worker: Principal = { userId: 'w', username: 'grid-1', displayName: '张敏', grants: [{ role: 'grid_staff', orgUnitId: 'g', path: `${township}/510104017001/510104017001001`, level: 'grid' }] };
const grid = { level: 'grid', path: `${township}/510104017001/510104017001001` };
const otherGrid = { level: 'grid', path: '51/5101/510104/510104018/510104018001/510104018001001' };

describe('who may do what on the org screens', () => {
  it('an admin grants within their subtree, never on a household; grid staff grant nothing', () => {
    expect(canGrantOn(admin, grid)).toBe(true);
    expect(canGrantOn(admin, { level: 'township', path: township })).toBe(true);
    expect(canGrantOn(admin, otherGrid)).toBe(false);
    expect(canGrantOn(admin, { level: 'household', path: `${grid.path}/0001` })).toBe(false);
    expect(canGrantOn(worker, grid)).toBe(false);
  });

  it('an admin revokes others’ grants within their subtree, not their own and not outside', () => {
    expect(canRevoke(admin, { userId: 'w', unit: grid })).toBe(true);
    expect(canRevoke(admin, { userId: 'me', unit: { path: township } })).toBe(false);
    expect(canRevoke(admin, { userId: 'w', unit: otherGrid })).toBe(false);
    expect(canRevoke(worker, { userId: 'x', unit: grid })).toBe(false);
  });

  it('assigns only on the levels the directive’s template names', () => {
    expect(canAssignOn(admin, grid, ['grid', 'household'])).toBe(true);
    expect(canAssignOn(admin, grid, ['village'])).toBe(false);
    expect(canAssignOn(admin, otherGrid, ['grid'])).toBe(false);
    expect(canAssignOn(worker, grid, ['grid'])).toBe(false);
  });
});

describe('assignments', () => {
  const base = { person: { id: 'cadre' }, unit: { path: township } };
  const cadre = (state: string, releasedAt: string | null = null): AssignmentLike => ({ ...base, releasedAt, registration: { id: 'r', state } });
  const plain = (releasedAt: string | null = null): AssignmentLike => ({ ...base, releasedAt, registration: null });

  it('reads each state of a registration and of a plain 包户 assignment', () => {
    expect(assignmentStatus(cadre('assigned'))).toBe('awaiting');
    expect(assignmentStatus(cadre('registered'))).toBe('registered');
    expect(assignmentStatus(cadre('released', '2026-03-23T00:00:00Z'))).toBe('released');
    expect(assignmentStatus(cadre('closed', '2026-03-23T00:00:00Z'))).toBe('withdrawn');
    expect(assignmentStatus(plain())).toBe('active');
    expect(assignmentStatus(plain('2026-03-23T00:00:00Z'))).toBe('released');
  });

  it('offers an admin release for a registered cadre, withdrawal for anything else in force, nothing once ended', () => {
    expect(adminAction(cadre('registered'))).toBe('release');
    expect(adminAction(cadre('assigned'))).toBe('withdraw');
    expect(adminAction(plain())).toBe('withdraw');
    expect(adminAction(cadre('released', '2026-03-23T00:00:00Z'))).toBeNull();
    expect(adminAction(plain('2026-03-23T00:00:00Z'))).toBeNull();
  });

  it('lets only the assigned person register, and only while awaited', () => {
    expect(canRegister(cadre('assigned'), 'cadre')).toBe(true);
    expect(canRegister(cadre('assigned'), 'someone-else')).toBe(false);
    expect(canRegister(cadre('registered'), 'cadre')).toBe(false);
    expect(canRegister(plain(), 'cadre')).toBe(false);
  });
});
