// Pieces shared by the business screens: the heading with the business's own keys (sale,
// buying in, stock count, rice bank, report), the stock table, a quantity shown without a
// bare minus, and the day's movements.

import { html } from '../lib/html.js';
import { baht, bahtOrBlank } from '../lib/money.js';
import { toArabicDigits } from '../lib/digits.js';

export const KINDS = [
  ['shop', 'ร้านค้าชุมชน (ศูนย์สาธิตการตลาด)'],
  ['inputs', 'ปุ๋ยและปัจจัยการผลิต'],
  ['granary', 'ยุ้งฉาง / ธนาคารข้าว'],
  ['other', 'ธุรกิจอื่น'],
];

export const base = (b) => `#/business/${b.number}`;

// The business's heading and its screens, each one key away (Ctrl+digit, like tabs: the
// function keys keep one meaning across the app, see ui/keys.json).
export function head(b, current, title) {
  const links = [
    ['', 'Ctrl+1', 'สินค้าคงเหลือ', 'biz-home'],
    ['/sell', 'Ctrl+2', 'ขายสินค้า', 'biz-sell'],
    ['/buy', 'Ctrl+3', 'ซื้อสินค้าเข้า', 'biz-buy'],
    ['/count', 'Ctrl+4', 'ตรวจนับสินค้า', 'biz-count'],
    ...(b.kind === 'granary' ? [['/rice', 'Ctrl+5', 'ธนาคารข้าว', 'biz-rice']] : []),
    ['/report', 'Ctrl+6', 'รายงานกำไรขาดทุน', 'biz-report'],
  ];
  return html`<div class="screen-head biz-head">
      <h1>${title === b.name ? '' : `${title} `}<span class="biz-name" id="biz-name">${b.name}</span></h1>
      <a class="button quiet" href="#/business" data-key="Escape" id="biz-back"><kbd>Esc</kbd>ธุรกิจทั้งหมด</a>
    </div>
    <nav class="biz-nav" aria-label="งานของ${b.name}">
      ${links.map(
        ([path, key, label, id]) => html`<a class="button${path === current ? ' current' : ''}" href="${base(b)}${path}"
          data-key="${key}" id="${id}"${path === current ? html` aria-current="page"` : ''}><kbd>${key}</kbd>${label}</a>`,
      )}
    </nav>
    <p class="muted small biz-sub">${b.kind_label} · ผู้จัดการ ${b.manager || '—'} · ทุนที่ได้รับจัดสรร ${baht(b.capital)} บาท</p>`;
}

// "-3" -> "ออก 3", "5" -> "เข้า 5": goods never shown with a bare minus.
export function inOut(qty) {
  const s = String(qty ?? '');
  return s.startsWith('-') ? `ออก ${s.slice(1)}` : `เข้า ${s}`;
}

// Stock on hand: one row per item, the total value at the foot.
export function stockTable(s, id = 'stock-list') {
  if (!s.items.length) {
    return html`<p class="muted" id="no-items">ยังไม่มีสินค้า — เพิ่มสินค้าที่หน้าสินค้าคงเหลือ (F5)</p>`;
  }
  return html`<table class="amounts" id="${id}">
    <thead><tr><th class="num">รหัส</th><th>สินค้า</th><th class="num">คงเหลือ</th><th>หน่วย</th>
      <th class="num">ต้นทุนเฉลี่ยต่อหน่วย</th><th class="num">มูลค่าคงเหลือ</th><th class="num">ราคาขาย</th></tr></thead>
    <tbody>${s.items.map(
      (i) => html`<tr data-item="${i.item}"><td class="num">${i.item}</td><td>${i.name}</td>
        <td class="num qty">${i.qty}</td><td>${i.unit}</td><td class="num">${bahtOrBlank(i.average_cost)}</td>
        <td class="num">${baht(i.value)}</td><td class="num">${i.price ? baht(i.price) : '—'}</td></tr>`,
    )}</tbody>
    <tfoot><tr><th colspan="5">มูลค่าสินค้าคงเหลือรวม</th><td class="num" id="stock-total">${baht(s.total_value)}</td><td></td></tr></tfoot>
  </table>`;
}

const KIND_WORDS = {
  buy: 'ซื้อเข้า',
  sell: 'ขาย',
  count: 'ตรวจนับ',
  receive: 'รับเข้า',
  lend: 'ให้ยืม',
  repay: 'รับคืน',
  reversal: 'รายการหักล้าง',
};

// The business's movements of a day (only `kinds`, when given).
export function dayTable(moves, { kinds = null, id = 'day-moves', empty = 'ยังไม่มีรายการในวันนี้' } = {}) {
  const list = kinds ? moves.filter((m) => kinds.includes(m.kind)) : moves;
  if (!list.length) return html`<p class="muted" id="${id}-empty">${empty}</p>`;
  return html`<table class="amounts" id="${id}">
    <thead><tr><th>รายการ</th><th>สินค้า</th><th class="num">จำนวน</th><th class="num">จำนวนเงิน</th><th>ผู้ซื้อ / ผู้ขาย</th></tr></thead>
    <tbody>${list.map(
      (m) => html`<tr class="${m.reversed ? 'void' : ''}">
        <td>${KIND_WORDS[m.kind] || m.kind}${m.credit ? html` <span class="status waiting">เงินเชื่อ</span>` : ''}${m.reversed ? html` <span class="status voided">ยกเลิกแล้ว</span>` : ''}</td>
        <td>${m.item} ${m.name}</td><td class="num nowrap">${inOut(m.qty)} ${m.unit}</td>
        <td class="num">${bahtOrBlank(m.amount)}</td>
        <td>${m.member ? `สมาชิกเลขที่ ${m.member} ${m.member_name}` : m.party}</td></tr>`,
    )}</tbody>
  </table>`;
}

// An item typed as its code or (the start of) its name.
export function findItem(items, typed) {
  const t = String(typed || '').trim();
  if (!t) return null;
  const digits = toArabicDigits(t);
  if (/^\d+$/.test(digits)) return items.find((i) => String(i.number) === digits) || null;
  return items.find((i) => i.name === t) || items.find((i) => i.name.startsWith(t)) || null;
}

// The `item` a stock command is sent: the number of the item typed, or, found in none of
// `items`, the text as typed (the core then says what is wrong with it).
export function itemToSend(items, typed) {
  const it = findItem(items, typed);
  return it ? String(it.number) : typed;
}
