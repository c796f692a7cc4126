import { readFileSync } from 'node:fs';
import { count } from 'drizzle-orm';
import { queries, users } from '@cascade/db';
import { generateGridsAndHouseholds, importDivisions, JINJIANG_FIXTURE_PATH, type Engine, type Role } from '@cascade/engine';
import { dailyReportForm, mobilisationForm, screeningForm } from '@cascade/forms';
import { cadreMobilisationTemplate, fiveLevelScreeningTemplate } from '@cascade/workflow';

export const DEMO_PASSWORD = 'cascade-demo-2026';

export type DemoLogin = { username: string; displayName: string; role: Role; unit: string };

/** Who the demo creates: people of every role at several levels of the Jinjiang district tree. */
const PEOPLE: Array<{ username: string; displayName: string; role: Role; unitCode: string }> = [
  { username: 'jinjiang-admin', displayName: '锦江区委组织部 王主任', role: 'admin', unitCode: '510104' },
  { username: 'jinjiang-auditor', displayName: '锦江区纪委监委 李审计', role: 'auditor', unitCode: '510104' },
  { username: 'jinguanyi-admin', displayName: '锦官驿街道 陈书记', role: 'admin', unitCode: '510104017' },
  { username: 'donghu-admin', displayName: '东湖街道 刘书记', role: 'admin', unitCode: '510104018' },
  { username: 'shuijingfang-admin', displayName: '水井坊社区 赵书记', role: 'admin', unitCode: '510104017001' },
  { username: 'grid-shuijingfang-1', displayName: '网格员 张敏', role: 'grid_staff', unitCode: '510104017001001' },
  { username: 'grid-shuijingfang-2', displayName: '网格员 周杰', role: 'grid_staff', unitCode: '510104017001002' },
  { username: 'grid-chongdeli-1', displayName: '网格员 吴芳', role: 'grid_staff', unitCode: '510104017002001' },
];

export type DemoResult = { seeded: boolean; logins: DemoLogin[]; directiveId: string | null };

/**
 * On an empty database: the real Jinjiang district tree with generated grids and households, people
 * of each role, the three demo forms, the two demo templates (published) and one issued directive.
 * On a database that already has users it changes nothing.
 */
export async function seedDemo(engine: Engine, log: (line: string) => void = () => {}): Promise<DemoResult> {
  const logins = PEOPLE.map((p) => ({ username: p.username, displayName: p.displayName, role: p.role, unit: p.unitCode }));
  const [existing] = await engine.db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return { seeded: false, logins, directiveId: null };

  const imported = await importDivisions(engine.db, readFileSync(JINJIANG_FIXTURE_PATH, 'utf8'));
  const generated = await generateGridsAndHouseholds(engine.db, { gridsPerVillage: 3, householdsPerGrid: [24, 48], seed: 'jinjiang-demo' });
  log(`imported ${imported.inserted} units of 锦江区; generated ${generated.grids} grids and ${generated.households} households`);

  const unitId = async (code: string) => {
    const unit = await queries.getOrgUnitByCode(engine.db, code);
    if (!unit) throw new Error(`demo unit ${code} is missing`);
    return unit.id;
  };
  const district = await unitId('510104');
  const people: Array<{ username: string; userId: string }> = [];
  for (const person of PEOPLE) {
    const { userId } = await engine.createUserWithRole(null, { username: person.username, displayName: person.displayName, password: DEMO_PASSWORD, role: person.role, orgUnitId: await unitId(person.unitCode) });
    people.push({ username: person.username, userId });
  }
  const adminId = people.find((u) => u.username === 'jinjiang-admin')?.userId as string;

  for (const form of [dailyReportForm, screeningForm, mobilisationForm]) {
    const draft = await engine.saveFormDraft(adminId, district, form);
    await engine.publishForm(adminId, draft.id);
  }
  const templateIds: string[] = [];
  for (const template of [fiveLevelScreeningTemplate, cadreMobilisationTemplate]) {
    const draft = await engine.saveTemplateDraft(adminId, { ownerUnitId: district, definition: template });
    await engine.publishTemplate(adminId, draft.id);
    templateIds.push(draft.id);
  }
  log('published forms 每日疫情防控报告, 敲门行动入户排查, 党员干部下沉报到统计 and templates 五级联防联控, 党员干部下沉社区报到');

  const deadline = new Date(engine.clock.now().getTime() + 7 * 24 * 3_600_000);
  const { directiveId } = await engine.issueDirective(adminId, {
    templateVersionId: templateIds[0] as string,
    issuingUnitId: district,
    title: '关于在疫情防控中充分发挥全区各级党组织战斗堡垒作用和党员先锋模范作用的通知',
    body: '全区各级党组织和广大党员干部要坚决响应号召,夯实网格化管理,全面开展"敲门行动",确保排查"不漏一户、不漏一人",对社区疫情防控工作实行"一天一分析、一天一调度、一天一报告"。',
    requirements: ['全覆盖排查到位', '全方位宣传到位', '全天候服务到位', '全过程群防到位'],
    deadline,
  });
  log(`issued demo directive ${directiveId} from 锦江区 to its subdistricts`);

  // One subdistrict has already passed it down, so its grids have today's report and screening to do.
  const jinguanyi = await queries.getOrgUnitByCode(engine.db, '510104017');
  const township = people.find((u) => u.username === 'jinguanyi-admin');
  if (jinguanyi && township) {
    const [receipt] = await queries.listReceipts(engine.db, directiveId, { withinPath: jinguanyi.path, limit: 1 });
    if (receipt) {
      await engine.acknowledge(township.userId, receipt.id);
      await engine.amend(township.userId, receipt.id, { requirements: ['锦官驿街道:各社区每日 18:00 前完成台账核对'], forms: [] });
      await engine.forward(township.userId, receipt.id);
      const villages = (await queries.listReceipts(engine.db, directiveId, { withinPath: jinguanyi.path })).filter((r) => r.unit.level === 'village');
      for (const village of villages) {
        await engine.acknowledge(township.userId, village.id);
        await engine.forward(township.userId, village.id);
      }
      log(`锦官驿街道 forwarded it to its ${villages.length} communities; their grids now have today's report`);
    }
  }
  return { seeded: true, logins, directiveId };
}
