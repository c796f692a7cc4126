import { describe, expect, it } from 'vitest';
import { isValidChineseIdCard } from './idCard.js';
import { isValidChinesePhone } from './phone.js';

describe('resident ID numbers', () => {
  it('accepts numbers whose check character matches, X in either case', () => {
    expect(isValidChineseIdCard('11010519491231002X')).toBe(true);
    expect(isValidChineseIdCard('11010519491231002x')).toBe(true);
    expect(isValidChineseIdCard('440524188001010014')).toBe(false);
  });

  it('refuses a changed digit, a wrong length and an impossible birth date', () => {
    expect(isValidChineseIdCard('11010519491231003X')).toBe(false);
    expect(isValidChineseIdCard('1101051949123100')).toBe(false);
    expect(isValidChineseIdCard('110105194902300000')).toBe(false);
  });
});

describe('phone numbers', () => {
  it.each(['13800138000', '+8613800138000', '8613800138000', '028-85123456', '0731-8512345', '02885123456'])('accepts %s', (phone) => {
    expect(isValidChinesePhone(phone)).toBe(true);
  });
  it.each(['12345', '12800138000', '1380013800', '28-85123456', 'phone'])('refuses %s', (phone) => {
    expect(isValidChinesePhone(phone)).toBe(false);
  });
});
