import type { MessageKey } from '../../i18n/messages';
import { kindLabel } from './machineLabels';

type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export type InstanceSummary = {
  kind: string;
  machine: string;
  stageId: string | null;
  periodKey: string | null;
  subjectName: string | null;
  unit: { name: string };
};

/** What names an instance in a list: its kind and unit, then what tells it from its siblings — a
 * task's stage and period, the person an evaluation or case is about. */
export function instanceTitle(t: Translate, item: InstanceSummary): string {
  const parts = [kindLabel(t, item.kind), item.unit.name];
  if (item.kind === 'task') parts.push(item.machine === 'task:screening' ? t('auditTaskScreening') : t('auditTaskReport', { stage: item.stageId ?? item.machine.replace(/^task:report:/, '') }));
  if (item.periodKey && item.periodKey !== 'once') parts.push(t('auditPeriod', { period: item.periodKey }));
  if (item.subjectName) parts.push(t('auditSubject', { name: item.subjectName }));
  return parts.join(' · ');
}
