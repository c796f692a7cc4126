import { useQuery } from '@tanstack/react-query';
import { Breadcrumb, Button, Card, Descriptions, Space, Tabs, Typography } from 'antd';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { LevelTag } from './LevelTag';
import { MobilizePanel } from './MobilizePanel';
import { levelName } from './orgTree';
import { PeoplePanel } from './PeoplePanel';

/** One unit: where it sits, its level and code, its people and roles, and mobilisation under it. */
export function UnitDetail({ unitId, onOpenUnit }: { unitId: string; onOpenUnit: (unitId: string) => void }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const unit = useQuery(trpc.orgUnits.get.queryOptions({ id: unitId }));
  const chain = useQuery(trpc.orgUnits.ancestors.queryOptions({ id: unitId }));
  return (
    <QueryState query={unit}>
      {(u) => (
        <Card
          size="small"
          title={
            <Space wrap size={8}>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="unit-title">
                {u.name}
              </Typography.Title>
              <LevelTag level={u.level} />
            </Space>
          }
        >
          {chain.data && chain.data.length > 1 && (
            <Breadcrumb
              style={{ marginBottom: 12 }}
              items={chain.data.map((a) => ({
                key: a.id,
                title:
                  a.id === u.id ? (
                    a.name
                  ) : (
                    <Button type="link" size="small" style={{ padding: 0, height: 'auto' }} onClick={() => onOpenUnit(a.id)}>
                      {a.name}
                    </Button>
                  ),
              }))}
            />
          )}
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
            { key: 'code', label: t('orgCode'), children: u.code },
            { key: 'level', label: t('orgLevel'), children: text(levelName(u.level)) },
          ]} />
          <Tabs
            style={{ marginTop: 8 }}
            items={[
              { key: 'people', label: t('orgTabPeople'), children: <PeoplePanel unit={u} /> },
              { key: 'mobilize', label: t('orgTabMobilize'), children: <MobilizePanel unit={u} /> },
            ]}
          />
        </Card>
      )}
    </QueryState>
  );
}
