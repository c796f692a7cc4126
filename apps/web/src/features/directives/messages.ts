/** Strings of the directives screens, Chinese first; English names the same keys. Keys start with 'directives'. */
export const zh = {};

export const en: Record<keyof typeof zh, string> = {};
