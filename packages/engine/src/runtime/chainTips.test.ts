import { describe, expect, it } from 'vitest';
import { ChainTips } from './chainTips.js';

describe('ChainTips', () => {
  it('hands out a remembered hash once, for that instance and seq only', () => {
    const tips = new ChainTips();
    tips.remember('a', 3, 'h3');
    expect(tips.take('a', 2)).toBeUndefined();
    expect(tips.take('b', 3)).toBeUndefined();
    expect(tips.take('a', 3)).toBe('h3');
    expect(tips.take('a', 3)).toBeUndefined();
  });

  it('remembers nothing for an instance read without its history row', () => {
    const tips = new ChainTips();
    tips.remember('a', 1, null);
    expect(tips.take('a', 1)).toBeUndefined();
  });
});
