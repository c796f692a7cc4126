import { Card } from 'antd';

export function WorkerOverview() {
  return <Card size="small" title="WorkerOverview" />;
}
