// A date outside the open accounting month is asked about once, plainly, before it is sent:
// a treasurer catching up on an earlier month must not post into the computer's month by
// habit (nor the other way round). Confirming a month is remembered until the open month
// changes, so a day's queue of rows is not asked row by row. Dates before the open month
// are not asked about: the books are closed there and the core refuses them with its reason.

import { html } from './html.js';
import { confirmDialog } from './dialog.js';
import { currentOpenMonth, parseTypedDate, thaiDateLong, thaiMonth } from './format.js';

let confirmed = { open: null, months: new Set() };

// True when `typed` may be sent: inside the open month, unreadable (the core will say why),
// before the open month, already confirmed, or confirmed now.
export async function dateInOpenMonth(host, typed) {
  const open = currentOpenMonth();
  const iso = parseTypedDate(typed);
  if (!open || !iso) return true;
  const month = iso.slice(0, 7);
  if (month <= open) return true;
  if (confirmed.open !== open) confirmed = { open, months: new Set() };
  if (confirmed.months.has(month)) return true;
  const ok = await confirmDialog(host, {
    id: 'month-check',
    danger: false,
    title: 'วันที่นี้ไม่อยู่ในเดือนบัญชีที่เปิดอยู่',
    body: html`<p>วันที่ที่พิมพ์คือ <strong id="month-check-date">${thaiDateLong(iso)}</strong>
        แต่เดือนบัญชีที่เปิดอยู่คือ <strong id="month-check-open">${thaiMonth(open)}</strong></p>
      <p>ถ้ายังบันทึกของเดือน${thaiMonth(open)}ไม่ครบ ให้แก้วันที่ให้อยู่ในเดือนนั้นก่อน
        ถ้าตั้งใจลงวันที่นี้จริง กด F2</p>`,
    confirmLabel: `ใช่ ลงวันที่ ${thaiDateLong(iso)}`,
    cancelLabel: 'ไม่ใช่ กลับไปแก้วันที่',
    focus: 'cancel',
    onConfirm: () => true,
  });
  if (ok) confirmed.months.add(month);
  return Boolean(ok);
}

// Checks every date field of a form marked `data-month-check`; false when the treasurer
// went back to correct one (which then has the focus).
export async function formDatesInOpenMonth(form) {
  for (const input of form.querySelectorAll('input[data-month-check]')) {
    if (input.offsetParent === null || input.disabled) continue;
    if (!(await dateInOpenMonth(form.closest('dialog') || form.parentElement || document.body, input.value))) {
      input.focus();
      input.select();
      return false;
    }
  }
  return true;
}
