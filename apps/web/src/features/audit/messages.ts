/** Strings of the audit screens, Chinese first; English names the same keys. Keys start with 'audit'. */
export const zh = {};

export const en: Record<keyof typeof zh, string> = {};
