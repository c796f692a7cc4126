/** Strings of the templates screens, Chinese first; English names the same keys. Keys start with 'templates'. */
export const zh = {};

export const en: Record<keyof typeof zh, string> = {};
