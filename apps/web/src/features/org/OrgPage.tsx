import { Button, Col, Empty, Grid, Row, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useLocale } from '../../i18n/LocaleProvider';
import { OrgTreePanel } from './OrgTreePanel';
import { UnitDetail } from './UnitDetail';

/**
 * 组织人员: the admin's area as a tree beside the selected unit. On a phone the two take turns
 * (tree, then the unit with a way back); the tree stays mounted so what was open stays open.
 */
export function OrgPage() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const { unitId } = useParams();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const open = (id: string) => navigate(`/org/${id}`);
  const tree = <OrgTreePanel selectedId={unitId} onSelect={open} />;
  const detail = unitId ? <UnitDetail key={unitId} unitId={unitId} onOpenUnit={open} /> : <Empty description={t('orgPickUnit')} style={{ padding: 48 }} />;
  return (
    <>
      <Typography.Title level={3}>{t('orgTitle')}</Typography.Title>
      {narrow ? (
        <>
          <div style={{ display: unitId ? 'none' : undefined }}>{tree}</div>
          {unitId && (
            <>
              <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/org')} style={{ marginBottom: 12 }}>
                {t('orgBackToTree')}
              </Button>
              {detail}
            </>
          )}
        </>
      ) : (
        <Row gutter={16} align="top">
          <Col span={9}>{tree}</Col>
          <Col span={15}>{detail}</Col>
        </Row>
      )}
    </>
  );
}
