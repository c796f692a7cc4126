import { describe, expect, it } from 'vitest';
import { en, messageModules, zh } from './messages';

describe('messages', () => {
  it('defines every key in one module only, so no feature silently overrides another', () => {
    const owners = new Map<string, string[]>();
    for (const [name, module] of Object.entries(messageModules)) {
      for (const key of Object.keys(module.zh)) owners.set(key, [...(owners.get(key) ?? []), name]);
    }
    const shared = [...owners].filter(([, names]) => names.length > 1).map(([key, names]) => `${key}: ${names.join(', ')}`);
    expect(shared).toEqual([]);
  });

  it('has the same keys in Chinese and English, none of them empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    const blank = Object.entries({ ...zh, ...en }).filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(blank).toEqual([]);
  });

  it('uses the same {placeholders} in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differ = (Object.keys(zh) as Array<keyof typeof zh>).filter((k) => JSON.stringify(vars(zh[k])) !== JSON.stringify(vars(en[k])));
    expect(differ).toEqual([]);
  });
});
