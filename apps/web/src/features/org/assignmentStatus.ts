import type { MessageKey } from '../../i18n/messages';

/** An assignment as the lists show it; a registration exists where cadres must report for duty (报到). */
export type AssignmentLike = { releasedAt: string | Date | null; registration: { id: string; state: string } | null; person: { id: string }; unit: { path: string } };

export type AssignmentStatus = 'awaiting' | 'registered' | 'released' | 'withdrawn' | 'active';

/**
 * Where an assignment stands: a cadre is awaiting registration, registered, released, or withdrawn
 * before registering; a plain assignment (包户) is active until it ends.
 */
export function assignmentStatus(a: AssignmentLike): AssignmentStatus {
  const state = a.registration?.state;
  if (state === 'assigned') return a.releasedAt ? 'withdrawn' : 'awaiting';
  if (state === 'registered') return a.releasedAt ? 'released' : 'registered';
  if (state === 'released') return 'released';
  if (state === 'closed') return 'withdrawn';
  return a.releasedAt ? 'released' : 'active';
}

export const STATUS_LABEL: Record<AssignmentStatus, MessageKey> = {
  awaiting: 'orgStatusAwaiting',
  registered: 'orgStatusRegistered',
  released: 'orgStatusReleased',
  withdrawn: 'orgStatusWithdrawn',
  active: 'orgStatusActive',
};

export const STATUS_COLOR: Record<AssignmentStatus, string> = {
  awaiting: 'gold',
  registered: 'green',
  released: 'default',
  withdrawn: 'default',
  active: 'blue',
};

/**
 * The one action an admin has on an assignment: release a registered cadre (mobilize.release),
 * withdraw any other assignment still in force (mobilize.unassign), or nothing once it ended.
 */
export function adminAction(a: AssignmentLike): 'release' | 'withdraw' | null {
  const status = assignmentStatus(a);
  if (status === 'registered') return 'release';
  if (status === 'awaiting' || status === 'active') return 'withdraw';
  return null;
}

/** The assigned person may register while the registration waits for them. */
export function canRegister(a: AssignmentLike, userId: string): boolean {
  return a.person.id === userId && assignmentStatus(a) === 'awaiting';
}
