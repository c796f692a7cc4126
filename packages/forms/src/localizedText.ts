import { z } from 'zod';

/** Every user-facing string carries both languages: the UI shows zh-CN first and falls back to English. */
export type LocalizedText = { zh: string; en: string };

// Strict so a typo such as `cn` instead of `zh` is reported rather than silently dropped.
export const localizedTextSchema: z.ZodType<LocalizedText> = z.strictObject({
  zh: z.string().trim().min(1),
  en: z.string().trim().min(1),
});
