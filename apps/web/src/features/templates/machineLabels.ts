import type { LocalizedText } from '@cascade/forms';
import { LEVEL_NAMES, type Level, type TemplateDefinition } from '@cascade/workflow';
import type { MessageKey } from '../../i18n/messages';

const STATES: Record<string, MessageKey> = {
  issued: 'templatesStateIssued',
  closed: 'templatesStateClosed',
  received: 'templatesStateReceived',
  acknowledged: 'templatesStateAcknowledged',
  amended: 'templatesStateAmended',
  forwarded: 'templatesStateForwarded',
  open: 'templatesStateOpen',
  overdue: 'templatesStateOverdue',
  submitted: 'templatesStateSubmitted',
  returned: 'templatesStateReturned',
  accepted: 'templatesStateAccepted',
  inProgress: 'templatesStateInProgress',
  completed: 'templatesStateCompleted',
  assigned: 'templatesStateAssigned',
  registered: 'templatesStateRegistered',
  released: 'templatesStateReleased',
  recording: 'templatesStateRecording',
  recorded: 'templatesStateRecorded',
  opened: 'templatesStateOpened',
  investigating: 'templatesStateInvestigating',
  decided: 'templatesStateDecided',
  rectifying: 'templatesStateRectifying',
};

const EVENTS: Record<string, MessageKey> = {
  CLOSE: 'templatesEventClose',
  PERIOD_START: 'templatesEventPeriodStart',
  ACKNOWLEDGE: 'templatesEventAcknowledge',
  TASK_ESCALATED: 'templatesEventTaskEscalated',
  AMEND: 'templatesEventAmend',
  FORWARD: 'templatesEventForward',
  SUBMIT: 'templatesEventSubmit',
  RETURN: 'templatesEventReturn',
  ACCEPT: 'templatesEventAccept',
  VISIT: 'templatesEventVisit',
  COMPLETE: 'templatesEventComplete',
  REGISTER: 'templatesEventRegister',
  RELEASE: 'templatesEventRelease',
  INVESTIGATE: 'templatesEventInvestigate',
  DECIDE: 'templatesEventDecide',
  REQUIRE_RECTIFICATION: 'templatesEventRequireRectification',
  CLOSE_CASE: 'templatesEventCloseCase',
  '(always)': 'templatesEventAlways',
};

/** Delayed transitions are named by XState `xstate.after.<delay>.<machine>.<state>`; the delay is what a reader needs. */
const DELAYS: Record<string, MessageKey> = {
  acknowledgeDue: 'templatesDelayAcknowledgeDue',
  forwardDue: 'templatesDelayForwardDue',
  remindDue: 'templatesDelayRemindDue',
  due: 'templatesDelayDue',
  escalateDue: 'templatesDelayEscalateDue',
};

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function stateLabel(t: T, state: string): string {
  const key = STATES[state];
  return key ? t(key) : state;
}

export function eventLabel(t: T, event: string): string {
  const key = EVENTS[event];
  if (key) return t(key);
  const delayed = /^xstate\.after\.([^.]+)\./.exec(event);
  const delay = delayed?.[1] ? DELAYS[delayed[1]] : undefined;
  return delay ? t(delay) : event;
}

/** A machine's name for the picker: what it is and, for receipts and reports, which level or stage. */
export function machineLabel(t: T, text: (v: LocalizedText) => string, key: string, definition: TemplateDefinition | null): string {
  if (key === 'directive') return t('templatesMachineDirective');
  if (key.startsWith('receipt:')) return t('templatesMachineReceipt', { level: text(LEVEL_NAMES[key.slice(8) as Level] ?? { zh: key, en: key }) });
  if (key.startsWith('task:report:')) {
    const id = key.slice(12);
    const stage = definition?.stages.report.find((r) => r.id === id);
    return t('templatesMachineReport', { name: stage ? text(stage.name) : id });
  }
  const fixed: Record<string, MessageKey> = { 'task:screening': 'templatesMachineScreening', registration: 'templatesMachineRegistration', evaluation: 'templatesMachineEvaluation', case: 'templatesMachineCase' };
  const label = fixed[key];
  return label ? t(label) : key;
}
