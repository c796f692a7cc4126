/**
 * Gives the event loop a turn. PGlite runs in this thread and resolves its queries without one, so
 * without it a long run of statements would keep every request, timer and socket write waiting.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
