import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { dailyReportForm, type FieldIssue } from '@cascade/forms';
import { renderWithLocale } from '../../test/renderWithLocale';
import { TaskForm } from './TaskForm';

const previous = { householdsScreened: 30, personsScreened: 80, returnees: 2, homeIsolation: 1, feverCases: 0, anomaly: false, reporterPhone: '13800138000' };

function renderForm(props: Partial<Parameters<typeof TaskForm>[0]> = {}, lang: 'zh' | 'en' = 'zh') {
  const onSubmit = vi.fn();
  renderWithLocale(<TaskForm form={dailyReportForm} canSubmit submitLabel="提交" submitting={false} serverIssues={[]} onSubmit={onSubmit} {...props} />, lang);
  return { onSubmit };
}

const field = (key: string) => screen.queryByTestId(`field-${key}`);
const input = (key: string) => document.getElementById(`field-${key}`) as HTMLInputElement;
const type = (key: string, value: string) => fireEvent.change(input(key), { target: { value } });
const submit = () => fireEvent.click(screen.getByRole('button', { name: /提\s*交|Submit/ }));

describe('TaskForm and FormRenderer', () => {
  it('shows a conditional field only while its condition holds', () => {
    renderForm();
    expect(field('anomalyNote')).toBeNull();
    fireEvent.click(within(field('anomaly')!).getByLabelText('是'));
    expect(field('anomalyNote')).not.toBeNull();
    fireEvent.click(within(field('anomaly')!).getByLabelText('否'));
    expect(field('anomalyNote')).toBeNull();
  });

  it('shows the shared validator’s message under a field once it is touched, in the current language', () => {
    renderForm({}, 'en');
    expect(within(field('householdsScreened')!).queryByText(/at least/)).toBeNull();
    type('householdsScreened', '-5');
    expect(within(field('householdsScreened')!).getByText('"Households screened today" must be at least 0')).toBeTruthy();
    // untouched fields stay quiet until a submit attempt
    expect(within(field('personsScreened')!).queryByText(/required/)).toBeNull();
  });

  it('refuses to submit with errors and shows every message; submits the validated answers otherwise', () => {
    const { onSubmit } = renderForm();
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(within(field('personsScreened')!).getByText('"排查人数" 为必填项')).toBeTruthy();
    expect(screen.getByText('请先改正标红的字段')).toBeTruthy();
    for (const [key, value] of Object.entries({ householdsScreened: '3', personsScreened: '9', returnees: '0', homeIsolation: '0', feverCases: '0', reporterPhone: ' 13800138000 ' })) type(key, value);
    fireEvent.click(within(field('anomaly')!).getByLabelText('否'));
    submit();
    expect(onSubmit).toHaveBeenCalledWith({ householdsScreened: 3, personsScreened: 9, returnees: 0, homeIsolation: 0, feverCases: 0, anomaly: false, reporterPhone: '13800138000' });
  });

  it('prefills from the previous period and marks the fields changed since', () => {
    renderForm({ previous });
    expect(screen.getByText(/已按上期答案预填/)).toBeTruthy();
    expect(input('householdsScreened').value).toBe('30');
    expect(screen.queryByTestId('changed-householdsScreened')).toBeNull();
    type('householdsScreened', '31');
    expect(screen.getByTestId('changed-householdsScreened')).toBeTruthy();
    expect(screen.queryByTestId('changed-personsScreened')).toBeNull();
  });

  it('prefers this task’s own last submission over the previous period', () => {
    renderForm({ previous, current: { ...previous, householdsScreened: 44 } });
    expect(input('householdsScreened').value).toBe('44');
    expect(screen.queryByText(/已按上期答案预填/)).toBeNull();
    expect(screen.getByTestId('changed-householdsScreened')).toBeTruthy();
  });

  it('shows the server’s field issues at the field until it is edited', () => {
    const issues: FieldIssue[] = [{ path: 'data.reporterPhone', rule: 'phone', message: { zh: '"填报人电话" 不是有效的手机或座机号码', en: 'not a valid number' } }];
    renderForm({ previous, serverIssues: issues });
    expect(within(field('reporterPhone')!).getByText('"填报人电话" 不是有效的手机或座机号码')).toBeTruthy();
    type('reporterPhone', '13900139000');
    expect(within(field('reporterPhone')!).queryByText(/不是有效/)).toBeNull();
  });

  it('is read-only without a submit button when the task cannot be submitted', () => {
    renderForm({ previous, canSubmit: false });
    expect(screen.queryByRole('button', { name: /提\s*交/ })).toBeNull();
    expect(input('householdsScreened').disabled).toBe(true);
  });
});
