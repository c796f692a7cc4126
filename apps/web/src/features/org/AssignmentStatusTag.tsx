import { Tag } from 'antd';
import { useLocale } from '../../i18n/LocaleProvider';
import { assignmentStatus, STATUS_COLOR, STATUS_LABEL, type AssignmentLike } from './assignmentStatus';

export function AssignmentStatusTag({ assignment }: { assignment: AssignmentLike }) {
  const { t } = useLocale();
  const status = assignmentStatus(assignment);
  return (
    <Tag color={STATUS_COLOR[status]} data-status={status}>
      {t(STATUS_LABEL[status])}
    </Tag>
  );
}
