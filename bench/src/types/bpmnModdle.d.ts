// bpmn-moddle (a dependency of bpmn-engine) ships no types; the bench only parses one XML source.
declare module 'bpmn-moddle' {
  // The package's own shape is a default export; this only describes it.
  // eslint-disable-next-line no-restricted-syntax
  export default class BpmnModdle {
    constructor(options?: Record<string, unknown>);
    fromXML(xml: string): Promise<unknown>;
  }
}
