import { Typography } from 'antd';

export function EvaluationsPage() {
  return <Typography.Title level={3}>EvaluationsPage</Typography.Title>;
}
