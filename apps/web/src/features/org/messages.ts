/** Strings of the org screens, Chinese first; English names the same keys. Keys start with 'org'. */
export const zh = {};

export const en: Record<keyof typeof zh, string> = {};
