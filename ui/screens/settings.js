// ตั้งค่าระเบียบกลุ่ม: the group's details and its rules. Every rule shows the date it took
// effect; a change is dated, so earlier months keep the rules of their time.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { MONTHS, thaiDate, workDateTyped, typedDate } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';

// Rules chosen from a list rather than typed: value -> Thai label.
const CHOICES = {
  year_start_month: MONTHS.map((m, i) => [String(i + 1), m]),
  bahttext: [
    ['excel', '101 พิมพ์ว่า หนึ่งร้อยเอ็ดบาท (ตามราชบัณฑิตยสถาน)'],
    ['libreoffice', '101 พิมพ์ว่า หนึ่งร้อยหนึ่งบาท'],
  ],
  digits: [
    ['arabic', 'เลขอารบิก 0 1 2 3'],
    ['thai', 'เลขไทย ๐ ๑ ๒ ๓'],
  ],
  loan_charge_word: [
    ['ดอกเบี้ย', 'ดอกเบี้ย'],
    ['ค่าบำรุง', 'ค่าบำรุง'],
  ],
  loan_late_rule: [
    ['fine', 'ปรับเป็นเงินต่องวดที่ส่งช้า'],
    ['default-interest', 'ดอกเบี้ยผิดนัด เฉพาะเงินต้นของงวดที่ค้าง'],
    ['none', 'ไม่ปรับ'],
  ],
  loan_first_period: [
    ['full-month', 'คิดเต็มเดือน'],
    ['by-days', 'คิดตามจำนวนวันที่กู้จริง'],
  ],
  loan_interest_basis: [
    ['monthly', 'รายเดือน (ส่งภายในวันผ่อนผันไม่กระทบดอกเบี้ย)'],
    ['daily', 'ตามจำนวนวันที่ค้างเงินต้นจริง'],
  ],
  loan_after_maturity: [
    ['contract', 'ตามวิธีและอัตราของสัญญา'],
    ['default-rate', 'อัตราดอกเบี้ยผิดนัดของกลุ่ม'],
  ],
};
// Choices whose meaning needs more than their name: the help is shown under them too.
const EXPLAINED = new Set(['loan_first_period', 'loan_interest_basis', 'loan_after_maturity']);

function shown(row) {
  const c = CHOICES[row.key];
  const found = c && c.find(([v]) => v === row.value);
  return found ? found[1] : row.value;
}

function groupForm(g) {
  return html`<form id="group-form" novalidate>
    ${errorSummary}
    <div class="form-grid">
      ${field({ name: 'name', label: 'ชื่อกลุ่ม', value: g.name, width: 'w4', attrs: { autofocus: true } })}
      ${field({ name: 'founded', date: true, label: 'วันที่ก่อตั้งกลุ่ม', value: typedDate(g.founded), hint: 'วัน/เดือน/ปี พ.ศ.' })}
      ${field({ name: 'village', label: 'หมู่บ้าน', value: g.village, attrs: { placeholder: 'เช่น บ้านหนองแวง' } })}
      ${field({ name: 'moo', label: 'หมู่ที่', value: g.moo, width: 'w1' })}
      ${field({ name: 'tambon', label: 'ตำบล', value: g.tambon, width: 'w3' })}
      ${field({ name: 'amphoe', label: 'อำเภอ', value: g.amphoe, width: 'w3' })}
      ${field({ name: 'province', label: 'จังหวัด', value: g.province, width: 'w3' })}
    </div>
    <div class="actions">
      <button type="submit" class="primary" data-key="F2"><kbd>F2</kbd>บันทึกข้อมูลกลุ่ม</button>
      <button type="button" class="quiet" data-key="Escape" data-cancel><kbd>Esc</kbd>ยกเลิก</button>
    </div>
  </form>`;
}

function ruleForm(row) {
  const value = CHOICES[row.key]
    ? selectField({ name: row.key, label: 'ค่าใหม่', options: CHOICES[row.key], value: row.value, width: 'w3' })
    : field({ name: row.key, label: 'ค่าใหม่', value: row.value, width: 'w3', attrs: { autofocus: true } });
  return html`<form class="rule-form" novalidate>
    ${errorSummary}
    <div class="form-grid">
      ${value}
      ${field({ name: 'effective', date: true, label: 'มีผลตั้งแต่วันที่', value: workDateTyped(), hint: 'วัน/เดือน/ปี พ.ศ.', width: 'w3' })}
    </div>
    <div class="actions">
      <button type="submit" class="primary" data-key="F2"><kbd>F2</kbd>บันทึก</button>
      <button type="button" class="quiet" data-key="Escape" data-cancel><kbd>Esc</kbd>ยกเลิก</button>
    </div>
  </form>`;
}

export async function show(el, ctx) {
  const draw = async (focusSel) => {
    const [ov, rules] = await Promise.all([api.overview(), api.settingsList()]);
    if (!ctx.alive()) return;
    const g = ov.group;
    render(
      el,
      html`<div class="screen-head"><h1>ตั้งค่าระเบียบกลุ่ม</h1></div>
        <section class="panel" id="group-panel">
          <h2>ข้อมูลกลุ่ม</h2>
          <div id="group-view">
            <dl class="details">
              <dt>ชื่อกลุ่ม</dt><dd class="wide" id="group-name-value">${g.name}</dd>
              <dt>ที่ตั้ง</dt><dd class="wide">${g.address}</dd>
              <dt>ก่อตั้งเมื่อ</dt><dd class="wide">${thaiDate(g.founded)}</dd>
            </dl>
            <div class="actions">
              <button type="button" id="edit-group" data-key="F4"><kbd>F4</kbd>แก้ไขข้อมูลกลุ่ม</button>
            </div>
          </div>
        </section>
        <section class="panel">
          <h2>ระเบียบกลุ่ม</h2>
          <table id="rules">
            <thead><tr><th>ระเบียบ</th><th>ค่าที่ใช้อยู่</th><th class="date">มีผลตั้งแต่</th><th></th></tr></thead>
            <tbody>${rules.map(
              (r) => html`<tr data-rule="${r.key}">
                <td><strong>${r.label}</strong>${CHOICES[r.key] && !EXPLAINED.has(r.key) ? '' : html`<div class="hint">${r.help}</div>`}</td>
                <td class="rule-value">${shown(r)}</td>
                <td class="date">${r.effective ? thaiDate(r.effective) : html`<span class="muted">ค่าเริ่มต้น</span>`}</td>
                <td class="actions-cell"><button type="button" class="small" data-edit="${r.key}">แก้ไข</button></td>
              </tr>`,
            )}</tbody>
          </table>
        </section>`,
    );

    // Group details: the view turns into a form in place.
    el.querySelector('#edit-group').addEventListener('click', () => {
      const view = el.querySelector('#group-view');
      const holder = document.createElement('div');
      render(holder, groupForm(g));
      view.hidden = true;
      view.after(holder);
      el.querySelector('#group-panel').scrollIntoView({ block: 'start' });
      const form = holder.querySelector('form');
      form.querySelector('[data-cancel]').addEventListener('click', () => draw('#edit-group'));
      bindForm(form, async (v) => {
        await api.updateGroup(v);
        await ctx.refresh();
        await draw('#edit-group');
      });
      form.querySelector('[autofocus]').focus({ preventScroll: true });
    });

    // A rule: its row gets an edit form below it.
    for (const button of el.querySelectorAll('[data-edit]')) {
      button.addEventListener('click', () => {
        el.querySelectorAll('tr.editing').forEach((tr) => tr.remove());
        const row = rules.find((r) => r.key === button.dataset.edit);
        const tr = document.createElement('tr');
        tr.className = 'editing';
        tr.innerHTML = '<td colspan="4"></td>';
        render(tr.firstChild, ruleForm(row));
        button.closest('tr').after(tr);
        const form = tr.querySelector('form');
        form.querySelector('[data-cancel]').addEventListener('click', () => {
          tr.remove();
          button.focus();
        });
        bindForm(form, async (v) => {
          await api.setSetting(row.key, v[row.key], v.effective);
          await ctx.refresh();
          await draw(`[data-edit="${row.key}"]`);
        });
        form.querySelector('input, select').focus();
      });
    }

    if (focusSel) el.querySelector(focusSel)?.focus();
  };
  await draw();
}
