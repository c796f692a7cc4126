import { InputNumber } from 'antd';
import { useLocale } from '../../i18n/LocaleProvider';

type Props = { id?: string; value?: number | null; onChange?: (v: number | null) => void; disabled?: boolean; unit?: 'hours' | 'times' };

/** A number of hours (or of periods); left empty it means "no limit". Not clamped: the validator
 * says what is wrong, as the server would. */
export function HoursInput({ id, value, onChange, disabled, unit = 'hours' }: Props) {
  const { t } = useLocale();
  return (
    <InputNumber
      id={id}
      style={{ width: '100%' }}
      value={value ?? null}
      onChange={(v) => onChange?.(typeof v === 'number' ? v : null)}
      disabled={disabled}
      placeholder={t('templatesNoLimit')}
      addonAfter={unit === 'hours' ? t('templatesHours') : t('templatesTimes')}
    />
  );
}
