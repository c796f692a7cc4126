import * as audit from '../features/audit/messages';
import * as directives from '../features/directives/messages';
import * as evaluations from '../features/evaluations/messages';
import * as org from '../features/org/messages';
import * as reports from '../features/reports/messages';
import * as tasks from '../features/tasks/messages';
import * as templates from '../features/templates/messages';
import * as shell from './shellMessages';

/** Each feature keeps its strings beside its screens; this is every one of them, per language. A key
 * must be defined once across all modules (checked by messages.test.ts). */
export const messageModules = { shell, org, templates, directives, reports, evaluations, audit, tasks };

export const zh = { ...shell.zh, ...org.zh, ...templates.zh, ...directives.zh, ...reports.zh, ...evaluations.zh, ...audit.zh, ...tasks.zh };
export type MessageKey = keyof typeof zh;
export type Messages = Record<MessageKey, string>;

export const en: Messages = { ...shell.en, ...org.en, ...templates.en, ...directives.en, ...reports.en, ...evaluations.en, ...audit.en, ...tasks.en };

export const messages = { zh, en } satisfies Record<string, Messages>;
export type Lang = keyof typeof messages;
