import { Select } from 'antd';
import type { FormDefinition } from '@cascade/forms';
import { useLocale } from '../../i18n/LocaleProvider';
import type { PublishedForm } from './checkTemplate';
import { formRefValue } from './templateValues';

type Props = { id?: string; value?: string; onChange?: (v: string | undefined) => void; disabled?: boolean; forms: readonly PublishedForm[] };

/** Picks a published form version (`key@version`); a reference to one not published (or not
 * visible here) stays shown as it is, so the validator's message beside it makes sense. */
export function FormRefSelect({ id, value, onChange, disabled, forms }: Props) {
  const { t, text } = useLocale();
  const options = forms
    .filter((f) => f.publishedAt)
    .map((f) => ({ value: formRefValue(f), label: `${text((f.definition as FormDefinition).title)} · ${f.key} v${f.version}` }));
  if (value && !options.some((o) => o.value === value)) options.push({ value, label: value });
  return <Select id={id} value={value} onChange={onChange} disabled={disabled} options={options} placeholder={t('templatesPickForm')} showSearch optionFilterProp="label" allowClear style={{ width: '100%' }} />;
}
