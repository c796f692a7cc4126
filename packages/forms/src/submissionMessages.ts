import type { FieldDefinition } from './fieldDefinition.js';
import type { LocalizedText } from './localizedText.js';

const q = (field: FieldDefinition) => ({ zh: `"${field.label.zh}"`, en: `"${field.label.en}"` });

/** What a grid worker reads under an input: the field by its label, and the rule it broke. */
export const submissionMessages = {
  required: (f: FieldDefinition): LocalizedText => ({ zh: `${q(f).zh} 为必填项`, en: `${q(f).en} is required` }),
  type: (f: FieldDefinition, expected: LocalizedText): LocalizedText => ({ zh: `${q(f).zh} 应为${expected.zh}`, en: `${q(f).en} must be ${expected.en}` }),
  integer: (f: FieldDefinition): LocalizedText => ({ zh: `${q(f).zh} 必须是整数`, en: `${q(f).en} must be a whole number` }),
  min: (f: FieldDefinition, min: number): LocalizedText => ({ zh: `${q(f).zh} 不能小于 ${min}`, en: `${q(f).en} must be at least ${min}` }),
  max: (f: FieldDefinition, max: number): LocalizedText => ({ zh: `${q(f).zh} 不能大于 ${max}`, en: `${q(f).en} must be at most ${max}` }),
  minChoices: (f: FieldDefinition, min: number): LocalizedText => ({ zh: `${q(f).zh} 至少选择 ${min} 项`, en: `${q(f).en} needs at least ${min} choices` }),
  maxChoices: (f: FieldDefinition, max: number): LocalizedText => ({ zh: `${q(f).zh} 最多选择 ${max} 项`, en: `${q(f).en} allows at most ${max} choices` }),
  minLength: (f: FieldDefinition, n: number): LocalizedText => ({ zh: `${q(f).zh} 至少 ${n} 个字`, en: `${q(f).en} needs at least ${n} characters` }),
  maxLength: (f: FieldDefinition, n: number): LocalizedText => ({ zh: `${q(f).zh} 最多 ${n} 个字`, en: `${q(f).en} allows at most ${n} characters` }),
  pattern: (f: FieldDefinition): LocalizedText =>
    f.patternMessage ? { zh: `${q(f).zh}:${f.patternMessage.zh}`, en: `${q(f).en}: ${f.patternMessage.en}` } : { zh: `${q(f).zh} 格式不正确`, en: `${q(f).en} is not in the required format` },
  option: (f: FieldDefinition): LocalizedText => ({ zh: `${q(f).zh} 只能从给定选项中选择`, en: `${q(f).en} must be one of its options` }),
  unique: (f: FieldDefinition): LocalizedText => ({ zh: `${q(f).zh} 的选项不能重复`, en: `${q(f).en} lists a choice twice` }),
  date: (f: FieldDefinition): LocalizedText => ({ zh: `${q(f).zh} 应为有效日期(年-月-日)`, en: `${q(f).en} must be a real date (YYYY-MM-DD)` }),
  phone: (f: FieldDefinition): LocalizedText => ({ zh: `${q(f).zh} 不是有效的手机或座机号码`, en: `${q(f).en} is not a valid mobile or landline number` }),
  idcard: (f: FieldDefinition): LocalizedText => ({ zh: `${q(f).zh} 不是有效的居民身份证号码`, en: `${q(f).en} is not a valid resident ID number` }),
  unknown: (key: string): LocalizedText => ({ zh: `表单中没有字段 "${key}"`, en: `the form has no field "${key}"` }),
};

export const EXPECTED: Record<string, LocalizedText> = {
  number: { zh: '数字', en: 'a number' },
  string: { zh: '文字', en: 'text' },
  boolean: { zh: '是或否', en: 'yes or no' },
  array: { zh: '多个选项', en: 'a list of choices' },
};
