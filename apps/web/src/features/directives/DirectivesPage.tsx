import { Typography } from 'antd';

export function DirectivesPage() {
  return <Typography.Title level={3}>DirectivesPage</Typography.Title>;
}
