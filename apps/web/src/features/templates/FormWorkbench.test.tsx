import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FormDefinition } from '@cascade/forms';
import { App } from '../../app/App';
import { Providers } from '../../app/Providers';
import { fakeServer, ok } from '../../test/fakeServer';

const COUNTY = '51/5101/510104';
const FORM_ID = '8b1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f';
const SAVED_ID = '9c1c1b7e-3f0a-4c11-9d7e-0a1b2c3d4e5f';
const principal = { userId: 'u1', username: 'jinjiang-admin', displayName: '王主任', grants: [{ role: 'admin', orgUnitId: 'county', path: COUNTY, level: 'county' }] };
const feverForm: FormDefinition = {
  key: 'fever-clinic-daily',
  title: { zh: '发热门诊日报', en: 'Fever clinic daily' },
  fields: [
    { key: 'visits', type: 'integer', label: { zh: '就诊人数', en: 'Visits' }, required: true, min: 0, aggregate: 'sum' },
    { key: 'referred', type: 'boolean', label: { zh: '是否有转诊', en: 'Any referrals' }, required: true },
    { key: 'referralNote', type: 'textarea', label: { zh: '转诊情况说明', en: 'Referral details' }, required: true, visibleWhen: { field: 'referred', equals: true } },
  ],
};
const row = (publishedAt: string | null, id = FORM_ID, version = 1) => ({ id, key: feverForm.key, version, definition: feverForm, publishedAt, ownerUnitId: 'county', createdBy: 'u1', createdAt: '2026-03-20T00:00:00.000Z', owner: { id: 'county', name: '锦江区', level: 'county', path: COUNTY } });

const item = (id: string) => document.getElementById(id)!.closest('.ant-form-item') as HTMLElement;
const inError = (id: string) => item(id).classList.contains('ant-form-item-has-error');

function renderAt(path: string) {
  window.history.replaceState(null, '', path);
  return render(
    <Providers>
      <App />
    </Providers>,
  );
}

describe('the form builder', () => {
  let server: ReturnType<typeof fakeServer>;
  let stored: ReturnType<typeof row>;
  beforeEach(() => {
    stored = row(null);
    server = fakeServer({
      'auth.me': () => ok(principal),
      'notifications.unreadCount': () => ok(0),
      'orgUnits.roots': () => ok([{ id: 'county', name: '锦江区', code: '510104', level: 'county', path: COUNTY }]),
      'forms.get': (input) => ok((input as { id: string }).id === SAVED_ID ? row(null, SAVED_ID, 2) : stored),
      'forms.list': () => ok([]),
      'forms.saveDraft': () => ok({ id: SAVED_ID, version: 2 }),
      'forms.publish': () => ok({ ok: true }),
    });
    vi.stubGlobal('fetch', server.fetch);
    localStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('previews the form as a worker fills it: the conditional field appears on "yes", required fields are enforced', async () => {
    renderAt(`/templates/forms/${FORM_ID}`);
    const preview = await screen.findByTestId('form-preview');
    expect(within(preview).queryByTestId('field-referralNote')).toBeNull();
    fireEvent.click(within(within(preview).getByTestId('field-referred')).getByLabelText('是'));
    await within(preview).findByTestId('field-referralNote');
    fireEvent.click(within(preview).getByRole('button', { name: /试填校验/ }));
    await waitFor(() => expect(within(within(preview).getByTestId('field-visits')).getByText('"就诊人数" 为必填项')).toBeTruthy());
    expect(within(preview).getByRole('status').textContent).toBe('2 个字段未通过校验');
    fireEvent.click(within(within(preview).getByTestId('field-referred')).getByLabelText('否'));
    await waitFor(() => expect(within(preview).queryByTestId('field-referralNote')).toBeNull());
  });

  it('names a builder’s mistake at its input, keeps the last valid preview, and saves the definition it shows', async () => {
    renderAt(`/templates/forms/${FORM_ID}`);
    await screen.findByTestId('form-preview');
    // A label is required in both languages.
    const label = document.getElementById('formDefinition_fields_1_label_zh') as HTMLInputElement;
    fireEvent.change(label, { target: { value: '' } });
    await waitFor(() => expect(inError('formDefinition_fields_1_label_zh')).toBe(true));
    expect(screen.getByTestId('form-check').textContent).toBe('1 处问题');
    expect(screen.getByText('定义有误,预览为最近一次有效的定义')).toBeTruthy();
    expect((screen.getByRole('button', { name: /发布表单/ }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(label, { target: { value: '有无转诊' } });
    await waitFor(() => expect(screen.getByTestId('form-check').textContent).toBe('校验通过'));
    await waitFor(() => expect(within(screen.getByTestId('form-preview')).getByText('有无转诊')).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    await waitFor(() => expect(server.calls.some((c) => c.path === 'forms.saveDraft')).toBe(true));
    const saved = server.calls.find((c) => c.path === 'forms.saveDraft')?.input as { ownerUnitId: string; definition: FormDefinition };
    expect(saved.ownerUnitId).toBe('county');
    expect(saved.definition.fields[1]?.label.zh).toBe('有无转诊');
    expect(saved.definition.fields[2]?.visibleWhen).toEqual({ field: 'referred', equals: true });
    // The saved version is opened.
    await screen.findByText('第 2 版');
  });

  it('adds a field with a key not yet used; saving names its missing label and sends nothing', async () => {
    renderAt(`/templates/forms/${FORM_ID}`);
    await screen.findByTestId('form-preview');
    fireEvent.click(screen.getByRole('button', { name: /添加字段/ }));
    const added = await screen.findByTestId('field-editor-3');
    expect((document.getElementById('formDefinition_fields_3_key') as HTMLInputElement).value).toBe('field4');
    // A new field has no label yet: named at its input once a save is tried, and nothing is sent.
    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    await waitFor(() => expect(inError('formDefinition_fields_3_label_zh')).toBe(true));
    expect(server.calls.some((c) => c.path === 'forms.saveDraft')).toBe(false);
    expect(within(added).getByText('字段 4:field4')).toBeTruthy();
  });

  it('keeps a published form read-only', async () => {
    stored = row('2026-03-21T00:00:00.000Z');
    renderAt(`/templates/forms/${FORM_ID}`);
    await screen.findByText('已发布的版本只读;如需修改请新建版本');
    expect((document.getElementById('formDefinition_key') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: /保存草稿/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /添加字段/ })).toBeNull();
    expect(screen.getByRole('button', { name: /基于此版本新建版本/ })).toBeTruthy();
  });
});
