// สินค้าคงเหลือ of one business: every item with its quantity, average cost and value today,
// the business's cash, and a form to add an item (name, unit, usual selling price).

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { field, errorSummary, bindForm } from '../lib/form.js';
import { baht } from '../lib/money.js';
import { head, stockTable } from './business-parts.js';

export async function show(el, ctx) {
  const key = String(ctx.params.number);
  const [b, stock] = await Promise.all([api.business(key), api.stockOnHand(key)]);
  const granary = b.kind === 'granary';
  render(
    el,
    html`${head(b, '', 'สินค้าคงเหลือ')}
      <div class="cards">
        <div class="card"><div class="label">เงินสดของธุรกิจ</div><div class="big num" id="biz-cash">${baht(stock.cash)}</div></div>
        <div class="card"><div class="label">มูลค่าสินค้าคงเหลือ</div><div class="big num" id="biz-stock-value">${baht(stock.total_value)}</div></div>
      </div>
      <section class="panel"><h2>สินค้าคงเหลือวันนี้</h2><div id="biz-stock">${stockTable(stock)}</div></section>
      <section class="panel">
        <h2>เพิ่มสินค้า</h2>
        <form id="item-form" novalidate>
          ${errorSummary}
          <div class="form-grid">
            ${field({ name: 'name', label: 'ชื่อสินค้า', width: 'w4', attrs: { id: 'item-name', placeholder: granary ? 'เช่น ข้าวเปลือกเจ้า' : 'เช่น ปุ๋ยสูตร 16-20-0' } })}
            ${field({ name: 'unit', label: 'หน่วยนับ', value: granary ? 'กิโลกรัม' : '', width: 'w2', attrs: { id: 'item-unit', placeholder: 'ถุง กระสอบ กิโลกรัม ขวด' } })}
            ${field({ name: 'price', label: 'ราคาขายต่อหน่วย (บาท)', hint: 'ถ้ามี หน้าขายจะใส่ให้', width: 'w2', attrs: { id: 'item-price', class: 'num', inputmode: 'decimal' } })}
          </div>
          <div class="actions">
            <button type="submit" class="primary" data-key="F2" id="item-submit"><kbd>F2</kbd>เพิ่มสินค้า</button>
          </div>
          <div id="item-notice" role="status"></div>
        </form>
      </section>`,
  );
  const form = el.querySelector('#item-form');
  if (!stock.items.length) form.querySelector('[name=name]').setAttribute('autofocus', '');
  bindForm(form, async (v) => {
    const item = await api.addItem({ ...v, business: key });
    const s = await api.stockOnHand(key);
    if (!ctx.alive()) return;
    render(el.querySelector('#biz-stock'), stockTable(s));
    render(el.querySelector('#item-notice'), html`<div class="notice" id="item-saved">✓ เพิ่มสินค้ารหัส ${item.number} ${item.name} (${item.unit}) แล้ว</div>`);
    form.querySelector('[name=name]').value = '';
    form.querySelector('[name=price]').value = '';
    form.querySelector('[name=name]').focus();
  });
}
