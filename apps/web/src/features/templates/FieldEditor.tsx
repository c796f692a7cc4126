import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { AGGREGATIONS, CHOICE_FIELD_TYPES, FIELD_TYPES, FREE_TEXT_FIELD_TYPES, NUMERIC_AGGREGATIONS, NUMERIC_FIELD_TYPES, type Aggregation, type FieldType } from '@cascade/forms';
import type { MessageKey } from '../../i18n/messages';
import { useLocale } from '../../i18n/LocaleProvider';
import { BilingualInputs } from './BilingualInputs';
import { useIssues } from './editorIssues';
import { VISIBILITY_MODES, type FieldValues, type VisibilityMode } from './formValues';

export const FIELD_TYPE_LABEL: Record<FieldType, MessageKey> = {
  text: 'templatesTypeText',
  textarea: 'templatesTypeTextarea',
  integer: 'templatesTypeInteger',
  number: 'templatesTypeNumber',
  select: 'templatesTypeSelect',
  multiselect: 'templatesTypeMultiselect',
  date: 'templatesTypeDate',
  boolean: 'templatesTypeBoolean',
  phone: 'templatesTypePhone',
  idcard: 'templatesTypeIdcard',
};

const AGGREGATION_LABEL: Record<Aggregation, MessageKey> = { sum: 'templatesAggSum', avg: 'templatesAggAvg', min: 'templatesAggMin', max: 'templatesAggMax', count: 'templatesAggCount' };
const MODE_LABEL: Record<VisibilityMode, MessageKey> = { equals: 'templatesWhenEquals', in: 'templatesWhenIn', notEmpty: 'templatesWhenNotEmpty', empty: 'templatesWhenEmpty' };

type Props = {
  /** The Form.List entry's name (its index) and its position among the fields. */
  name: number;
  index: number;
  count: number;
  field: FieldValues;
  /** The fields above this one: a condition may only look upward. */
  earlier: readonly FieldValues[];
  disabled: boolean;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
};

/** The value a condition compares with, typed after the field it looks at. */
function EqualsInput({ controller, ...rest }: { controller: FieldValues | undefined; id?: string; value?: unknown; onChange?: (v: unknown) => void }) {
  const { t, text } = useLocale();
  const options = (controller?.options ?? []).map((o) => ({ value: o.value ?? '', label: text({ zh: o.label?.zh ?? o.value ?? '', en: o.label?.en ?? o.value ?? '' }) }));
  switch (controller?.type) {
    case 'boolean':
      return <Select {...rest} options={[{ value: true, label: t('yes') }, { value: false, label: t('no') }]} />;
    case 'select':
    case 'multiselect':
      return <Select {...rest} options={options} />;
    case 'integer':
    case 'number':
      return <InputNumber {...rest} value={typeof rest.value === 'number' ? rest.value : null} style={{ width: '100%' }} />;
    default:
      return <Input id={rest.id} value={typeof rest.value === 'string' ? rest.value : ''} onChange={(e) => rest.onChange?.(e.target.value)} />;
  }
}

/** One field of the form being built: what is asked, of which type, with which rules, shown when,
 * and how it adds up in roll-ups. Only the settings that apply to the type are offered. */
export function FieldEditor({ name, index, count, field, earlier, disabled, move, remove }: Props) {
  const { t, text } = useLocale();
  const issues = useIssues();
  const base = `fields.${name}`;
  const type = field.type ?? 'text';
  const numeric = NUMERIC_FIELD_TYPES.includes(type);
  const choice = CHOICE_FIELD_TYPES.includes(type);
  const freeText = FREE_TEXT_FIELD_TYPES.includes(type);
  const aggregations = AGGREGATIONS.filter((a) => numeric || !NUMERIC_AGGREGATIONS.includes(a));
  const controller = earlier.find((f) => f.key === field.visibleWhen?.field);
  const mode = field.visibleWhen?.mode ?? 'equals';
  const title = field.label?.zh || field.label?.en ? text({ zh: field.label?.zh ?? '', en: field.label?.en ?? '' }) : (field.key ?? '');
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`field-editor-${index}`}
      title={t('templatesFieldN', { n: index + 1, name: title })}
      extra={
        !disabled && (
          <Space>
            <Button size="small" icon={<ArrowUpOutlined />} disabled={index === 0} aria-label={t('templatesMoveFieldUp', { n: index + 1 })} onClick={() => move(index, index - 1)} />
            <Button size="small" icon={<ArrowDownOutlined />} disabled={index === count - 1} aria-label={t('templatesMoveFieldDown', { n: index + 1 })} onClick={() => move(index, index + 1)} />
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('templatesRemoveField', { n: index + 1 })} onClick={() => remove(name)} />
          </Space>
        )
      }
    >
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'key']} label={t('templatesFieldKey')} required tooltip={t('templatesFieldKeyHint')} {...issues.item(`${base}.key`)}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={14} md={10}>
          <Form.Item name={[name, 'type']} label={t('templatesFieldType')} {...issues.item(`${base}.type`)}>
            <Select options={FIELD_TYPES.map((ft) => ({ value: ft, label: t(FIELD_TYPE_LABEL[ft]) }))} />
          </Form.Item>
        </Col>
        <Col xs={10} md={6}>
          <Form.Item name={[name, 'required']} label={t('templatesFieldRequired')} valuePropName="checked" {...issues.item(`${base}.required`)}>
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <BilingualInputs path={`${base}.label`} name={[name, 'label']} label={t('templatesFieldLabel')} required />
      <BilingualInputs path={`${base}.help`} name={[name, 'help']} label={t('templatesFieldHelp')} />
      {(numeric || type === 'multiselect') && (
        <Row gutter={12}>
          {(['min', 'max'] as const).map((bound) => (
            <Col xs={12} key={bound}>
              <Form.Item name={[name, bound]} label={type === 'multiselect' ? t(bound === 'min' ? 'templatesMinChoices' : 'templatesMaxChoices') : t(bound === 'min' ? 'templatesMin' : 'templatesMax')} {...issues.item(`${base}.${bound}`)}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      )}
      {freeText && (
        <>
          <Row gutter={12}>
            <Col xs={12} md={6}>
              <Form.Item name={[name, 'minLength']} label={t('templatesMinLength')} {...issues.item(`${base}.minLength`)}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={[name, 'maxLength']} label={t('templatesMaxLength')} {...issues.item(`${base}.maxLength`)}>
                <InputNumber style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={[name, 'pattern']} label={t('templatesPattern')} tooltip={t('templatesPatternHint')} {...issues.item(`${base}.pattern`)}>
                <Input autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          {field.pattern && <BilingualInputs path={`${base}.patternMessage`} name={[name, 'patternMessage']} label={t('templatesPatternMessage')} />}
        </>
      )}
      {choice && (
        <div role="group" aria-label={t('templatesOptions')}>
          <Typography.Text>{t('templatesOptions')}</Typography.Text>
          {issues.at(`${base}.options`).length > 0 && (
            <Typography.Paragraph type="danger" role="alert">
              {issues.at(`${base}.options`).map((i) => text(i.message)).join(';')}
            </Typography.Paragraph>
          )}
          <Form.List name={[name, 'options']}>
            {(options, ops) => (
              <>
                {options.map((option, i) => (
                  <Row gutter={8} key={option.key} align="top">
                    <Col xs={24} md={6}>
                      <Form.Item name={[option.name, 'value']} label={t('templatesOptionValue', { n: i + 1 })} {...issues.item(`${base}.options.${option.name}.value`)}>
                        <Input autoComplete="off" />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={8}>
                      <Form.Item name={[option.name, 'label', 'zh']} label={t('templatesOptionZh', { n: i + 1 })} {...issues.item(`${base}.options.${option.name}.label.zh`)}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={10} md={8}>
                      <Form.Item name={[option.name, 'label', 'en']} label={t('templatesOptionEn', { n: i + 1 })} {...issues.item(`${base}.options.${option.name}.label.en`)}>
                        <Input />
                      </Form.Item>
                    </Col>
                    <Col xs={4} md={2} style={{ paddingTop: 30 }}>
                      {!disabled && <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('templatesRemoveOption', { n: i + 1 })} onClick={() => ops.remove(option.name)} />}
                    </Col>
                  </Row>
                ))}
                {!disabled && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => ops.add({ value: `option${options.length + 1}`, label: { zh: '', en: '' } })} style={{ marginBottom: 12 }}>
                    {t('templatesAddOption')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </div>
      )}
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'aggregate']} label={t('templatesAggregate')} tooltip={t('templatesAggregateHint')} {...issues.item(`${base}.aggregate`)}>
            <Select allowClear placeholder={t('templatesNone')} options={aggregations.map((a) => ({ value: a, label: t(AGGREGATION_LABEL[a]) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item name={[name, 'conditional']} label={t('templatesConditional')} valuePropName="checked" {...issues.item(`${base}.visibleWhen`)}>
            <Switch disabled={disabled || earlier.length === 0} />
          </Form.Item>
        </Col>
      </Row>
      {field.conditional && (
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name={[name, 'visibleWhen', 'field']} label={t('templatesWhenField')} {...issues.item(`${base}.visibleWhen.field`)}>
              <Select options={earlier.filter((f) => f.key).map((f) => ({ value: f.key as string, label: `${text({ zh: f.label?.zh ?? '', en: f.label?.en ?? '' }) || f.key} (${f.key})` }))} placeholder={t('selectPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name={[name, 'visibleWhen', 'mode']} label={t('templatesWhenMode')} initialValue="equals">
              <Select options={VISIBILITY_MODES.map((m) => ({ value: m, label: t(MODE_LABEL[m]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            {mode === 'equals' && (
              <Form.Item name={[name, 'visibleWhen', 'equals']} label={t('templatesWhenValue')} {...issues.item(`${base}.visibleWhen.equals`)}>
                <EqualsInput controller={controller} />
              </Form.Item>
            )}
            {mode === 'in' && (
              <Form.Item name={[name, 'visibleWhen', 'in']} label={t('templatesWhenValues')} {...issues.item(`${base}.visibleWhen.in`)}>
                <Select mode="tags" options={(controller?.options ?? []).map((o) => ({ value: o.value ?? '', label: o.value ?? '' }))} />
              </Form.Item>
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
