import { TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Divider, Empty, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { usePrincipal } from '../../app/PrincipalContext';
import { canActOn, grantsOf, reaches } from '../../app/roles';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { AssignModal } from './AssignModal';
import { AssignmentsTable } from './AssignmentsTable';
import { assignTargets } from './assignTargets';
import { CoverageList } from './CoverageList';
import { levelName, type OrgUnitSummary } from './orgTree';

/** 动员: for a directive, who is assigned within the unit, their registration, household coverage,
 * and assigning someone new where the directive's template allows it. */
export function MobilizePanel({ unit }: { unit: OrgUnitSummary }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const directives = useQuery(trpc.directives.list.queryOptions());
  const [chosen, setChosen] = useState<string | undefined>();
  return (
    <QueryState query={directives}>
      {(list) => {
        const open = list.filter((d) => d.state !== 'closed');
        const directiveId = chosen ?? open[0]?.id;
        return (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Space wrap>
              <label htmlFor="mobilize-directive">{t('orgDirective')}</label>
              <Select
                id="mobilize-directive"
                style={{ minWidth: 260, maxWidth: '100%' }}
                placeholder={t('orgChooseDirective')}
                value={directiveId}
                onChange={setChosen}
                options={open.map((d) => ({ value: d.id, label: d.title }))}
                notFoundContent={t('orgNoDirectives')}
              />
            </Space>
            {directiveId ? <DirectiveMobilisation unit={unit} directiveId={directiveId} /> : <Empty description={t('orgNoDirectives')} />}
          </Space>
        );
      }}
    </QueryState>
  );
}

function DirectiveMobilisation({ unit, directiveId }: { unit: OrgUnitSummary; directiveId: string }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const principal = usePrincipal();
  const [assigning, setAssigning] = useState(false);
  const options = useQuery(trpc.mobilize.options.queryOptions({ directiveId }));
  const children = useQuery({ ...trpc.orgUnits.children.queryOptions({ id: unit.id }), enabled: unit.level !== 'household' });
  const assignments = useQuery(trpc.mobilize.list.queryOptions({ orgUnitId: unit.id, directiveId }));
  const levels = options.data?.levels ?? [];
  const targets = canActOn(principal, unit.path, 'admin') ? assignTargets(unit, children.data ?? [], levels) : [];
  const scopeUnitId = grantsOf(principal, 'admin').find((g) => reaches(g.path, unit.path))?.orgUnitId;
  const showCoverage = levels.includes('household') && unit.level !== 'household';
  return (
    <>
      <QueryState query={options}>
        {(o) =>
          o.levels.length === 0 ? (
            <Alert type="info" showIcon message={t('orgNoMobilize')} />
          ) : (
            <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
              <Typography.Text type="secondary">{t('orgAssignLevels', { levels: o.levels.map((l) => text(levelName(l))).join('、') })}</Typography.Text>
              {targets.length > 0 && (
                <Button type="primary" icon={<TeamOutlined />} onClick={() => setAssigning(true)}>
                  {t('orgAssign')}
                </Button>
              )}
            </Space>
          )
        }
      </QueryState>
      <section aria-label={t('orgAssignments')}>
        <Typography.Title level={5}>{t('orgAssignments')}</Typography.Title>
        <QueryState query={assignments}>{(rows) => <AssignmentsTable rows={rows} />}</QueryState>
      </section>
      {showCoverage && (
        <>
          <Divider style={{ margin: '8px 0' }} />
          <CoverageList unitId={unit.id} directiveId={directiveId} />
        </>
      )}
      {assigning && <AssignModal directiveId={directiveId} targets={targets} scopeUnitId={scopeUnitId} onClose={() => setAssigning(false)} />}
    </>
  );
}
