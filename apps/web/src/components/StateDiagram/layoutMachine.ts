import ELK from 'elkjs/lib/elk.bundled.js';
import type { MachineGraph } from '@cascade/workflow';

export type DiagramNode = { id: string; x: number; y: number; width: number; height: number; initial: boolean; final: boolean; selfEvents: string[] };
export type DiagramEdge = { id: string; source: string; target: string; events: string[] };
export type DiagramLayout = { nodes: DiagramNode[]; edges: DiagramEdge[]; width: number; height: number };

const NODE_HEIGHT = 44;
const CHAR_WIDTH = 8;
/** Chinese characters take about a square of the font size (13 px), twice a Latin letter. */
const WIDE_CHAR_WIDTH = 14;
const MAX_NODE_WIDTH = 200;
const LINE_HEIGHT = 18;

/** The width a label needs on one line, counting wide (CJK) characters as such. */
export function labelWidth(label: string): number {
  let width = 0;
  for (const ch of label) width += /[\u2e80-\u9fff\uff00-\uffef]/u.test(ch) ? WIDE_CHAR_WIDTH : CHAR_WIDTH;
  return width;
}

/** A box for a label: one line up to a limit, then more lines rather than a box so wide that the
 * whole machine shrinks to fit the canvas. */
export function nodeSize(label: string): { width: number; height: number } {
  const text = labelWidth(label) + 32;
  const lines = Math.ceil(text / MAX_NODE_WIDTH);
  return { width: Math.max(96, Math.min(text, MAX_NODE_WIDTH)), height: Math.max(NODE_HEIGHT, lines * LINE_HEIGHT + 16) };
}

/** One edge per pair of states, carrying every event that leads from one to the other; events that
 * stay in their state are kept on the node, since a loop drawn on a box says little. */
export function machineEdges(graph: MachineGraph): { edges: DiagramEdge[]; selfEvents: Map<string, string[]> } {
  const byPair = new Map<string, DiagramEdge>();
  const selfEvents = new Map<string, string[]>();
  for (const state of graph.states) {
    for (const t of state.transitions) {
      if (t.target === state.name) {
        selfEvents.set(state.name, [...new Set([...(selfEvents.get(state.name) ?? []), t.event])]);
        continue;
      }
      const id = `${state.name}->${t.target}`;
      const edge = byPair.get(id) ?? { id, source: state.name, target: t.target, events: [] };
      if (!edge.events.includes(t.event)) edge.events.push(t.event);
      byPair.set(id, edge);
    }
  }
  return { edges: [...byPair.values()], selfEvents };
}

/** Positions for every state, laid out by ELK's layered algorithm (left to right, or top to bottom
 * on narrow screens), so any compiled machine draws itself without hand placement. */
export async function layoutMachine(graph: MachineGraph, direction: 'RIGHT' | 'DOWN' = 'RIGHT', label: (state: string) => string = (s) => s): Promise<DiagramLayout> {
  const { edges, selfEvents } = machineEdges(graph);
  const elk = new ELK();
  const result = await elk.layout({
    id: graph.id,
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': direction,
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '40',
      'elk.spacing.edgeLabel': '4',
    },
    children: graph.states.map((s) => ({ id: s.name, ...nodeSize(label(s.name)) })),
    edges: edges.map((e) => ({
      id: e.id,
      sources: [e.source],
      targets: [e.target],
      labels: [{ text: e.events.join(' | '), width: e.events.join(' | ').length * 6.5, height: 14 }],
    })),
  });
  const nodes = (result.children ?? []).map((c) => ({
    id: c.id,
    x: c.x ?? 0,
    y: c.y ?? 0,
    width: c.width ?? 0,
    height: c.height ?? 0,
    initial: c.id === graph.initial,
    final: graph.states.find((s) => s.name === c.id)?.final ?? false,
    selfEvents: selfEvents.get(c.id) ?? [],
  }));
  const width = Math.max(0, ...nodes.map((n) => n.x + n.width));
  const height = Math.max(0, ...nodes.map((n) => n.y + n.height));
  return { nodes, edges, width, height };
}
