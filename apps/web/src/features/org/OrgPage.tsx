import { Typography } from 'antd';

export function OrgPage() {
  return <Typography.Title level={3}>OrgPage</Typography.Title>;
}
