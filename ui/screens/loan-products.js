// ประเภทเงินกู้: the loan products of the group's regulation, and a form to add one. A product
// is never edited (loans keep the terms they were made with): to change a rate, add a product.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';
import { money } from './loan-parts.js';

const METHODS = [
  ['declining-equal-principal', 'ลดต้นลดดอก (ต้นเท่ากันทุกงวด)'],
  ['declining-annuity', 'ผ่อนเท่ากันทุกงวด (ลดต้นลดดอก)'],
  ['flat', 'ดอกเบี้ยคงที่ (คิดจากเงินต้นเต็มจำนวน)'],
  ['interest-only', 'ส่งดอกเบี้ยรายเดือน คืนต้นงวดสุดท้าย'],
];

export async function show(el, ctx) {
  const products = await api.loanProducts();
  render(
    el,
    html`<div class="screen-head">
        <h1>ประเภทเงินกู้</h1>
        <a class="button quiet" href="#/loans" data-key="Escape"><kbd>Esc</kbd>กลับไปหน้าเงินกู้</a>
      </div>
      <section class="panel">
        <h2>ประเภทเงินกู้ที่มีอยู่</h2>
        ${products.length === 0
          ? html`<p class="muted" id="no-products">ยังไม่มี</p>`
          : html`<table class="amounts" id="product-list">
              <thead><tr><th>รหัส</th><th>ชื่อ</th><th class="num">ร้อยละ/เดือน</th><th>วิธีคิด</th>
                <th class="num">ร้อยละต่อปีตามจริง</th><th class="num">งวดสูงสุด</th><th class="num">วงเงินสูงสุด</th>
                <th>ผู้ค้ำ</th></tr></thead>
              <tbody>${products.map(
                (p) => html`<tr data-product="${p.code}">
                  <td><strong>${p.code}</strong></td><td>${p.name}<div class="muted small">${p.kind}${p.charge_word ? ` · ${p.charge_word}` : ''}</div></td>
                  <td class="num">${p.rate}</td><td>${p.method_label}</td>
                  <td class="num">${p.example_nominal_annual_rate}
                    ${p.above_legal_cap ? html`<div class="legal-flag">⚠ เกินร้อยละ 15 ต่อปี</div>` : ''}</td>
                  <td class="num">${p.max_months}</td>
                  <td class="num">${p.max_amount ? money(p.max_amount) : '—'}${p.max_times_savings ? html`<div class="muted small">ไม่เกิน ${p.max_times_savings} เท่าของสัจจะ</div>` : ''}</td>
                  <td>${p.guarantors_above !== null ? html`กู้เกิน ${money(p.guarantors_above)} บาท ต้องมี ${p.guarantors_required} คน` : 'ไม่ต้องมี'}</td>
                </tr>`,
              )}</tbody>
            </table>
            <p class="muted small">อัตราต่อปีคิดจากตัวอย่างกู้ 12,000 บาท 12 เดือน (หรือน้อยกว่าถ้าประเภทนั้นผ่อนได้สั้นกว่า)</p>`}
      </section>
      <form id="product-form" class="panel" novalidate>
        <h2>เพิ่มประเภทเงินกู้</h2>
        ${errorSummary}
        <div class="form-grid">
          ${field({ name: 'code', label: 'รหัส', hint: 'สั้น ๆ เช่น A', width: 'w1', attrs: { autofocus: products.length === 0 } })}
          ${field({ name: 'name', label: 'ชื่อ', hint: 'เช่น เงินกู้สามัญ', width: 'w3' })}
          ${field({ name: 'kind', label: 'ประเภท', hint: 'สามัญ ฉุกเฉิน เพื่อการผลิต …' })}
          ${field({ name: 'rate', label: 'ดอกเบี้ยร้อยละต่อเดือน', hint: 'เช่น 1 หรือ 0.75', attrs: { class: 'num', inputmode: 'decimal' } })}
          ${selectField({ name: 'method', label: 'วิธีคิดดอกเบี้ย', options: METHODS, width: 'w4' })}
          ${field({ name: 'max_months', label: 'ผ่อนได้นานสุด (เดือน)', attrs: { class: 'num', inputmode: 'numeric' } })}
          ${field({ name: 'max_amount', label: 'วงเงินสูงสุด (บาท)', hint: 'เว้นว่าง = ไม่จำกัด', attrs: { class: 'num', inputmode: 'decimal' } })}
          ${field({ name: 'max_times_savings', label: 'ไม่เกินกี่เท่าของเงินสัจจะ', hint: 'เว้นว่าง = ไม่จำกัด', attrs: { class: 'num', inputmode: 'decimal' } })}
          ${field({ name: 'guarantors_above', label: 'กู้เกินเท่านี้ต้องมีผู้ค้ำ (บาท)', hint: 'เว้นว่าง = ไม่ต้องมี', attrs: { class: 'num', inputmode: 'decimal' } })}
          ${field({ name: 'guarantors_required', label: 'จำนวนผู้ค้ำ (คน)', value: '1', width: 'w1', attrs: { class: 'num', inputmode: 'numeric' } })}
          ${selectField({ name: 'charge_word', label: 'คำเรียกค่าตอบแทน', options: [['', 'ตามระเบียบกลุ่ม'], ['ดอกเบี้ย', 'ดอกเบี้ย'], ['ค่าบำรุง', 'ค่าบำรุง']], width: 'w1' })}
          <label class="check w4"><input type="checkbox" name="multiple_allowed_box" id="multiple-allowed"> สมาชิกกู้ประเภทนี้ได้มากกว่าหนึ่งสัญญาพร้อมกัน</label>
        </div>
        <div class="actions">
          <button type="submit" class="primary" data-key="F2" id="product-submit"><kbd>F2</kbd>เพิ่มประเภทเงินกู้</button>
          <span class="muted small">เพิ่มแล้วแก้ไขไม่ได้ สัญญาเดิมใช้เงื่อนไขเดิมเสมอ ถ้าจะเปลี่ยนอัตรา ให้เพิ่มประเภทใหม่</span>
        </div>
      </form>`,
  );
  const form = el.querySelector('#product-form');
  bindForm(form, async (v) => {
    await api.addLoanProduct({
      code: v.code,
      name: v.name,
      kind: v.kind,
      rate: v.rate,
      method: v.method,
      max_months: v.max_months,
      max_amount: v.max_amount,
      max_times_savings: v.max_times_savings,
      guarantors_above: v.guarantors_above,
      guarantors_required: v.guarantors_required,
      multiple_allowed: form.querySelector('#multiple-allowed').checked,
      charge_word: v.charge_word,
    });
    ctx.go('#/loans/products');
  });
}
