// ธุรกิจกลุ่ม: the group's businesses run from the operating capital (the community shop, farm
// inputs, the granary and rice bank). The list with each business's cash, and a form to open
// a new one with the capital the committee assigned (moved from the group's cash or bank).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, workDateTyped } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';
import { baht } from '../lib/money.js';
import { KINDS } from './business-parts.js';

function list(rows) {
  if (!rows.length) {
    return html`<p class="muted" id="no-business">ยังไม่มีธุรกิจของกลุ่ม — เพิ่มได้ด้านล่าง เมื่อคณะกรรมการมีมติจัดสรรทุนดำเนินการให้</p>`;
  }
  return html`<table class="amounts" id="business-list">
    <thead><tr><th class="num">ที่</th><th>ธุรกิจ</th><th>ประเภท</th><th>ผู้จัดการ</th><th>เปิดเมื่อ</th>
      <th class="num">ทุนที่จัดสรร</th><th class="num">เงินสดของธุรกิจ</th><th></th></tr></thead>
    <tbody>${rows.map(
      (b) => html`<tr data-business="${b.number}"><td class="num">${b.number}</td>
        <td><a href="#/business/${b.number}" class="biz-link">${b.name}</a></td><td>${b.kind_label}</td>
        <td>${b.manager || '—'}</td><td class="date">${thaiDate(b.opened)}</td>
        <td class="num">${baht(b.capital)}</td><td class="num">${baht(b.cash)}</td>
        <td class="actions-cell"><a class="button small" href="#/business/${b.number}/sell">ขาย</a>
          ${b.kind === 'granary' ? html`<a class="button small" href="#/business/${b.number}/rice">ธนาคารข้าว</a>` : ''}
          <a class="button small quiet" href="#/business/${b.number}/report">รายงาน</a></td></tr>`,
    )}</tbody>
  </table>`;
}

export async function show(el, ctx) {
  const rows = await api.businesses();
  render(
    el,
    html`<div class="screen-head"><h1>ธุรกิจของกลุ่ม</h1>
        <button type="button" class="primary" data-key="F3" id="business-new"><kbd>F3</kbd>เพิ่มธุรกิจ</button></div>
      <p class="muted">ร้านค้าชุมชน ยุ้งฉาง ธนาคารข้าว และธุรกิจอื่นที่ใช้ทุนดำเนินการของกลุ่ม กำไรของธุรกิจเป็นรายได้ของทุนดำเนินการ</p>
      <div id="business-table">${list(rows)}</div>
      <section class="panel" id="business-add">
        <h2>เพิ่มธุรกิจของกลุ่ม</h2>
        <form id="business-form" novalidate>
          ${errorSummary}
          <div class="form-grid">
            ${selectField({ name: 'kind', label: 'ประเภทธุรกิจ', options: KINDS, value: 'shop', width: 'w3' })}
            ${field({ name: 'name', label: 'ชื่อธุรกิจ', width: 'w4', attrs: { id: 'business-name', placeholder: 'เช่น ร้านค้าชุมชนบ้านหนองแวง' } })}
            ${field({ name: 'manager', label: 'ผู้จัดการ', width: 'w3', attrs: { placeholder: 'ชื่อ หรือเลขที่สมาชิก' } })}
          </div>
          <div class="form-grid">
            ${field({ name: 'capital', label: 'ทุนที่คณะกรรมการจัดสรร (บาท)', width: 'w3', attrs: { id: 'business-capital', class: 'num', inputmode: 'decimal' } })}
            ${selectField({ name: 'from', label: 'จ่ายทุนจาก', options: [['cash', 'เงินสดของกลุ่ม'], ['bank', 'เงินฝากธนาคารของกลุ่ม']], value: 'cash' })}
            ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่', value: workDateTyped(), width: 'w1', attrs: { id: 'business-date' } })}
          </div>
          <div class="actions">
            <button type="submit" class="primary" data-key="F2" id="business-submit"><kbd>F2</kbd>บันทึก</button>
            <span class="muted small">Enter = ช่องถัดไป · Enter ที่ช่องสุดท้าย = บันทึก · ทุนเป็นรายการบัญชีคู่ ย้ายจากเงินของกลุ่มเข้าเงินสดของธุรกิจ</span>
          </div>
          <div id="business-notice" role="status"></div>
        </form>
      </section>`,
  );
  const form = el.querySelector('#business-form');
  el.querySelector('#business-new').addEventListener('click', () => {
    form.querySelector('[name=kind]').focus();
  });
  if (!rows.length) form.querySelector('[name=kind]').setAttribute('autofocus', '');
  bindForm(form, async (v) => {
    const b = await api.addBusiness(v);
    render(el.querySelector('#business-table'), list(await api.businesses()));
    render(
      el.querySelector('#business-notice'),
      html`<div class="notice" id="business-saved">✓ เพิ่ม <strong>${b.name}</strong> (ธุรกิจที่ ${b.number}) ทุน ${baht(b.capital)} บาท แล้ว —
        <a href="#/business/${b.number}">เพิ่มสินค้าของธุรกิจนี้</a></div>`,
    );
    for (const name of ['name', 'manager', 'capital']) form.querySelector(`[name=${name}]`).value = '';
    if (!ctx.alive()) return;
  });
}
