import { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's buffer pool. PostgreSQL's default of 128MB is allocated and zero-filled inside PGlite's
 * WebAssembly memory when it starts, so it is resident from the first query and never given back
 * (WebAssembly memory does not shrink). A smaller pool leaves more pages to the operating system's
 * file cache, which PGlite reads through on a miss; bench/README.md has what 32MB saved and cost.
 */
export const DEFAULT_PGLITE_SHARED_BUFFERS = '32MB';

const SIZE = /^([1-9]\d*)(kB|MB|GB)$/;
const KB = { kB: 1, MB: 1024, GB: 1024 * 1024 } as const;
/** PostgreSQL's own floor (16 buffers of 8kB), and half of PGlite's 2GB WebAssembly memory. */
const MIN_KB = 128;
const MAX_KB = 1024 * 1024;

export const SHARED_BUFFERS_RULE = 'a whole number followed by kB, MB or GB, from 128kB to 1GB (e.g. 32MB)';

/** The size in kB, or null when it breaks SHARED_BUFFERS_RULE. */
export function sharedBuffersKb(value: string): number | null {
  const match = SIZE.exec(value);
  const kb = match ? Number(match[1]) * KB[match[2] as keyof typeof KB] : Number.NaN;
  return kb >= MIN_KB && kb <= MAX_KB ? kb : null;
}

/** PGlite's own start parameters with the buffer pool set; a size it cannot use throws, naming the option. */
export function pgliteStartParams(sharedBuffers: string = DEFAULT_PGLITE_SHARED_BUFFERS): string[] {
  const kb = sharedBuffersKb(sharedBuffers);
  if (kb === null) throw new Error(`pgliteSharedBuffers: "${sharedBuffers}" must be ${SHARED_BUFFERS_RULE}`);
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${kb}kB`];
}
