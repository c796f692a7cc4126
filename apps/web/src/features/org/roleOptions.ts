/** The roles an admin can hand out, in the order the forms offer them (the server's ROLES). */
export const ROLE_OPTIONS = ['grid_staff', 'admin', 'auditor'] as const;
