import { Background, Controls, MarkerType, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { Alert, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { MachineGraph } from '@cascade/workflow';
import { useLocale } from '../../i18n/LocaleProvider';
import { layoutMachine, machineEdges, type DiagramLayout } from './layoutMachine';

export type StateDiagramProps = {
  graph: MachineGraph;
  /** The state to highlight (the instance's current state, or the step an auditor is on). */
  activeState?: string | null | undefined;
  /** The transition just taken, drawn in the highlight colour. */
  activeTransition?: { from: string; to: string } | null | undefined;
  /** States already passed through, drawn in a lighter tint. */
  visited?: readonly string[] | undefined;
  stateLabel?: (state: string) => string;
  eventLabel?: (event: string) => string;
  direction?: 'RIGHT' | 'DOWN';
  height?: number;
};

const ACTIVE = '#c41d24';
const VISITED = '#fff1f0';

/** A compiled machine drawn automatically (ELK layout, React Flow canvas): states as boxes, events on
 * the arrows, the initial state with a thick border and final states double-bordered. */
export function StateDiagram({ graph, activeState, activeTransition, visited, stateLabel = (s) => s, eventLabel = (e) => e, direction = 'RIGHT', height = 320 }: StateDiagramProps) {
  const { t } = useLocale();
  const [layout, setLayout] = useState<DiagramLayout | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  // A state's box shows its name and the events that keep it there; its width follows that text, so
  // a change of language lays the machine out again.
  const selfEvents = useMemo(() => machineEdges(graph).selfEvents, [graph]);
  const display = (state: string) => {
    const own = selfEvents.get(state) ?? [];
    return own.length ? `${stateLabel(state)}  ↻ ${own.map(eventLabel).join(', ')}` : stateLabel(state);
  };
  const labelKey = graph.states.map((s) => display(s.name)).join('\u0000');
  useEffect(() => {
    let live = true;
    const labels = new Map(graph.states.map((s, i) => [s.name, labelKey.split('\u0000')[i] ?? s.name]));
    layoutMachine(graph, direction, (s) => labels.get(s) ?? s)
      .then((l) => live && setLayout(l))
      .catch((e: unknown) => live && setFailed(String(e)));
    return () => {
      live = false;
    };
  }, [graph, direction, labelKey]);
  const { nodes, edges } = useMemo(() => {
    if (!layout) return { nodes: [] as Node[], edges: [] as Edge[] };
    const nodes: Node[] = layout.nodes.map((n) => {
      const active = n.id === activeState;
      const seen = visited?.includes(n.id);
      return {
        id: n.id,
        position: { x: n.x, y: n.y },
        data: { label: labelKey.split('\u0000')[graph.states.findIndex((s) => s.name === n.id)] ?? stateLabel(n.id) },
        draggable: false,
        connectable: false,
        ariaLabel: `${stateLabel(n.id)}${active ? ` (${t('diagramCurrent')})` : ''}`,
        style: {
          width: n.width,
          height: n.height,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontSize: 13,
          lineHeight: '18px',
          textAlign: 'center',
          padding: '0 8px',
          borderRadius: 8,
          borderWidth: n.initial ? 3 : 1,
          borderStyle: n.final ? 'double' : 'solid',
          borderColor: active ? ACTIVE : '#8c8c8c',
          background: active ? ACTIVE : seen ? VISITED : '#fff',
          color: active ? '#fff' : undefined,
        },
        className: active ? 'state-active' : undefined,
        targetPosition: direction === 'RIGHT' ? ('left' as Node['targetPosition']) : ('top' as Node['targetPosition']),
        sourcePosition: direction === 'RIGHT' ? ('right' as Node['sourcePosition']) : ('bottom' as Node['sourcePosition']),
      };
    });
    const edges: Edge[] = layout.edges.map((e) => {
      const active = activeTransition?.from === e.source && activeTransition.to === e.target;
      return {
        id: e.id,
        source: e.source,
        target: e.target,
        label: e.events.map(eventLabel).join(' | '),
        type: 'smoothstep',
        animated: active,
        markerEnd: { type: MarkerType.ArrowClosed, color: active ? ACTIVE : '#8c8c8c' },
        style: { stroke: active ? ACTIVE : '#8c8c8c', strokeWidth: active ? 2.5 : 1 },
        labelStyle: { fontSize: 11 },
      };
    });
    return { nodes, edges };
  }, [layout, activeState, activeTransition, visited, stateLabel, eventLabel, direction, t, labelKey, graph]);
  if (failed) return <Alert type="error" showIcon message={t('diagramFailed')} description={failed} />;
  if (!layout) return <Spin style={{ display: 'block', padding: 24 }} />;
  return (
    <div style={{ height, width: '100%', border: '1px solid #f0f0f0', borderRadius: 8 }} role="img" aria-label={t('diagramLabel', { id: graph.id })} data-testid="state-diagram" data-active-state={activeState ?? ''}>
      <ReactFlow nodes={nodes} edges={edges} fitView nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} proOptions={{ hideAttribution: true }} minZoom={0.2}>
        <Background gap={16} size={1} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
