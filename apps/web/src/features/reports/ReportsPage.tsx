import { Typography } from 'antd';

export function ReportsPage() {
  return <Typography.Title level={3}>ReportsPage</Typography.Title>;
}
