import { Checkbox, Input, InputNumber, Radio, Select } from 'antd';
import type { FieldDefinition } from '@cascade/forms';
import { useLocale } from '../i18n/LocaleProvider';

type Props = { field: FieldDefinition; value: unknown; onChange: (value: unknown) => void; disabled?: boolean; invalid?: boolean; id: string };

const emptyToUndefined = (v: string) => (v === '' ? undefined : v);

/** One input per field type; the value kept is what the validator expects (numbers, booleans,
 * `YYYY-MM-DD` strings, arrays of option values). Bounds are left to the validator rather than
 * clamped by the input, so the worker reads the same message the server would send. */
export function FieldInput({ field, value, onChange, disabled, invalid, id }: Props) {
  const { t, text } = useLocale();
  const status = invalid ? 'error' : undefined;
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: text(o.label) }));
  switch (field.type) {
    case 'integer':
    case 'number':
      return (
        <InputNumber
          id={id}
          style={{ width: '100%' }}
          inputMode={field.type === 'integer' ? 'numeric' : 'decimal'}
          status={status}
          disabled={disabled}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(typeof v === 'number' ? v : undefined)}
        />
      );
    case 'boolean':
      return (
        <Radio.Group id={id} disabled={disabled} value={typeof value === 'boolean' ? value : undefined} onChange={(e) => onChange(e.target.value as boolean)}>
          <Radio value={true}>{t('yes')}</Radio>
          <Radio value={false}>{t('no')}</Radio>
        </Radio.Group>
      );
    case 'select':
      return <Select id={id} style={{ width: '100%' }} status={status} disabled={disabled} allowClear placeholder={t('selectPlaceholder')} options={options} value={typeof value === 'string' ? value : undefined} onChange={(v: string | undefined) => onChange(v)} />;
    case 'multiselect':
      return <Checkbox.Group disabled={disabled} options={options} value={Array.isArray(value) ? (value as string[]) : []} onChange={(v) => onChange(v.length ? v : undefined)} />;
    case 'textarea':
      return <Input.TextArea id={id} status={status} disabled={disabled} autoSize={{ minRows: 3 }} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(emptyToUndefined(e.target.value))} {...(field.maxLength ? { maxLength: field.maxLength, showCount: true } : {})} />;
    case 'date':
      return <Input id={id} type="date" status={status} disabled={disabled} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(emptyToUndefined(e.target.value))} />;
    case 'phone':
      return <Input id={id} type="tel" inputMode="tel" autoComplete="tel" status={status} disabled={disabled} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(emptyToUndefined(e.target.value))} />;
    default:
      return <Input id={id} status={status} disabled={disabled} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(emptyToUndefined(e.target.value))} />;
  }
}
