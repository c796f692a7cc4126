import { canActOn, reaches, type Principal } from '../../app/roles';

export type TaskForAccess = { kind: string; state: string; unit: { path: string }; assignedToMe?: boolean };

export type TaskActions = {
  /** Fill in, save a draft of and submit the report. */
  fill: boolean;
  /** Return or accept the submitted report. */
  review: boolean;
  /** Record household visits of a screening. */
  visit: boolean;
  /** Declare the screening complete (the server decides whether the coverage allows it). */
  complete: boolean;
};

const FILLABLE = ['open', 'overdue', 'returned'];
const SCREENING_OPEN = ['open', 'inProgress'];

/** Review belongs to the levels above a unit: an admin grant on a unit strictly above it — the
 * rule the server's `requireAbove` applies. */
export function reviewsFromAbove(principal: Principal, path: string): boolean {
  return principal.grants.some((g) => g.role === 'admin' && g.path !== path && reaches(g.path, path));
}

/** Work on a task belongs to grid staff over its unit, or to whoever the server says is assigned to it. */
export function worksOn(principal: Principal, task: TaskForAccess): boolean {
  return canActOn(principal, task.unit.path, 'grid_staff') || task.assignedToMe === true;
}

/** The actions the principal sees on a task in its current state; the server refuses the rest anyway. */
export function taskActions(principal: Principal, task: TaskForAccess): TaskActions {
  const work = worksOn(principal, task);
  const screeningOpen = task.kind === 'screening' && SCREENING_OPEN.includes(task.state);
  return {
    fill: work && task.kind === 'report' && FILLABLE.includes(task.state),
    review: task.kind === 'report' && task.state === 'submitted' && reviewsFromAbove(principal, task.unit.path),
    visit: work && screeningOpen,
    complete: work && screeningOpen,
  };
}
