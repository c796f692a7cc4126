import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isPackableUuid, packedCount, packUuids, uuidAt } from './packedUuids.js';

describe('packed UUIDs', () => {
  it('give back every UUID in order, 16 bytes each', () => {
    const uuids = Array.from({ length: 1000 }, () => randomUUID());
    const packed = packUuids(uuids);
    expect(packed.length).toBe(16_000);
    expect(packedCount(packed)).toBe(1000);
    expect(Array.from({ length: 1000 }, (_, i) => uuidAt(packed, i))).toEqual(uuids);
  });

  it('take only the canonical lowercase form, the one they give back', () => {
    const uuid = randomUUID();
    expect(isPackableUuid(uuid)).toBe(true);
    expect(isPackableUuid(uuid.toUpperCase())).toBe(false);
    expect(isPackableUuid(uuid.replaceAll('-', ''))).toBe(false);
    expect(isPackableUuid('not-a-uuid')).toBe(false);
    expect(isPackableUuid(null)).toBe(false);
  });
});
