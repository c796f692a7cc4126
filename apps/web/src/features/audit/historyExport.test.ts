import { describe, expect, it } from 'vitest';
import { messages, type MessageKey } from '../../i18n/messages';
import { parseCsv } from '../../test/parseCsv';
import { CSV_BOM, csvCell, exportFileName, historyCsv, historyJson, toCsv, type ExportRow } from './historyExport';

const t = (key: MessageKey) => messages.zh[key];

const row: ExportRow = {
  instanceId: '6f1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f',
  kind: 'task',
  machine: 'task:report:daily-report',
  unitName: '水井坊社区第1网格',
  unitCode: '510104017001001',
  seq: 3,
  at: '2026-03-22T12:00:05+00:00',
  actorName: '社区书记 王芳',
  actorId: 'a1b2c3d4-0000-4000-8000-000000000001',
  eventType: 'RETURN',
  fromState: 'submitted',
  toState: 'returned',
  payload: { comment: '人数有误,请核实"返乡人员",再报', at: '2026-03-22T12:00:05.000Z' },
  templateVersionId: '0d3c0f6e-1111-4000-8000-000000000002',
  prevHash: 'ab'.repeat(32),
  hash: 'cd'.repeat(32),
};

describe('CSV cells', () => {
  it('leaves plain text alone and quotes what holds a comma, quote or line break, doubling quotes', () => {
    expect(csvCell('已签收')).toBe('已签收');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvCell('x\r\ny')).toBe('"x\r\ny"');
  });

  it('writes nothing for a missing value, numbers and booleans as they are, objects as JSON', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(false)).toBe('false');
    expect(csvCell({ a: 1, b: 'x' })).toBe('"{""a"":1,""b"":""x""}"');
  });

  it('keeps text that Excel would run as a formula as text', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('starts with a byte-order mark and ends rows with CRLF', () => {
    const csv = toCsv(['a', 'b'], [[1, '二']]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv).toBe(`${CSV_BOM}a,b\r\n1,二\r\n`);
  });
});

describe('a history as CSV', () => {
  it('reads back, heading and values, exactly as recorded (payload as JSON)', () => {
    const tricky = { ...row, seq: 4, actorName: '=cmd', payload: { comment: '第一行\n第二行, "引号"' } };
    const parsed = parseCsv(historyCsv([row, tricky], t));
    expect(parsed).toHaveLength(3);
    const [header, first, second] = parsed as [string[], string[], string[]];
    expect(header).toEqual(['实例编号', '类型', '状态机', '单位', '单位代码', '序号', '时间(UTC)', '操作人', '操作人编号', '事件', '原状态', '新状态', '事件内容(JSON)', '模板版本编号', '前一条哈希', '哈希']);
    const record = Object.fromEntries(header.map((h, i) => [h, first[i]]));
    expect(record).toMatchObject({ 实例编号: row.instanceId, 单位: '水井坊社区第1网格', 序号: '3', '时间(UTC)': '2026-03-22T12:00:05.000Z', 操作人: '社区书记 王芳', 事件: 'RETURN', 原状态: 'submitted', 新状态: 'returned', 哈希: row.hash });
    expect(JSON.parse(record['事件内容(JSON)'] as string)).toEqual(row.payload);
    expect(second[7]).toBe("'=cmd");
    expect(JSON.parse(second[12] as string)).toEqual(tricky.payload);
  });

  it('writes an empty cell for the creation row’s missing from-state and previous hash, and for a timer’s actor', () => {
    const init = { ...row, seq: 1, eventType: 'xstate.init', fromState: null, prevHash: null, actorName: null, actorId: null };
    const [, cells] = parseCsv(historyCsv([init], t)) as [string[], string[]];
    expect([cells[7], cells[8], cells[10], cells[14]]).toEqual(['', '', '', '']);
  });

  it('names its columns in English for an English reader', () => {
    const [header] = parseCsv(historyCsv([row], (key) => messages.en[key])) as [string[]];
    expect(header.slice(0, 3)).toEqual(['instance', 'kind', 'machine']);
  });
});

describe('a history as JSON', () => {
  it('keeps the rows as recorded, with what was exported and when', () => {
    const json = JSON.parse(historyJson({ instanceId: row.instanceId }, [row], new Date('2026-03-23T00:00:00Z'))) as Record<string, unknown>;
    expect(json).toEqual({ format: 'cascade.history/1', exportedAt: '2026-03-23T00:00:00.000Z', scope: { instanceId: row.instanceId }, rows: [row] });
  });

  it('names the file by what was exported', () => {
    expect(exportFileName('instance', row.instanceId, 'csv')).toBe('cascade-instance-6f1c1b7e-history.csv');
    expect(exportFileName('directive', row.instanceId, 'json')).toBe('cascade-directive-6f1c1b7e-history.json');
  });
});
