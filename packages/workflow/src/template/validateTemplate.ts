import type { FieldIssue, FormDefinition, LocalizedText } from '@cascade/forms';
import { LEVEL_NAMES, levelRank, type Level } from '../levels.js';
import { receiptShape } from './compileTemplate.js';
import { templateDefinitionSchema, type FormRef, type TemplateDefinition } from './templateDefinition.js';
import { zodIssuesToFieldIssues } from '@cascade/forms';

export type TemplateIssue = FieldIssue;

export type TemplateContext = {
  /** Looks up a published form version; undefined means there is none. */
  form(ref: FormRef): FormDefinition | undefined;
  /** The template this one derives from, when a lower unit sets up its own chain from a higher one's. */
  parent?: TemplateDefinition;
};

const issue = (path: string, rule: string, zh: string, en: string): TemplateIssue => ({ path, rule, message: { zh, en } });
const name = (level: Level): LocalizedText => LEVEL_NAMES[level];

function checkChain(def: TemplateDefinition, out: TemplateIssue[]): void {
  def.chain.forEach((level, i) => {
    const prev = def.chain[i - 1];
    if (prev !== undefined && levelRank(level) <= levelRank(prev)) {
      out.push(issue(`chain.${i}`, 'order', `层级"${name(level).zh}"必须低于"${name(prev).zh}"`, `level "${level}" must be below "${prev}"`));
    }
  });
}

function checkLevel(def: TemplateDefinition, level: Level, path: string, out: TemplateIssue[], receiving = true): boolean {
  const index = def.chain.indexOf(level);
  if (index < 0) {
    out.push(issue(path, 'level', `层级"${name(level).zh}"不在链条中`, `level "${level}" is not in the chain`));
    return false;
  }
  if (receiving && index === 0) {
    out.push(issue(path, 'level', `发文层级"${name(level).zh}"不接收本通知`, `the issuing level "${level}" does not receive its own directive`));
    return false;
  }
  return true;
}

function checkForm(ctx: TemplateContext, ref: FormRef, path: string, out: TemplateIssue[]): void {
  if (!ctx.form(ref)) out.push(issue(path, 'unknownForm', `表单 ${ref.key} 第 ${ref.version} 版不存在或未发布`, `form ${ref.key} version ${ref.version} does not exist or is not published`));
}

/** The receipt states a level can ever be in, from its compiled shape. */
function reachableStates(def: TemplateDefinition, level: Level): Set<string> {
  const shape = receiptShape(def, level);
  const canForward = shape.nextLevel !== null;
  if (shape.issue.autoForward && canForward) return new Set(['received', 'forwarded']);
  const states = new Set(['received', 'acknowledged']);
  if (shape.issue.canAmend) states.add('amended');
  if (canForward) states.add('forwarded');
  return states;
}

function checkStart(def: TemplateDefinition, level: Level, startsOn: string, path: string, out: TemplateIssue[]): void {
  if (!reachableStates(def, level).has(startsOn)) {
    out.push(issue(path, 'unreachable', `"${name(level).zh}"的回执永远不会进入"${startsOn}"状态,此阶段无法开始`, `a ${level} receipt never reaches "${startsOn}", so this stage can never start`));
  }
}

/** An IANA zone name (`Asia/Shanghai`, `UTC`, `Etc/GMT-8`) that this runtime knows; offsets such
 * as `+08:00` are refused, because daylight-saving zones need a name to be reckoned right. */
function isIanaTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z_]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const dueMinutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const PERIOD_RANK = { daily: 0, weekly: 1, once: 2 } as const;

/** A derived template may tighten what its parent asks, never loosen it. */
function checkAgainstParent(def: TemplateDefinition, parent: TemplateDefinition, out: TemplateIssue[]): void {
  const parentTail = parent.chain.slice(parent.chain.indexOf(def.chain[0] as Level));
  if (!def.chain.every((level) => parentTail.includes(level)) || def.chain[0] === undefined || !parent.chain.includes(def.chain[0])) {
    out.push(issue('chain', 'derivedChain', '派生模板的链条必须是上级模板链条的一部分', "a derived template's chain must lie within its parent's chain"));
  }
  // Only levels that receive under this template are bound; leaving a level's settings out drops
  // its deadlines just as leaving out the field does.
  for (const [level, theirs] of Object.entries(parent.stages.issue.levels) as Array<[Level, NonNullable<TemplateDefinition['stages']['issue']['levels'][Level]>]>) {
    if (def.chain.indexOf(level) < 1) continue;
    const mine = def.stages.issue.levels[level];
    for (const field of ['acknowledgeWithinHours', 'forwardWithinHours'] as const) {
      const limit = theirs[field];
      const own = mine?.[field];
      if (limit !== undefined && (own === undefined || own > limit)) {
        out.push(issue(`stages.issue.levels.${level}.${field}`, 'loosened', `时限不得宽于上级模板的 ${limit} 小时`, `deadline may not be looser than the parent's ${limit} hours`));
      }
    }
  }
  parent.stages.report.forEach((theirs) => {
    // A report from this template's issuing level is owed upward under the parent's directive, not here.
    if (def.chain.indexOf(theirs.level) < 1) return;
    const index = def.stages.report.findIndex((r) => r.id === theirs.id);
    const mine = def.stages.report[index];
    if (!mine) {
      out.push(issue('stages.report', 'dropped', `不得删除上级模板的报告"${theirs.name.zh}"`, `may not drop the parent's report "${theirs.id}"`));
      return;
    }
    if (dueMinutes(mine.dueTime) > dueMinutes(theirs.dueTime)) {
      out.push(issue(`stages.report.${index}.dueTime`, 'loosened', `截止时间不得晚于上级模板的 ${theirs.dueTime}`, `due time may not be later than the parent's ${theirs.dueTime}`));
    }
    if (PERIOD_RANK[mine.period] > PERIOD_RANK[theirs.period]) {
      out.push(issue(`stages.report.${index}.period`, 'loosened', '报告频次不得低于上级模板', "reports may not be less frequent than the parent's"));
    }
  });
}

/** Parses and checks a template; every problem comes back with the exact path where it arises. */
export function validateTemplate(input: unknown, ctx: TemplateContext): { ok: true; value: TemplateDefinition } | { ok: false; issues: TemplateIssue[] } {
  const parsed = templateDefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssuesToFieldIssues(parsed.error.issues) };
  const def = parsed.data;
  const out: TemplateIssue[] = [];
  if (!isIanaTimeZone(def.timeZone)) {
    out.push(issue('timeZone', 'timeZone', `"${def.timeZone}"不是有效的 IANA 时区(如 Asia/Shanghai)`, `"${def.timeZone}" is not a valid IANA time zone (such as Asia/Shanghai)`));
  }
  checkChain(def, out);
  const last = def.chain[def.chain.length - 1];
  for (const [level, cfg] of Object.entries(def.stages.issue.levels) as Array<[Level, { autoForward: boolean }]>) {
    const path = `stages.issue.levels.${level}`;
    if (!checkLevel(def, level, path, out)) continue;
    if (cfg.autoForward && level === last) out.push(issue(`${path}.autoForward`, 'autoForward', '链条末级没有下级可转发', 'the last level of the chain has no one to forward to'));
  }
  const reportIds = new Set<string>();
  def.stages.report.forEach((report, i) => {
    const path = `stages.report.${i}`;
    if (reportIds.has(report.id)) out.push(issue(`${path}.id`, 'unique', `报告编号 ${report.id} 重复`, `report id ${report.id} is used twice`));
    reportIds.add(report.id);
    checkForm(ctx, report.form, `${path}.form`, out);
    if (checkLevel(def, report.level, `${path}.level`, out)) checkStart(def, report.level, report.startsOn, `${path}.startsOn`, out);
  });
  const mobilize = def.stages.mobilize;
  if (mobilize) {
    if (mobilize.registrationLevel) checkLevel(def, mobilize.registrationLevel, 'stages.mobilize.registrationLevel', out);
    mobilize.assignLevels.forEach((level, i) => checkLevel(def, level, `stages.mobilize.assignLevels.${i}`, out));
    const screening = mobilize.screening;
    if (screening) {
      checkForm(ctx, screening.form, 'stages.mobilize.screening.form', out);
      if (screening.level !== 'grid') out.push(issue('stages.mobilize.screening.level', 'level', '入户排查只能由网格承担', 'door-to-door screening is done by grids'));
      else if (checkLevel(def, screening.level, 'stages.mobilize.screening.level', out)) checkStart(def, screening.level, screening.startsOn, 'stages.mobilize.screening.startsOn', out);
    }
  }
  def.stages.evaluate?.levels.forEach((level, i) => checkLevel(def, level, `stages.evaluate.levels.${i}`, out));
  if (ctx.parent) checkAgainstParent(def, ctx.parent, out);
  return out.length > 0 ? { ok: false, issues: out } : { ok: true, value: def };
}
