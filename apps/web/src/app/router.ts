import { useSyncExternalStore } from 'react';

/** A few screens do not need a routing library: the path is the state, history the store. */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  listeners.forEach((l) => l());
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export type Route = { page: 'home' } | { page: 'tasks' } | { page: 'task'; id: string } | { page: 'notifications' } | { page: 'notFound' };

export function matchRoute(path: string): Route {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/') return { page: 'home' };
  if (clean === '/tasks') return { page: 'tasks' };
  const task = /^\/tasks\/([0-9a-f-]{36})$/i.exec(clean);
  if (task?.[1]) return { page: 'task', id: task[1] };
  if (clean === '/notifications') return { page: 'notifications' };
  return { page: 'notFound' };
}
