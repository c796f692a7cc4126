import { z } from 'zod';

/** Shared input pieces, so every router says "a uuid" and "a non-empty text" the same way. */
export const id = z.uuid();
export const text = (max: number) => z.string().trim().min(1).max(max);
export const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
export const formRef = z.object({ key: z.string().min(1).max(64), version: z.number().int().positive() });
