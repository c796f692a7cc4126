import type { MessageKey } from '../../i18n/messages';
import { zh } from './messages';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

function known(key: string): key is MessageKey & keyof typeof zh {
  return Object.hasOwn(zh, key);
}

/** A state's name in the reader's language; a state no template names yet shows as stored. */
export function stateLabel(t: Translate, state: string | null | undefined): string {
  if (!state) return '—';
  const key = `auditState_${state}`;
  return known(key) ? t(key) : state;
}

/** An event's name in the reader's language. Timer events (`xstate.after.<delay>.<machine>.<state>`)
 * are named by their delay, since the rest only repeats where the timer was armed. */
export function eventLabel(t: Translate, event: string): string {
  if (event === 'xstate.init') return t('auditEvent_init');
  if (event === '(always)') return t('auditEvent_always');
  const timer = /^xstate\.after\.([^.]+)\./.exec(event);
  if (timer) {
    const delayKey = `auditDelay_${timer[1]}`;
    return t('auditEvent_timer', { delay: known(delayKey) ? t(delayKey) : (timer[1] as string) });
  }
  const key = `auditEvent_${event}`;
  return known(key) ? t(key) : event;
}

export const INSTANCE_KINDS = ['directive', 'receipt', 'task', 'registration', 'evaluation', 'case'] as const;
export type InstanceKind = (typeof INSTANCE_KINDS)[number];

export function kindLabel(t: Translate, kind: string): string {
  const key = `auditKind_${kind}`;
  return known(key) ? t(key) : kind;
}

export function levelLabel(t: Translate, level: string): string {
  const key = `auditLevel_${level}`;
  return known(key) ? t(key) : level;
}

/** The engine names what failed in English (it is also the CLI's output); the screen names it in
 * the reader's language by the kind of failure, keeping the engine's words as the detail. */
const REASONS: Array<[RegExp, MessageKey]> = [
  [/^sequence gap/, 'auditReason_gap'],
  [/^prev_hash/, 'auditReason_prevHash'],
  [/^hash does not match/, 'auditReason_hash'],
  [/^instance is at version/, 'auditReason_version'],
  [/^template version cannot be loaded/, 'auditReason_template'],
  [/different template version/, 'auditReason_templateMismatch'],
  [/^first row must be/, 'auditReason_init'],
  [/^replay reaches/, 'auditReason_replayState'],
  [/^row records from-state/, 'auditReason_fromState'],
  [/^replay refused/, 'auditReason_replayRefused'],
  [/^stored snapshot differs/, 'auditReason_snapshot'],
  [/^stored state column differs/, 'auditReason_stateColumn'],
];

export function reasonKey(reason: string): MessageKey {
  return REASONS.find(([pattern]) => pattern.test(reason))?.[1] ?? 'auditReason_other';
}
