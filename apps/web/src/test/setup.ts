import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no matchMedia; Ant Design's responsive helpers ask for it.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, onchange: null, addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false }) as MediaQueryList;
}

// findBy/waitFor wait up to 5 s rather than 1 s, for the same reason as the test timeout.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());
