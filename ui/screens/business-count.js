// ตรวจนับสินค้า: a stock count. The shelf is counted against what the books expect; the
// difference is booked by the core (a shortage at the cost of what left, a surplus at the
// cost of the newest lot) and shown as ขาด/เกิน, never as a bare minus.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { workDateTyped } from '../lib/format.js';
import { field, errorSummary, bindForm } from '../lib/form.js';
import { baht, isZero } from '../lib/money.js';
import { head, stockTable, findItem, itemToSend } from './business-parts.js';

function differenceWords(diff, unit) {
  const s = String(diff);
  if (/^-?0*(\.0*)?$/.test(s)) return html`<span class="diff even">ตรงกับบัญชี</span>`;
  return s.startsWith('-')
    ? html`<span class="diff short">⚠ ขาด ${s.slice(1)} ${unit}</span>`
    : html`<span class="diff over">⚠ เกิน ${s} ${unit}</span>`;
}

export async function show(el, ctx) {
  const key = String(ctx.params.number);
  const [b, stock, items] = await Promise.all([api.business(key), api.stockOnHand(key), api.businessItems(key)]);
  render(
    el,
    html`${head(b, '/count', 'ตรวจนับสินค้า')}
      <section class="panel">
        <form id="count-form" novalidate>
          ${errorSummary}
          <div class="form-grid">
            ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่ตรวจนับ', value: workDateTyped(), width: 'w1', attrs: { id: 'count-date' } })}
            ${field({ name: 'item', label: 'สินค้า (รหัสหรือชื่อ)', width: 'w3', attrs: { id: 'count-item', autofocus: true } })}
            ${field({ name: 'qty', label: 'นับได้จริง', width: 'w2', attrs: { id: 'count-qty', class: 'num', inputmode: 'decimal' } })}
          </div>
          <div id="count-item-info" class="small" role="status"></div>
          <div class="actions">
            <button type="submit" class="primary" data-key="F2" id="count-submit"><kbd>F2</kbd>บันทึกผลการนับ</button>
            <span class="muted small">ผลต่างจากบัญชีบันทึกเป็นสินค้าขาดหรือเกินบัญชีให้เห็นเสมอ</span>
          </div>
          <div id="count-notice" role="status"></div>
        </form>
      </section>
      <section class="panel"><h2>จำนวนตามบัญชี</h2><div id="count-stock">${stockTable(stock)}</div></section>`,
  );
  const form = el.querySelector('#count-form');
  const itemInput = form.querySelector('[name=item]');
  let now = stock;
  itemInput.addEventListener('input', () => {
    const it = findItem(items, itemInput.value);
    const line = it && now.items.find((s) => s.item === it.number);
    render(
      el.querySelector('#count-item-info'),
      it ? html`<strong>${it.number} ${it.name}</strong> · ตามบัญชีมี ${line ? line.qty : '0'} ${it.unit}` : '',
    );
  });
  bindForm(form, async (v) => {
    const c = await api.stockCount({ ...v, business: key, item: itemToSend(items, v.item) });
    now = await api.stockOnHand(key);
    if (!ctx.alive()) return;
    render(
      el.querySelector('#count-notice'),
      html`<div class="count-result" id="count-result" role="status">
        <div><div class="label">ตามบัญชี</div><div class="big num">${c.expected} ${c.unit}</div></div>
        <div><div class="label">นับได้</div><div class="big num">${c.counted} ${c.unit}</div></div>
        <div><div class="label">ผลต่าง</div><div class="big" id="count-difference">${differenceWords(c.difference, c.unit)}</div></div>
        <p class="muted small">${c.name}${isZero(c.cost) ? ' — ไม่มีมูลค่าที่ต้องบันทึก' : ` — บันทึกมูลค่าสินค้า${String(c.difference).startsWith('-') ? 'ขาด' : 'เกิน'}บัญชี ${baht(c.cost)} บาทแล้ว`}</p>
      </div>`,
    );
    render(el.querySelector('#count-stock'), stockTable(now));
    itemInput.value = '';
    form.querySelector('[name=qty]').value = '';
    render(el.querySelector('#count-item-info'), '');
    itemInput.focus();
  });
}
