import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JINJIANG_FIXTURE_PATH } from './fixtures.js';
import { parseDivisionsCsv } from './parseDivisionsCsv.js';

// Parsing touches no database, so these run once; the importer's tests run on every backend.
const HEADER = 'code,name,level,parentCode,path';
const fixture = readFileSync(JINJIANG_FIXTURE_PATH, 'utf8');

function issuesOf(text: string, storedPath?: (code: string) => string | undefined) {
  const result = parseDivisionsCsv(text, { storedPath });
  if (result.ok) throw new Error('expected the file to be refused');
  return result.issues;
}

describe('parseDivisionsCsv', () => {
  it('reads the Jinjiang fixture: 90 units, level names, depths and parents', () => {
    const result = parseDivisionsCsv(fixture);
    if (!result.ok) throw new Error(JSON.stringify(result.issues));
    expect(result.rows).toHaveLength(90);
    const perLevel = Object.fromEntries(['province', 'city', 'county', 'township', 'village'].map((l) => [l, result.rows.filter((r) => r.level === l).length]));
    expect(perLevel).toEqual({ province: 1, city: 1, county: 1, township: 11, village: 76 });
    expect(result.rows[0]).toEqual({ line: 2, code: '51', name: '四川省', level: 'province', depth: 0, parentCode: null, path: '51' });
    expect(result.rows.find((r) => r.code === '510104017001')).toMatchObject({ level: 'village', depth: 4, parentCode: '510104017', path: '51/5101/510104/510104017/510104017001' });
  });

  it('names the line of the code, with the rule and both languages', () => {
    const [issue, ...rest] = issuesOf(`${HEADER}\n51,四川省,1,,51\n5101x,成都市,2,51,51/5101x`);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ path: 'line 3.code', rule: 'pattern' });
    expect(issue?.message.en).toBe('line 3: code "5101x" must be 2, 4, 6, 9 or 12 digits matching its level (4 for level 2)');
    expect(issue?.message.zh).toMatch(/^第 3 行:代码 "5101x"/);
  });

  it('collects the problems of every line, not only the first', () => {
    const text = [HEADER, '51,四川省,1,,51', '5101,,2,51,51/5101', '510104,锦江区,3,5102,51/5101/510104', '5101,成都市,2,51,51/5101', '5103,自贡市,2,51,5103'].join('\n');
    expect(issuesOf(text).map((i) => [i.path, i.rule])).toEqual([
      ['line 3.name', 'required'],
      ['line 4.parentCode', 'parent'],
      ['line 5.code', 'unique'],
      ['line 6.path', 'path'],
    ]);
  });

  it('checks the level and, without one, that the code has one of the five lengths', () => {
    expect(issuesOf(`${HEADER}\n51,四川省,0,,51`).map((i) => [i.path, i.rule])).toEqual([['line 2.level', 'level']]);
    expect(issuesOf(`${HEADER}\n513,四川省,province,,513`).map((i) => [i.path, i.rule])).toEqual([
      ['line 2.level', 'level'],
      ['line 2.code', 'pattern'],
    ]);
  });

  it('wants no parent for a province and the code of the level above for the rest', () => {
    expect(issuesOf(`${HEADER}\n51,四川省,1,5,51`)[0]).toMatchObject({ path: 'line 2.parentCode', rule: 'parent' });
    // The parent's code exists but two levels up: the NBS files always name the level directly above.
    expect(issuesOf(`${HEADER}\n51,四川省,1,,51\n5101,成都市,2,51,51/5101\n510104,锦江区,3,51,51/510104`)[0]).toMatchObject({ path: 'line 4.parentCode', rule: 'parent' });
  });

  it('refuses a child before its parent, and finds a parent the database holds', () => {
    const text = `${HEADER}\n5101,成都市,2,51,51/5101\n51,四川省,1,,51`;
    expect(issuesOf(text)).toEqual([expect.objectContaining({ path: 'line 2.parentCode', rule: 'exists' })]);
    const stored = parseDivisionsCsv(`${HEADER}\n5101,成都市,2,51,51/5101`, { storedPath: (code) => (code === '51' ? '51' : undefined) });
    expect(stored.ok).toBe(true);
  });

  it('counts blank lines, takes a BOM and CRLF, and reads quoted names', () => {
    const text = `\uFEFF${HEADER}\r\n\r\n51,"四川省, 川",1,,51\r\n\r\n5101,成都市,2,51,51/9999\r\n`;
    expect(issuesOf(text).map((i) => i.path)).toEqual(['line 5.path']);
    const ok = parseDivisionsCsv(`\uFEFF${HEADER}\r\n51,"四川省, 川",1,,51\r\n`);
    expect(ok.ok && ok.rows[0]?.name).toBe('四川省, 川');
  });

  it('refuses a bad header, a short line and broken quoting', () => {
    expect(issuesOf('code,name,level,parent,path\n51,四川省,1,,51')).toEqual([expect.objectContaining({ path: 'line 1.header', rule: 'header' })]);
    expect(issuesOf('')).toEqual([expect.objectContaining({ path: 'line 1.header', rule: 'header' })]);
    expect(issuesOf(`${HEADER}\n51,四川省,1,51`)).toEqual([expect.objectContaining({ path: 'line 2.columns', rule: 'columns' })]);
    expect(issuesOf(`${HEADER}\n51,"四川省,1,,51`)[0]).toMatchObject({ rule: 'csv' });
  });
});
