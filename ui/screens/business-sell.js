// ขายสินค้า: the business's sale screen, keyboard first like the collection row. The cursor
// starts in สินค้า: type the item's code (or the start of its name), Enter, จำนวน, Enter,
// ราคาต่อหน่วย (the item's usual price is filled in), Enter posts the sale. For a member's
// credit, F9 goes to ลูกค้า: the member's number, Enter, เงินเชื่อ, Enter, then the item. The
// customer stays for the next item until F9 starts the next customer. The sale is costed and
// booked by the core; a credit sale goes on the member's due list for collection day.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { workDateTyped, typedDate } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm, clearErrors } from '../lib/form.js';
import { baht, isZero, typedAmount } from '../lib/money.js';
import { toArabicDigits } from '../lib/digits.js';
import { head, stockTable, dayTable, findItem, itemToSend } from './business-parts.js';

const PAY = [
  ['cash', 'เงินสด'],
  ['credit', 'เงินเชื่อ (ชำระในวันรับเงิน)'],
];

let lastDate = null; // typed date kept while the app runs

export async function show(el, ctx) {
  const key = String(ctx.params.number);
  const [b, stock] = await Promise.all([api.business(key), api.stockOnHand(key)]);
  let items = await api.businessItems(key);
  let date = lastDate || workDateTyped();

  render(
    el,
    html`${head(b, '/sell', 'ขายสินค้า')}
      <div class="biz-columns">
        <section class="panel sale-panel">
          <form id="sale-form" novalidate>
            ${errorSummary}
            <div class="form-grid">
              ${field({ name: 'date', date: true, inMonth: true, label: 'วันที่ขาย', value: date, width: 'w1', attrs: { id: 'sale-date' } })}
              ${field({ name: 'member', label: 'ลูกค้า: เลขที่สมาชิก', hint: 'เว้นว่าง = ลูกค้าทั่วไป', width: 'w2', attrs: { id: 'sale-member', inputmode: 'numeric' } })}
              ${selectField({ name: 'pay', label: 'ชำระเป็น', options: PAY, value: 'cash', width: 'w3' })}
            </div>
            <div id="sale-member-info" class="muted small" role="status"></div>
            <div class="form-grid sale-row">
              ${field({ name: 'item', label: 'สินค้า (รหัสหรือชื่อ)', width: 'w3', attrs: { id: 'sale-item', autofocus: true } })}
              ${field({ name: 'qty', label: 'จำนวน', width: 'w1', attrs: { id: 'sale-qty', class: 'num', inputmode: 'decimal' } })}
              ${field({ name: 'price', label: 'ราคาต่อหน่วย (บาท)', width: 'w2', attrs: { id: 'sale-price', class: 'num', inputmode: 'decimal' } })}
            </div>
            <div id="sale-item-info" class="small" role="status"></div>
            <div class="actions">
              <button type="submit" class="primary" data-key="F2" id="sale-submit"><kbd>F2</kbd>บันทึกการขาย</button>
              <button type="button" data-key="F3" id="sale-next"><kbd>F3</kbd>ลูกค้าคนถัดไป</button>
            </div>
            <p class="muted small">สินค้า → Enter → จำนวน → Enter → ราคา → Enter = บันทึก · Ctrl+; = วันนี้</p>
            <div id="sale-notice" role="status" aria-live="polite"></div>
          </form>
        </section>
        <section class="panel items-panel"><h2>สินค้าในร้าน</h2><div id="sale-stock">${stockTable(stock, 'sale-stock-list')}</div></section>
      </div>
      <section class="panel"><h2 id="sale-day-title"></h2><div id="sale-day"></div></section>`,
  );

  const form = el.querySelector('#sale-form');
  const memberInput = form.querySelector('[name=member]');
  const payInput = form.querySelector('[name=pay]');
  const itemInput = form.querySelector('[name=item]');
  const priceInput = form.querySelector('[name=price]');
  const memberInfo = el.querySelector('#sale-member-info');
  const itemInfo = el.querySelector('#sale-item-info');
  let stockNow = stock;

  function showItem() {
    const it = findItem(items, itemInput.value);
    if (!it) {
      render(itemInfo, itemInput.value.trim() ? html`<span class="muted">ไม่พบสินค้านี้ — ดูรหัสจากรายการด้านขวา</span>` : '');
      return;
    }
    const line = stockNow.items.find((s) => s.item === it.number);
    render(
      itemInfo,
      html`<span id="sale-item-chosen"><strong>${it.number} ${it.name}</strong> · คงเหลือ ${line ? line.qty : '0'} ${it.unit}${it.price ? ` · ราคาขาย ${baht(it.price)} บาท/${it.unit}` : ''}</span>`,
    );
  }

  async function showMember() {
    const typed = toArabicDigits(memberInput.value.trim());
    if (!typed) {
      render(memberInfo, '');
      return;
    }
    try {
      const [m, bal] = await Promise.all([api.member(Number(typed)), api.memberBalance(Number(typed))]);
      if (!ctx.alive() || toArabicDigits(memberInput.value.trim()) !== typed) return;
      render(
        memberInfo,
        html`<span id="sale-member-name">${m.number} ${m.full_name}</span>
          · ${isZero(bal.goods)
            ? html`<span id="sale-member-goods">ไม่มีหนี้ค่าสินค้าค้าง</span>`
            : html`หนี้ค่าสินค้าค้าง <strong id="sale-member-goods">${baht(bal.goods)}</strong> บาท`}`,
      );
    } catch (err) {
      render(memberInfo, html`<span class="field-error">${err.message}</span>`);
    }
  }

  async function drawDay() {
    const moves = await api.businessDay(key, date);
    if (!ctx.alive()) return;
    el.querySelector('#sale-day-title').textContent = `รายการขายวันที่ ${date}`;
    render(el.querySelector('#sale-day'), dayTable(moves, { kinds: ['sell'], id: 'sale-list', empty: 'ยังไม่มีการขายในวันนี้' }));
  }

  // The item's usual price, unless a price is typed already.
  function fillPrice() {
    const it = findItem(items, itemInput.value);
    if (it && it.price && !priceInput.value.trim()) priceInput.value = typedAmount(it.price);
  }

  itemInput.addEventListener('input', showItem);
  itemInput.addEventListener('change', fillPrice);
  // Enter in สินค้า moves on (the form helper); the usual price is there when the cursor arrives.
  itemInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') fillPrice();
  });
  memberInput.addEventListener('change', showMember);
  form.querySelector('[name=date]').addEventListener('change', (e) => {
    date = e.target.value.trim();
    drawDay().catch(() => {});
  });

  el.querySelector('#sale-next').addEventListener('click', () => {
    memberInput.value = '';
    payInput.value = 'cash';
    render(memberInfo, '');
    clearErrors(form);
    memberInput.focus();
  });

  bindForm(form, async (v) => {
    const done = await api.stockSell({
      business: key,
      item: itemToSend(items, v.item),
      qty: v.qty,
      price: v.price,
      date: v.date,
      member: v.member,
      credit: v.pay === 'credit',
    });
    date = typedDate(done.date);
    lastDate = date;
    stockNow = await api.stockOnHand(key);
    items = await api.businessItems(key);
    if (!ctx.alive()) return;
    render(
      el.querySelector('#sale-notice'),
      html`<div class="notice saved" id="sale-saved">✓ ขาย ${done.name} ${done.qty.replace(/^-/, '')} ${done.unit}
        <strong id="sale-amount">${baht(done.amount)}</strong> บาท
        ${done.credit ? html`— <strong>เงินเชื่อ</strong> สมาชิกเลขที่ ${done.member} (ชำระในวันรับเงิน)` : '— รับเงินสด'}
        · คงเหลือ ${done.qty_after} ${done.unit} · เงินสดของธุรกิจ ${baht(done.business_cash)} บาท</div>`,
    );
    render(el.querySelector('#sale-stock'), stockTable(stockNow, 'sale-stock-list'));
    itemInput.value = '';
    form.querySelector('[name=qty]').value = '';
    priceInput.value = '';
    render(itemInfo, '');
    await Promise.all([drawDay(), done.member ? showMember() : null]);
    itemInput.focus();
  });

  await drawDay();
  if (!isZero(stock.total_value) || items.length) return;
  render(el.querySelector('#sale-notice'), html`<p class="notice">ยังไม่มีสินค้า — เพิ่มสินค้าและบันทึกการซื้อเข้าก่อน (Ctrl+1, Ctrl+3)</p>`);
}
