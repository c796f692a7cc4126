import { parse } from 'csv-parse/sync';
import type { FieldIssue } from '@cascade/forms';
import type { OrgLevel } from '@cascade/workflow';

/** One checked line of a divisions file; `line` is kept so later checks (the database's) can name it. */
export type DivisionRow = { line: number; code: string; name: string; level: OrgLevel; depth: number; parentCode: string | null; path: string };

export const DIVISION_HEADER = ['code', 'name', 'level', 'parentCode', 'path'] as const;

export type ParseDivisionsResult = { ok: true; rows: DivisionRow[] } | { ok: false; issues: FieldIssue[] };

export type ParseDivisionsOptions = {
  /** The stored path of a unit the file names as a parent but does not contain (the importer looks
   * them up in the database); undefined when there is none. */
  storedPath?: (code: string) => string | undefined;
};

/** NBS statistical division codes: the length of a code says its level. */
const LEVELS: Record<string, { level: OrgLevel; digits: number }> = {
  '1': { level: 'province', digits: 2 },
  '2': { level: 'city', digits: 4 },
  '3': { level: 'county', digits: 6 },
  '4': { level: 'township', digits: 9 },
  '5': { level: 'village', digits: 12 },
};
const CODE_LENGTHS = new Set(Object.values(LEVELS).map((l) => l.digits));

export function divisionIssue(line: number, column: string, rule: string, zh: string, en: string): FieldIssue {
  return { path: `line ${line}.${column}`, rule, message: { zh: `第 ${line} 行:${zh}`, en: `line ${line}: ${en}` } };
}

type CsvRecord = { record: string[]; info: { lines: number } };

function readRecords(text: string): { records: CsvRecord[] } | { issue: FieldIssue } {
  try {
    // `bom`: Excel writes one in front of a UTF-8 CSV. `info` gives each record's line, which counts
    // the empty lines that are skipped, so messages point at the line an editor shows.
    return { records: parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as CsvRecord[] };
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const message = (error as Error).message;
    return { issue: divisionIssue(line, 'csv', 'csv', `CSV 格式错误:${message}`, `malformed CSV: ${message}`) };
  }
}

/**
 * Parses and checks a divisions CSV (`code,name,level,parentCode,path`, as in the NBS data). Every
 * problem of every line is reported, each naming its line (the header is line 1), column and rule.
 * A parent must come earlier in the file or, through `storedPath`, from the database.
 */
export function parseDivisionsCsv(text: string, options: ParseDivisionsOptions = {}): ParseDivisionsResult {
  const read = readRecords(text);
  if ('issue' in read) return { ok: false, issues: [read.issue] };
  const [first, ...body] = read.records;
  const header = first?.record.join(',') ?? '';
  if (header !== DIVISION_HEADER.join(',')) {
    const expected = DIVISION_HEADER.join(',');
    return { ok: false, issues: [divisionIssue(first?.info.lines ?? 1, 'header', 'header', `表头必须是 ${expected},实为 "${header}"`, `the header must be ${expected}, found "${header}"`)] };
  }
  const issues: FieldIssue[] = [];
  const rows: DivisionRow[] = [];
  // Paths of the good lines so far, for their children; first line of every code, for duplicates.
  const paths = new Map<string, string>();
  const firstLine = new Map<string, number>();
  for (const { record, info } of body) {
    const line = info.lines;
    if (record.length !== DIVISION_HEADER.length) {
      issues.push(divisionIssue(line, 'columns', 'columns', `应有 5 列,实有 ${record.length} 列`, `expected 5 columns, found ${record.length}`));
      continue;
    }
    const [code = '', name = '', levelText = '', parentText = '', path = ''] = record;
    const before = issues.length;
    const level = LEVELS[levelText];
    if (!level) issues.push(divisionIssue(line, 'level', 'level', `层级 "${levelText}" 应为 1 至 5`, `level "${levelText}" must be 1 (province) to 5 (village)`));
    if (level ? !new RegExp(`^\\d{${level.digits}}$`).test(code) : !/^\d+$/.test(code) || !CODE_LENGTHS.has(code.length)) {
      const digits = level ? `${level.digits} 位` : '2、4、6、9 或 12 位';
      issues.push(divisionIssue(line, 'code', 'pattern', `代码 "${code}" 应为与层级相符的${digits}数字`, `code "${code}" must be 2, 4, 6, 9 or 12 digits matching its level${level ? ` (${level.digits} for level ${levelText})` : ''}`));
    }
    if (name.length === 0) issues.push(divisionIssue(line, 'name', 'required', '名称不能为空', 'name is required'));
    const seen = firstLine.get(code);
    if (seen !== undefined) issues.push(divisionIssue(line, 'code', 'unique', `代码 ${code} 与第 ${seen} 行重复`, `code ${code} already appears on line ${seen}`));
    else if (code) firstLine.set(code, line);

    const parentCode = parentText === '' ? null : parentText;
    // Without a level there is no telling where the unit belongs, so its path is not judged.
    let expectedPath: string | undefined = level ? code : undefined;
    if (level && level.digits > 2) {
      const parentDigits = LEVELS[String(Number(levelText) - 1)]?.digits ?? 0;
      // The NBS files give the code of the level directly above, so it is the code's own prefix.
      if (!parentCode || parentCode.length !== parentDigits || !code.startsWith(parentCode)) {
        issues.push(divisionIssue(line, 'parentCode', 'parent', `上级代码 "${parentText}" 应为本代码的前 ${parentDigits} 位`, `parentCode "${parentText}" must be the first ${parentDigits} digits of the code`));
        expectedPath = undefined;
      } else {
        const parentPath = paths.get(parentCode) ?? options.storedPath?.(parentCode);
        if (parentPath === undefined) {
          issues.push(divisionIssue(line, 'parentCode', 'exists', `上级 ${parentCode} 既不在文件中此行之前,也不在数据库中`, `parent ${parentCode} is neither earlier in the file nor in the database`));
          expectedPath = undefined;
        } else expectedPath = `${parentPath}/${code}`;
      }
    } else if (level && parentCode) {
      issues.push(divisionIssue(line, 'parentCode', 'parent', '省级单位不应有上级代码', 'a province has no parentCode'));
    }
    // Without a known parent there is no path to compare with: the parent's issue says enough.
    if (expectedPath !== undefined && path !== expectedPath) {
      issues.push(divisionIssue(line, 'path', 'path', `路径 "${path}" 应为 "${expectedPath}"`, `path "${path}" must be "${expectedPath}"`));
    }
    if (issues.length === before && level) {
      paths.set(code, path);
      rows.push({ line, code, name, level: level.level, depth: Number(levelText) - 1, parentCode, path });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}
