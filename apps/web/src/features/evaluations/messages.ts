/** Strings of the evaluations screens, Chinese first; English names the same keys. Keys start with 'evaluations'. */
export const zh = {};

export const en: Record<keyof typeof zh, string> = {};
