import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Grid, Row, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useLocale } from '../../i18n/LocaleProvider';
import { OrgTreePanel } from './OrgTreePanel';
import { UnitDetail } from './UnitDetail';

/**
 * 组织人员: the admin's area as a tree beside the selected unit. On a phone the two take turns
 * (tree, then the unit with a way back). Both layouts are the same elements, only shown or hidden,
 * so a change of breakpoint never remounts them and what was open stays open.
 */
export function OrgPage() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const { unitId } = useParams();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const open = (id: string) => navigate(`/org/${id}`);
  const hidden = { display: 'none' };
  return (
    <>
      <Typography.Title level={3}>{t('orgTitle')}</Typography.Title>
      <Row gutter={[16, 16]} align="top">
        <Col xs={24} lg={9} style={narrow && unitId ? hidden : undefined}>
          <OrgTreePanel selectedId={unitId} onSelect={open} />
        </Col>
        <Col xs={24} lg={15} style={narrow && !unitId ? hidden : undefined}>
          {narrow && unitId && (
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/org')} style={{ marginBottom: 12 }}>
              {t('orgBackToTree')}
            </Button>
          )}
          {unitId ? <UnitDetail key={unitId} unitId={unitId} onOpenUnit={open} /> : <Empty description={t('orgPickUnit')} style={{ padding: 48 }} />}
        </Col>
      </Row>
    </>
  );
}
