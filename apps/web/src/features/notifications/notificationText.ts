import type { LocalizedText } from '@cascade/forms';
import type { Lang } from '../../i18n/messages';

/** The notification kinds the engine writes (machine `notify` actions and escalation). */
const KINDS: Record<string, LocalizedText> = {
  acknowledgeOverdue: { zh: '通知签收已超时', en: 'Acknowledging a directive is overdue' },
  acknowledgeEscalated: { zh: '下级单位未按时签收通知', en: 'A unit below has not acknowledged a directive in time' },
  forwardOverdue: { zh: '通知转发已超时', en: 'Forwarding a directive is overdue' },
  forwardEscalated: { zh: '下级单位未按时转发通知', en: 'A unit below has not forwarded a directive in time' },
  reportReminder: { zh: '报告即将到期,请及时填报', en: 'A report is due soon' },
  reportOverdue: { zh: '报告已逾期', en: 'A report is overdue' },
  reportEscalated: { zh: '下级单位报告逾期未交', en: 'A unit below has not reported in time' },
  screeningOverdue: { zh: '入户排查已逾期', en: 'Door-to-door screening is overdue' },
  accountabilityOpened: { zh: '已启动问责', en: 'An accountability case was opened' },
};

export function notificationText(notification: { kind: string }, lang: Lang): string {
  return KINDS[notification.kind]?.[lang] ?? notification.kind;
}

/** The task a notification is about, when it is about one (the engine notes the instance's kind). */
export function taskOf(notification: { instanceId: string | null; payload?: unknown }): string | null {
  const payload = notification.payload as { instanceKind?: string } | null;
  return payload?.instanceKind === 'task' && notification.instanceId ? notification.instanceId : null;
}
