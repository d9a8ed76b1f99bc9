// ซื้อสินค้าเข้า: buying in for a business. The item, how many, what the whole lot cost (the
// supplier's bill), paid from the business's own cash or the group's bank account, and from
// whom. The stock's value rises by the cost; the average cost is the core's.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { workDateTyped, typedDate } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';
import { baht } from '../lib/money.js';
import { head, stockTable, dayTable, findItem, itemToSend } from './business-parts.js';

export async function show(el, ctx) {
  const key = String(ctx.params.number);
  const [b, stock, items] = await Promise.all([api.business(key), api.stockOnHand(key), api.businessItems(key)]);
  let date = workDateTyped();
  render(
    el,
    html`${head(b, '/buy', 'ซื้อสินค้าเข้า')}
      <div class="cards"><div class="card"><div class="label">เงินสดของธุรกิจ</div><div class="big num" id="buy-cash">${baht(stock.cash)}</div></div></div>
      <section class="panel">
        <form id="buy-form" novalidate>
          ${errorSummary}
          <div class="form-grid">
            ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่ซื้อ', value: date, width: 'w1', attrs: { id: 'buy-date' } })}
            ${field({ name: 'item', label: 'สินค้า (รหัสหรือชื่อ)', width: 'w3', attrs: { id: 'buy-item', autofocus: true } })}
            ${field({ name: 'qty', label: 'จำนวน', width: 'w1', attrs: { id: 'buy-qty', class: 'num', inputmode: 'decimal' } })}
            ${field({ name: 'cost', label: 'ราคาซื้อทั้งหมด (บาท)', hint: 'ตามบิลของผู้ขาย', width: 'w2', attrs: { id: 'buy-cost', class: 'num', inputmode: 'decimal' } })}
          </div>
          <div class="form-grid">
            ${selectField({ name: 'from', label: 'จ่ายจาก', options: [['cash', 'เงินสดของธุรกิจ'], ['bank', 'เงินฝากธนาคารของกลุ่ม']], value: 'cash', width: 'w3' })}
            ${field({ name: 'supplier', label: 'ซื้อจาก (ผู้ขาย)', width: 'w4', attrs: { id: 'buy-supplier', placeholder: 'เช่น สหกรณ์การเกษตรอำเภอ' } })}
          </div>
          <div id="buy-item-info" class="small" role="status"></div>
          <div class="actions">
            <button type="submit" class="primary" data-key="F2" id="buy-submit"><kbd>F2</kbd>บันทึกการซื้อ</button>
            <span class="muted small">Enter = ช่องถัดไป · Enter ที่ช่องสุดท้าย = บันทึก</span>
          </div>
          <div id="buy-notice" role="status"></div>
        </form>
      </section>
      <section class="panel"><h2>สินค้าคงเหลือ</h2><div id="buy-stock">${stockTable(stock)}</div></section>
      <section class="panel"><h2>รายการซื้อเข้าวันนี้</h2><div id="buy-day"></div></section>`,
  );
  const form = el.querySelector('#buy-form');
  const itemInput = form.querySelector('[name=item]');
  itemInput.addEventListener('input', () => {
    const it = findItem(items, itemInput.value);
    render(el.querySelector('#buy-item-info'), it ? html`<strong>${it.number} ${it.name}</strong> (${it.unit})` : '');
  });
  const drawDay = async () => {
    const moves = await api.businessDay(key, date);
    if (ctx.alive()) render(el.querySelector('#buy-day'), dayTable(moves, { kinds: ['buy'], id: 'buy-list', empty: 'ยังไม่มีการซื้อเข้าในวันนี้' }));
  };
  bindForm(form, async (v) => {
    const done = await api.stockBuy({ ...v, business: key, item: itemToSend(items, v.item) });
    date = typedDate(done.date);
    const s = await api.stockOnHand(key);
    if (!ctx.alive()) return;
    render(
      el.querySelector('#buy-notice'),
      html`<div class="notice saved" id="buy-saved">✓ ซื้อ ${done.name} ${done.qty} ${done.unit} ราคา ${baht(done.amount)} บาท
        · คงเหลือ ${done.qty_after} ${done.unit} มูลค่า ${baht(done.value_after)} บาท</div>`,
    );
    render(el.querySelector('#buy-stock'), stockTable(s));
    el.querySelector('#buy-cash').textContent = baht(done.business_cash);
    for (const n of ['item', 'qty', 'cost']) form.querySelector(`[name=${n}]`).value = '';
    render(el.querySelector('#buy-item-info'), '');
    await drawDay();
    itemInput.focus();
  });
  await drawDay();
}
