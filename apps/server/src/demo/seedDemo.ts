import { readFileSync } from 'node:fs';
import { and, count, eq, isNull } from 'drizzle-orm';
import { directives, formVersions, instances, queries, roleGrants, templateVersions, users } from '@cascade/db';
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
  { username: 'jinguanyi-auditor', displayName: '锦官驿街道纪工委 何审计', role: 'auditor', unitCode: '510104017' },
  { username: 'donghu-admin', displayName: '东湖街道 刘书记', role: 'admin', unitCode: '510104018' },
  { username: 'shuijingfang-admin', displayName: '水井坊社区 赵书记', role: 'admin', unitCode: '510104017001' },
  { username: 'grid-shuijingfang-1', displayName: '网格员 张敏', role: 'grid_staff', unitCode: '510104017001001' },
  { username: 'grid-shuijingfang-2', displayName: '网格员 周杰', role: 'grid_staff', unitCode: '510104017001002' },
  { username: 'grid-chongdeli-1', displayName: '网格员 吴芳', role: 'grid_staff', unitCode: '510104017002001' },
];

export type DemoResult = {
  /** Whether this run created anything: false when the demo was already complete, or the database is not a demo's. */
  seeded: boolean;
  /** A database with users but none of the demo's is someone's real data: the demo leaves it alone. */
  notDemo: boolean;
  logins: DemoLogin[];
  directiveId: string | null;
};

const DIRECTIVE_TITLE = '关于在疫情防控中充分发挥全区各级党组织战斗堡垒作用和党员先锋模范作用的通知';

/**
 * The real Jinjiang district tree with generated grids and households, people of each role at
 * several levels, the three demo forms, the two demo templates (published) and one issued directive
 * that one subdistrict has passed down to its communities.
 *
 * Every step first looks for what it would create, so a run that was interrupted (a crash, a killed
 * process) is finished by the next one instead of being taken for done; a complete demo is left as it
 * is. A database that has users but not the demo's first admin is not a demo: nothing is touched.
 */
export async function seedDemo(engine: Engine, log: (line: string) => void = () => {}): Promise<DemoResult> {
  const logins = PEOPLE.map((p) => ({ username: p.username, displayName: p.displayName, role: p.role, unit: p.unitCode }));
  const [existing] = await engine.db.select({ n: count() }).from(users);
  const anchor = await queries.getUserByUsername(engine.db, 'jinjiang-admin');
  if ((existing?.n ?? 0) > 0 && !anchor) return { seeded: false, notDemo: true, logins, directiveId: null };
  let seeded = false;

  const imported = await importDivisions(engine.db, readFileSync(JINJIANG_FIXTURE_PATH, 'utf8'));
  const generated = await generateGridsAndHouseholds(engine.db, { gridsPerVillage: 3, householdsPerGrid: [24, 48], seed: 'jinjiang-demo' });
  if (imported.inserted > 0 || generated.grids > 0) {
    seeded = true;
    log(`imported ${imported.inserted} units of 锦江区; generated ${generated.grids} grids and ${generated.households} households`);
  }

  const unitId = async (code: string) => {
    const unit = await queries.getOrgUnitByCode(engine.db, code);
    if (!unit) throw new Error(`demo unit ${code} is missing`);
    return unit.id;
  };
  const district = await unitId('510104');
  const people: Array<{ username: string; userId: string }> = [];
  for (const person of PEOPLE) {
    const orgUnitId = await unitId(person.unitCode);
    const found = await queries.getUserByUsername(engine.db, person.username);
    if (!found) {
      const { userId } = await engine.createUserWithRole(null, { username: person.username, displayName: person.displayName, password: DEMO_PASSWORD, role: person.role, orgUnitId });
      people.push({ username: person.username, userId });
      seeded = true;
      log(`created ${person.username}`);
      continue;
    }
    // Created, but the run stopped before its role was granted.
    const [grant] = await engine.db
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, found.id), eq(roleGrants.role, person.role), eq(roleGrants.orgUnitId, orgUnitId), isNull(roleGrants.revokedAt)));
    if (!grant) {
      await engine.grantRole(null, { userId: found.id, role: person.role, orgUnitId });
      seeded = true;
    }
    people.push({ username: person.username, userId: found.id });
  }
  const adminId = people.find((u) => u.username === 'jinjiang-admin')?.userId as string;

  for (const form of [dailyReportForm, screeningForm, mobilisationForm]) {
    const [first] = await engine.db.select({ id: formVersions.id, publishedAt: formVersions.publishedAt }).from(formVersions).where(and(eq(formVersions.key, form.key), eq(formVersions.version, 1)));
    if (first?.publishedAt) continue;
    const draftId = first?.id ?? (await engine.saveFormDraft(adminId, district, form)).id;
    await engine.publishForm(adminId, draftId);
    seeded = true;
    log(`published form ${form.title.zh}`);
  }
  const templateIds: string[] = [];
  for (const template of [fiveLevelScreeningTemplate, cadreMobilisationTemplate]) {
    const [first] = await engine.db
      .select({ id: templateVersions.id, publishedAt: templateVersions.publishedAt })
      .from(templateVersions)
      .where(and(eq(templateVersions.key, template.key), eq(templateVersions.version, 1)));
    const draftId = first?.id ?? (await engine.saveTemplateDraft(adminId, { ownerUnitId: district, definition: template })).id;
    if (!first?.publishedAt) {
      await engine.publishTemplate(adminId, draftId);
      seeded = true;
      log(`published template ${template.key}`);
    }
    templateIds.push(draftId);
  }

  const [issued] = await engine.db
    .select({ id: directives.id })
    .from(directives)
    .where(and(eq(directives.issuingUnitId, district), eq(directives.title, DIRECTIVE_TITLE)));
  let directiveId = issued?.id;
  if (!directiveId) {
    const deadline = new Date(engine.clock.now().getTime() + 7 * 24 * 3_600_000);
    directiveId = (
      await engine.issueDirective(adminId, {
        templateVersionId: templateIds[0] as string,
        issuingUnitId: district,
        title: DIRECTIVE_TITLE,
        body: '全区各级党组织和广大党员干部要坚决响应号召,夯实网格化管理,全面开展"敲门行动",确保排查"不漏一户、不漏一人",对社区疫情防控工作实行"一天一分析、一天一调度、一天一报告"。',
        requirements: ['全覆盖排查到位', '全方位宣传到位', '全天候服务到位', '全过程群防到位'],
        deadline,
      })
    ).directiveId;
    seeded = true;
    log(`issued demo directive ${directiveId} from 锦江区 to its subdistricts`);
  }

  // One subdistrict has already passed it down, so its grids have today's report and screening to do.
  // Each step is taken only if the receipt has not got that far, so an interrupted run is finished.
  const jinguanyi = await queries.getOrgUnitByCode(engine.db, '510104017');
  const township = people.find((u) => u.username === 'jinguanyi-admin');
  const [directiveState] = await engine.db.select({ state: instances.state }).from(instances).where(eq(instances.id, directiveId));
  if (jinguanyi && township && directiveState?.state === 'issued') {
    const [receipt] = await queries.listReceipts(engine.db, directiveId, { withinPath: jinguanyi.path, limit: 1 });
    if (receipt && receipt.state !== 'forwarded' && receipt.state !== 'closed') {
      if (receipt.state === 'received') await engine.acknowledge(township.userId, receipt.id);
      if (receipt.state !== 'amended') await engine.amend(township.userId, receipt.id, { requirements: ['锦官驿街道:各社区每日 18:00 前完成台账核对'], forms: [] });
      await engine.forward(township.userId, receipt.id);
      seeded = true;
    }
    let passed = 0;
    const villages = (await queries.listReceipts(engine.db, directiveId, { withinPath: jinguanyi.path })).filter((r) => r.unit.level === 'village');
    for (const village of villages) {
      if (village.state === 'received') await engine.acknowledge(township.userId, village.id);
      if (village.state === 'received' || village.state === 'acknowledged') {
        await engine.forward(township.userId, village.id);
        passed++;
      }
    }
    if (passed > 0) {
      seeded = true;
      log(`锦官驿街道 forwarded it to ${passed} of its ${villages.length} communities; their grids now have today's report`);
    }
  }
  return { seeded, notDemo: false, logins, directiveId };
}
