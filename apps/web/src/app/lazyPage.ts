import { lazy, type ComponentType } from 'react';

/** A screen loaded when first visited: the diagram, chart and spreadsheet libraries of the admin and
 * auditor screens stay out of what a grid worker's phone downloads. */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}
