import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { messages } from '../../i18n/messages';
import type { MessageKey } from '../../i18n/messages';
import { countyRollup } from './rollupFixture';
import { buildRollupWorkbook, workbookFileName } from './rollupWorkbook';

const t = (key: MessageKey) => messages.zh[key];
const text = (v: { zh: string }) => v.zh;
const levelName = (level: string) => ({ township: '乡镇(街道)', county: '县(区)' })[level] ?? level;

/** Writes the workbook as a file would be and reads it back, as the person opening it would. */
async function roundTrip(): Promise<ExcelJS.Workbook> {
  const built = buildRollupWorkbook({ directiveTitle: '五级联防联控通知', stageName: '每日疫情防控报告', periodKey: '2026-03-22', rollup: countyRollup, reportingLevel: 'grid', exportedAt: new Date('2026-03-22T13:00:00Z'), t, text, levelName });
  const buffer = await built.xlsx.writeBuffer();
  const read = new ExcelJS.Workbook();
  await read.xlsx.load(buffer);
  return read;
}

function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('the roll-up workbook', () => {
  it('has the roll-up, the units below and the missing units, in Chinese', async () => {
    const book = await roundTrip();
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '下级单位', '未报单位']);
  });

  it('puts the unit’s counts and aggregates under their Chinese labels', async () => {
    const summary = rowsOf((await roundTrip()).getWorksheet('汇总')!);
    expect(summary[0]).toEqual(['通知', '五级联防联控通知']);
    expect(summary[3]).toEqual(['单位', '锦江区(510104)']);
    const byLabel = new Map(summary.map((r) => [r[0], r]));
    expect(byLabel.get('应报')?.[2]).toBe(6);
    expect(byLabel.get('已报')?.[2]).toBe(5);
    expect(byLabel.get('迟报')?.[2]).toBe(1);
    expect(byLabel.get('未报')?.[2]).toBe(1);
    expect(byLabel.get('报送率')?.[2]).toBe('83.3%');
    expect(byLabel.get('今日排查户数')).toEqual(['今日排查户数', '合计', 75]);
    expect(byLabel.get('疫苗接种率(%)')).toEqual(['疫苗接种率(%)', '平均', 82.5]);
  });

  it('lists each unit below with its figures and ends with a total equal to the unit’s own', async () => {
    const children = rowsOf((await roundTrip()).getWorksheet('下级单位')!);
    expect(children[0]!.slice(0, 10)).toEqual(['单位代码', '单位名称', '层级', '状态', '应报', '已报', '迟报', '未报', '退回', '今日排查户数(合计)']);
    expect(children.slice(1, 3).map((r) => r.slice(0, 10))).toEqual([
      ['510104017', '锦官驿街道', '乡镇(街道)', '有未报', 4, 3, 1, 1, 0, 45],
      ['510104018', '东湖街道', '乡镇(街道)', '已报齐', 2, 2, 0, 0, 0, 30],
    ]);
    const total = children[3]!;
    expect(total.slice(0, 10)).toEqual(['510104', '合计(本级汇总)', '县(区)', '有未报', 6, 5, 1, 1, 0, 75]);
    // Sums of the rows above equal the total for every summed field.
    const header = children[0]!;
    for (const field of countyRollup.fields.filter((f) => f.aggregate === 'sum')) {
      const column = header.indexOf(`${field.label.zh}(合计)`);
      expect(column).toBeGreaterThan(0);
      const sum = children.slice(1, 3).reduce((s, r) => s + Number(r[column] ?? 0), 0);
      expect(total[column]).toBe(sum);
    }
  });

  it('names every missing unit with its code and path', async () => {
    const missing = rowsOf((await roundTrip()).getWorksheet('未报单位')!);
    expect(missing).toEqual([
      ['单位代码', '单位名称', '层级路径'],
      ['510104017001003', '水井坊社区第3网格', '51/5101/510104/510104017/510104017001/510104017001003'],
    ]);
  });

  it('names the file after the unit, report and period', () => {
    expect(workbookFileName('锦江区', '每日疫情防控报告', '2026-03-22')).toBe('锦江区_每日疫情防控报告_2026-03-22.xlsx');
    expect(workbookFileName('a/b c', 'x:y', '2026-W13')).toBe('a-b-c_x-y_2026-W13.xlsx');
  });
});
