/**
 * UUIDs packed 16 bytes each in one Buffer, outside the JS heap, for commands that hold a level's
 * worth of them (Sichuan: 103,236 grids) where an array of strings would cost ~56 bytes of heap each.
 */
const UUID_BYTES = 16;

const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Canonical lowercase form only: anything else would not come back as it went in. */
export const isPackableUuid = (value: string | null): value is string => value !== null && CANONICAL.test(value);

export function packUuids(uuids: readonly string[]): Buffer {
  const buffer = Buffer.allocUnsafe(uuids.length * UUID_BYTES);
  uuids.forEach((uuid, i) => buffer.write(uuid.replaceAll('-', ''), i * UUID_BYTES, UUID_BYTES, 'hex'));
  return buffer;
}

export const packedCount = (buffer: Buffer): number => buffer.length / UUID_BYTES;

export function uuidAt(buffer: Buffer, i: number): string {
  const hex = buffer.toString('hex', i * UUID_BYTES, (i + 1) * UUID_BYTES);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
