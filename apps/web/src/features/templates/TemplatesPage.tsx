import { Typography } from 'antd';

export function TemplatesPage() {
  return <Typography.Title level={3}>TemplatesPage</Typography.Title>;
}
