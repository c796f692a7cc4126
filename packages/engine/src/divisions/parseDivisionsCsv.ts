import { parse } from 'csv-parse/sync';
import type { FieldIssue } from '@cascade/forms';
import type { OrgLevel } from '@cascade/workflow';

export type DivisionRow = { line: number; code: string; name: string; level: OrgLevel; parentCode: string | null; path: string };

export const DIVISION_HEADER = ['code', 'name', 'level', 'parentCode', 'path'] as const;

/** NBS division codes: the length of a code says its level. */
const LEVELS: Record<string, { level: OrgLevel; digits: number }> = {
  '1': { level: 'province', digits: 2 },
  '2': { level: 'city', digits: 4 },
  '3': { level: 'county', digits: 6 },
  '4': { level: 'township', digits: 9 },
  '5': { level: 'village', digits: 12 },
};

const issue = (line: number, column: string, rule: string, zh: string, en: string): FieldIssue => ({
  path: `line ${line}.${column}`,
  rule,
  message: { zh: `第 ${line} 行:${zh}`, en: `line ${line}: ${en}` },
});

/**
 * Parses and checks a divisions CSV (`code,name,level,parentCode,path`, as in the NBS data). Every
 * problem is reported with its line (the header is line 1), column and rule; parents may come from
 * the file or, when `knownParent` says so, from the database.
 */
export function parseDivisionsCsv(text: string, knownParent: (code: string) => string | undefined = () => undefined): { ok: true; rows: DivisionRow[] } | { ok: false; issues: FieldIssue[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, issues: [issue(line, 'csv', 'csv', `CSV 格式错误:${(error as Error).message}`, `malformed CSV: ${(error as Error).message}`)] };
  }
  const [header, ...body] = records;
  if (!header || header.join(',') !== DIVISION_HEADER.join(',')) {
    return { ok: false, issues: [issue(1, 'header', 'header', `表头必须是 ${DIVISION_HEADER.join(',')}`, `the header must be ${DIVISION_HEADER.join(',')}`)] };
  }
  const issues: FieldIssue[] = [];
  const rows: DivisionRow[] = [];
  const paths = new Map<string, string>();
  body.forEach((record, i) => {
    const line = i + 2;
    if (record.length !== DIVISION_HEADER.length) {
      issues.push(issue(line, 'columns', 'columns', `应有 5 列,实有 ${record.length} 列`, `expected 5 columns, found ${record.length}`));
      return;
    }
    const [code = '', name = '', levelText = '', parentText = '', path = ''] = record;
    const level = LEVELS[levelText];
    const before = issues.length;
    if (!level) issues.push(issue(line, 'level', 'level', `层级 "${levelText}" 应为 1 至 5`, `level "${levelText}" must be 1 to 5`));
    else if (!new RegExp(`^\\d{${level.digits}}$`).test(code)) {
      issues.push(issue(line, 'code', 'pattern', `代码 "${code}" 应为 ${level.digits} 位数字`, `code "${code}" must be ${level.digits} digits for level ${levelText}`));
    }
    if (name.length === 0) issues.push(issue(line, 'name', 'required', '名称不能为空', 'name is required'));
    if (paths.has(code)) issues.push(issue(line, 'code', 'unique', `代码 ${code} 重复`, `code ${code} appears twice`));
    const parentCode = parentText === '' ? null : parentText;
    let expectedPath = code;
    if (level && level.level !== 'province') {
      const parentDigits = LEVELS[String(Number(levelText) - 1)]?.digits;
      if (!parentCode || parentCode.length !== parentDigits || !code.startsWith(parentCode)) {
        issues.push(issue(line, 'parentCode', 'parent', `上级代码 "${parentText}" 应为本代码的前 ${parentDigits} 位`, `parentCode "${parentText}" must be the first ${parentDigits} digits of the code`));
      } else {
        const parentPath = paths.get(parentCode) ?? knownParent(parentCode);
        if (!parentPath) issues.push(issue(line, 'parentCode', 'exists', `上级 ${parentCode} 既不在文件中(在此行之前),也不在数据库中`, `parent ${parentCode} is neither earlier in the file nor in the database`));
        else expectedPath = `${parentPath}/${code}`;
      }
    } else if (level && parentCode) {
      issues.push(issue(line, 'parentCode', 'parent', '省级单位不应有上级代码', 'a province has no parentCode'));
    }
    if (issues.length === before && path !== expectedPath) {
      issues.push(issue(line, 'path', 'path', `路径应为 "${expectedPath}"`, `path must be "${expectedPath}"`));
    }
    if (issues.length === before && level) {
      paths.set(code, path);
      rows.push({ line, code, name, level: level.level, parentCode, path });
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}
