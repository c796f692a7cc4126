import type { LocalizedText } from './localizedText.js';

/** Messages for problems in a form definition, read by the form's author in the designer. */
export const definitionMessages = {
  noFields: (): LocalizedText => ({ zh: '表单至少需要一个字段', en: 'A form needs at least one field' }),
  duplicateKey: (key: string): LocalizedText => ({
    zh: `字段键 "${key}" 重复`,
    en: `Field key "${key}" is used more than once`,
  }),
  optionsRequired: (): LocalizedText => ({
    zh: '单选和多选字段至少需要一个选项',
    en: 'Select and multiselect fields need at least one option',
  }),
  duplicateOption: (value: string): LocalizedText => ({
    zh: `选项值 "${value}" 重复`,
    en: `Option value "${value}" is used more than once`,
  }),
  notApplicable: (property: string, type: string): LocalizedText => ({
    zh: `"${property}" 不适用于 ${type} 类型的字段`,
    en: `"${property}" does not apply to a ${type} field`,
  }),
  rangeReversed: (low: string, high: string): LocalizedText => ({
    zh: `${high} 不能小于 ${low}`,
    en: `${high} must not be less than ${low}`,
  }),
  choiceCount: (property: string): LocalizedText => ({
    zh: `多选字段的 ${property} 是选项个数，应为非负整数`,
    en: `On a multiselect, ${property} counts choices and must be a non-negative whole number`,
  }),
  badPattern: (reason: string): LocalizedText => ({
    zh: `正则表达式无法编译：${reason}`,
    en: `The regular expression does not compile: ${reason}`,
  }),
  unknownReference: (key: string): LocalizedText => ({
    zh: `显示条件引用了不存在的字段 "${key}"`,
    en: `The visibility condition refers to "${key}", which is not a field of this form`,
  }),
  laterReference: (key: string): LocalizedText => ({
    zh: `显示条件只能引用前面的字段，"${key}" 不在此字段之前`,
    en: `The visibility condition may only refer to an earlier field; "${key}" does not come before this one`,
  }),
  noCondition: (): LocalizedText => ({
    zh: '显示条件需要 equals、in 或 notEmpty 之一',
    en: 'The visibility condition needs one of equals, in or notEmpty',
  }),
  conditionValue: (key: string): LocalizedText => ({
    zh: `条件值与字段 "${key}" 的类型或选项不符，条件永远不会成立`,
    en: `The condition value does not fit the type or options of "${key}", so it could never hold`,
  }),
  numericAggregate: (aggregate: string, type: string): LocalizedText => ({
    zh: `汇总方式 ${aggregate} 只能用于整数或数字字段，不能用于 ${type}`,
    en: `Aggregation ${aggregate} needs an integer or number field, not ${type}`,
  }),
};
