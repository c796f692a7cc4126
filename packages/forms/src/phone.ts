/** Mainland mobile numbers (optionally +86) and landlines with an area code, as grid staff write them. */
export function isValidChinesePhone(value: string): boolean {
  const phone = value.trim().replace(/[\s-]/g, (c, i: number) => (c === '-' && i > 0 ? '-' : ''));
  if (/^(\+?86)?1[3-9]\d{9}$/.test(phone.replace(/-/g, ''))) return true;
  return /^0\d{2,3}-?\d{7,8}$/.test(phone);
}
