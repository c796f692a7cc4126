import { Alert, Grid, Select, Space, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { compileTemplate, describeMachine, type TemplateDefinition } from '@cascade/workflow';
import { StateDiagram } from '../../components/StateDiagram/StateDiagram';
import { useLocale } from '../../i18n/LocaleProvider';
import { eventLabel, machineLabel, stateLabel } from './machineLabels';

/** The machines a template compiles to, drawn in the browser from the same compileTemplate the
 * engine runs, with a picker for which one. */
export function MachineDiagram({ definition }: { definition: TemplateDefinition | null }) {
  const { t, text } = useLocale();
  const screens = Grid.useBreakpoint();
  const compiled = useMemo(() => (definition ? compileTemplate(definition) : null), [definition]);
  const keys = useMemo(() => (compiled ? [...compiled.machines.keys()] : []), [compiled]);
  const [picked, setPicked] = useState<string>('directive');
  const key = keys.includes(picked as never) ? picked : (keys[0] ?? 'directive');
  const graph = useMemo(() => {
    const machine = compiled?.machines.get(key as never);
    return machine ? describeMachine(machine) : null;
  }, [compiled, key]);
  const states = useCallback((s: string) => stateLabel(t, s), [t]);
  const events = useCallback((e: string) => eventLabel(t, e), [t]);
  if (!definition || !graph) return <Alert type="info" showIcon message={t('templatesDiagramNeedsValid')} />;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text id="machine-picker-label">{t('templatesDiagramMachine')}</Typography.Text>
        <Select
          aria-labelledby="machine-picker-label"
          data-testid="machine-picker"
          style={{ minWidth: 240 }}
          value={key}
          onChange={setPicked}
          options={keys.map((k) => ({ value: k, label: machineLabel(t, text, k, definition) }))}
        />
      </Space>
      {/* One canvas per machine: React Flow fits the view when it mounts, not when the graph changes. */}
      <StateDiagram key={key} graph={graph} stateLabel={states} eventLabel={events} direction={screens.md ? 'RIGHT' : 'DOWN'} height={screens.md ? 360 : 520} />
    </Space>
  );
}
