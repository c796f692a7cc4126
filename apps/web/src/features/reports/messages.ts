/** Strings of the reports screens, Chinese first; English names the same keys. Keys start with 'reports'. */
export const zh = {};

export const en: Record<keyof typeof zh, string> = {};
