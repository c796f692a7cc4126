import { describe, expect, it } from 'vitest';
import type { Principal } from '../../app/roles';
import { reviewsFromAbove, taskActions } from './taskAccess';

const GRID = '51/5101/510104/510104017/510104017001/510104017001001';
const principal = (...grants: Array<[Principal['grants'][number]['role'], string]>): Principal => ({
  userId: 'u',
  username: 'u',
  displayName: 'u',
  grants: grants.map(([role, path], i) => ({ role, path, orgUnitId: `unit-${i}`, level: 'x' })),
});
const report = (state: string) => ({ kind: 'report', state, unit: { path: GRID } });
const screening = (state: string) => ({ kind: 'screening', state, unit: { path: GRID } });

const worker = principal(['grid_staff', GRID]);
const community = principal(['admin', '51/5101/510104/510104017/510104017001']);
const district = principal(['admin', '51/5101/510104']);
const gridAdmin = principal(['admin', GRID]);
const otherCommunity = principal(['admin', '51/5101/510104/510104017/510104017002']);
const auditor = principal(['auditor', '51/5101/510104']);
const neighbour = principal(['grid_staff', '51/5101/510104/510104017/510104017001/510104017001002']);

describe('who sees which task actions', () => {
  it('shows Return and Accept on a submitted report only to admins strictly above its unit', () => {
    expect(taskActions(community, report('submitted')).review).toBe(true);
    expect(taskActions(district, report('submitted')).review).toBe(true);
    for (const nobody of [worker, gridAdmin, otherCommunity, auditor, neighbour]) expect(taskActions(nobody, report('submitted')).review).toBe(false);
    for (const state of ['open', 'returned', 'accepted', 'overdue', 'closed']) expect(taskActions(community, report(state)).review).toBe(false);
    // A unit whose code starts like the grid's is not above it.
    expect(reviewsFromAbove(principal(['admin', '51/5101/510104/510104017/510104017001/5101040170010']), GRID)).toBe(false);
  });

  it('lets the grid’s worker (or someone assigned) fill a report while it takes answers, and nobody else', () => {
    for (const state of ['open', 'overdue', 'returned']) expect(taskActions(worker, report(state)).fill).toBe(true);
    for (const state of ['submitted', 'accepted', 'closed']) expect(taskActions(worker, report(state)).fill).toBe(false);
    for (const other of [community, district, auditor, neighbour]) expect(taskActions(other, report('open')).fill).toBe(false);
    expect(taskActions(community, { ...report('open'), assignedToMe: true }).fill).toBe(true);
  });

  it('lets the grid’s worker visit households and complete an open screening', () => {
    expect(taskActions(worker, screening('inProgress'))).toEqual({ fill: false, review: false, visit: true, complete: true });
    expect(taskActions(worker, screening('completed'))).toEqual({ fill: false, review: false, visit: false, complete: false });
    expect(taskActions(community, screening('inProgress'))).toEqual({ fill: false, review: false, visit: false, complete: false });
  });
});
