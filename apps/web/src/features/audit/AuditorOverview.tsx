import { Card } from 'antd';

export function AuditorOverview() {
  return <Card size="small" title="AuditorOverview" />;
}
