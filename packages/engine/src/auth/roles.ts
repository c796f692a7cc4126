export const ROLES = ['admin', 'grid_staff', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
