import { z } from 'zod';
import { localizedTextSchema } from '@cascade/forms';
import { LEVELS } from '../levels.js';

const level = z.enum(LEVELS);
const hours = z.number().positive().max(24 * 366);
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const key = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/);

/** A form version a template refers to; the version is pinned so a published template never changes meaning. */
export const formRefSchema = z.object({ key: key, version: z.number().int().positive() });
export type FormRef = z.infer<typeof formRefSchema>;

/** The receipt state at which a stage starts for a unit. */
export const STAGE_START_STATES = ['received', 'acknowledged', 'amended', 'forwarded'] as const;
export type StageStart = (typeof STAGE_START_STATES)[number];

export const issueLevelSchema = z.object({
  canAmend: z.boolean().default(false),
  autoForward: z.boolean().default(false),
  acknowledgeWithinHours: hours.optional(),
  forwardWithinHours: hours.optional(),
});
export type IssueLevel = z.infer<typeof issueLevelSchema>;

export const reportStageSchema = z.object({
  id: key,
  name: localizedTextSchema,
  form: formRefSchema,
  level: level,
  period: z.enum(['daily', 'weekly', 'once']),
  dueTime: timeOfDay,
  startsOn: z.enum(STAGE_START_STATES).default('received'),
  remindBeforeHours: hours.optional(),
  escalateAfterHours: hours.optional(),
  accountableAfterMissed: z.number().int().positive().optional(),
});
export type ReportStage = z.infer<typeof reportStageSchema>;

export const screeningStageSchema = z.object({
  name: localizedTextSchema,
  form: formRefSchema,
  level: level,
  startsOn: z.enum(STAGE_START_STATES).default('received'),
  dueWithinHours: hours.optional(),
});

export const mobilizeStageSchema = z.object({
  /** Where dispatched cadres register (报到), e.g. the community they sink down to. */
  registrationLevel: level.optional(),
  /** Levels whose units get a person assigned (包网格 is `grid`). */
  assignLevels: z.array(level).default([]),
  /** Whether party members take households (包户到人). */
  householdAssignment: z.boolean().default(false),
  screening: screeningStageSchema.optional(),
});
export type MobilizeStage = z.infer<typeof mobilizeStageSchema>;

export const EVALUATION_OUTCOMES = ['commend', 'satisfactory', 'criticise', 'accountable'] as const;
export type EvaluationOutcome = (typeof EVALUATION_OUTCOMES)[number];

export const evaluateStageSchema = z.object({
  /** Levels whose units are evaluated by the level above them in the chain. */
  levels: z.array(level).min(1),
  persons: z.boolean().default(true),
  outcomes: z.array(z.enum(EVALUATION_OUTCOMES)).min(1).default([...EVALUATION_OUTCOMES]),
  /** Criticism and accountability must rest on evidence. */
  evidenceRequiredFor: z.array(z.enum(EVALUATION_OUTCOMES)).default(['criticise', 'accountable']),
});
export type EvaluateStage = z.infer<typeof evaluateStageSchema>;

export const templateDefinitionSchema = z.object({
  key: key,
  name: localizedTextSchema,
  description: localizedTextSchema.optional(),
  timeZone: z.string().default('Asia/Shanghai'),
  /** The levels the directive runs through, issuing level first, strictly downward. */
  chain: z.array(level).min(2),
  stages: z.object({
    issue: z.object({ levels: z.partialRecord(level, issueLevelSchema) }),
    mobilize: mobilizeStageSchema.optional(),
    report: z.array(reportStageSchema).default([]),
    evaluate: evaluateStageSchema.optional(),
  }),
});
export type TemplateDefinition = z.infer<typeof templateDefinitionSchema>;
export type TemplateDefinitionInput = z.input<typeof templateDefinitionSchema>;
