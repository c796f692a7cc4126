import { describe, expect, it } from 'vitest';
import { compileTemplate, describeMachine, fiveLevelScreeningTemplate, templateDefinitionSchema } from '@cascade/workflow';
import { labelWidth, layoutMachine, machineEdges, nodeSize } from './layoutMachine';

const caseGraph = () => {
  const compiled = compileTemplate(templateDefinitionSchema.parse(fiveLevelScreeningTemplate));
  const machine = compiled.machines.get('case');
  if (!machine) throw new Error('the demo template compiles a case machine');
  return describeMachine(machine);
};

describe('laying out a compiled machine', () => {
  it('merges the events between two states into one edge and keeps self-loops on the node', () => {
    const graph = {
      id: 'm',
      initial: 'a',
      states: [
        { name: 'a', final: false, entry: [], transitions: [{ event: 'GO', target: 'b', guard: null }, { event: 'JUMP', target: 'b', guard: null }, { event: 'POKE', target: 'a', guard: null }] },
        { name: 'b', final: true, entry: [], transitions: [] },
      ],
    };
    const { edges, selfEvents } = machineEdges(graph);
    expect(edges).toEqual([{ id: 'a->b', source: 'a', target: 'b', events: ['GO', 'JUMP'] }]);
    expect(selfEvents.get('a')).toEqual(['POKE']);
  });

  it('places every state of the accountability case machine without overlaps, initial and final marked', async () => {
    const graph = caseGraph();
    const layout = await layoutMachine(graph);
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(graph.states.map((s) => s.name).sort());
    expect(layout.nodes.find((n) => n.initial)?.id).toBe('opened');
    expect(layout.nodes.find((n) => n.id === 'closed')?.final).toBe(true);
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    // Layered left to right: the first state sits left of the last.
    const x = (id: string) => layout.nodes.find((n) => n.id === id)!.x;
    expect(x('opened')).toBeLessThan(x('closed'));
  });

  it('sizes boxes for Chinese labels, wrapping long ones onto more lines instead of widening the machine', () => {
    expect(labelWidth('已签收')).toBeGreaterThan(labelWidth('abc'));
    const short = nodeSize('已关闭');
    const long = nodeSize('已补充  ↻ 补充要求, 任务逾期上报, 转发超时');
    expect(short).toEqual({ width: 96, height: 44 });
    expect(long.width).toBeLessThanOrEqual(200);
    expect(long.height).toBeGreaterThan(short.height);
  });
});
