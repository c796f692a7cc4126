import { Typography } from 'antd';

export function ReceivedPage() {
  return <Typography.Title level={3}>ReceivedPage</Typography.Title>;
}
