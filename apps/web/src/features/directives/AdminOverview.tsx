import { Card } from 'antd';

export function AdminOverview() {
  return <Card size="small" title="AdminOverview" />;
}
