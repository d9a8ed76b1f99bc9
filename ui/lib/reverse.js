// Correcting a mistake: a receipt or entry is reversed with a reason, never deleted. The
// confirmation says what happens; the original stays in the books, marked ยกเลิกแล้ว.

import * as api from '../api.js';
import { html } from './html.js';
import { field } from './form.js';
import { thaiDate, workDateTyped } from './format.js';
import { confirmDialog } from './dialog.js';

// Reverse the receipt or entry `target` (receipt number or entry id). `date` is the date the
// reversal is booked on, as typed (default today). Resolves with the reversal entry (its
// `original` is the entry reversed), or null when the treasurer backs out. Throws `{message}` when the entry cannot be found.
export async function reverseEntry(host, target, { date = '' } = {}) {
  const entry = await api.journalEntry(target);
  const what = entry.receipt ? `ใบเสร็จเลขที่ ${entry.receipt}` : 'รายการนี้';
  const body = html`<dl class="details entry-facts">
      <dt>${entry.receipt ? 'ใบเสร็จเลขที่' : 'รายการ'}</dt>
      <dd class="wide" id="reverse-target">${entry.receipt || thaiDate(entry.date)}</dd>
      <dt>ลงวันที่</dt><dd class="wide">${thaiDate(entry.date)}</dd>
      <dt>รายการ</dt><dd class="wide">${entry.memo}</dd>
    </dl>
    ${entry.reversed_by
      ? html`<p class="warning-line"><strong>⚠ ${what}ถูกยกเลิกไปแล้ว</strong></p>`
      : ''}
    <p>${what} จะยังอยู่ในบัญชีและมีเครื่องหมาย <strong>ยกเลิกแล้ว</strong> โปรแกรมจะลง<strong>รายการหักล้าง</strong>ในวันที่ที่ระบุ แล้ว</p>
    <ul class="plain">
      <li>ยอดของสมาชิก (สัจจะ เงินฝาก เงินกู้ ค่าปรับ) กลับเป็นเหมือนก่อนมีรายการนี้</li>
      <li>เงินที่รับไว้ในรายการนี้ออกจากเงินสด (หรือเงินฝากธนาคาร ถ้ารับทางธนาคาร) — ต้องคืนเงินให้สมาชิก</li>
      <li>เงินที่จ่ายไปในรายการนี้กลับเข้าเงินสด (หรือธนาคาร) — ต้องได้รับเงินคืน</li>
    </ul>
    <p class="irreversible">ยกเลิกแล้วเอากลับคืนไม่ได้ — ถ้าจำนวนเงินผิด ให้บันทึกรายการที่ถูกต้องใหม่หลังยกเลิก</p>`;
  return confirmDialog(host, {
    title: `ยกเลิก${what}`,
    body,
    fields: html`${field({ name: 'reason', label: 'เหตุผลที่ยกเลิก (เก็บไว้ในบัญชี)', width: 'w4', attrs: { placeholder: 'เช่น รับเงินผิดคน ใส่จำนวนผิด' } })}
      ${field({ name: 'date', date: true, label: 'ยกเลิกลงวันที่', value: date || workDateTyped(), hint: 'วัน/เดือน/ปี พ.ศ.' })}`,
    confirmLabel: `ยืนยัน ยกเลิก${entry.receipt ? 'ใบเสร็จ' : 'รายการ'}`,
    onConfirm: async (v) => ({ ...(await api.reverseEntry(entry.receipt || entry.id, v.reason, v.date)), original: entry }),
  });
}

// The ยกเลิก… buttons of a list of entries (`data-reverse` = receipt number or entry id): a
// click reverses that entry as above, booked on the work date, then `redraw()`s while the
// screen is still shown (`ctx.alive()`); a refusal goes to `fail(err)`.
export function bindReverseButtons(list, host, ctx, { redraw, fail }) {
  list.addEventListener('click', async (e) => {
    const b = e.target.closest('[data-reverse]');
    if (!b) return;
    try {
      const done = await reverseEntry(host, b.dataset.reverse, { date: workDateTyped() });
      if (done && ctx.alive()) await redraw();
    } catch (err) {
      fail(err);
    }
  });
}

// Ask which receipt to reverse (keyboard way in), then confirm as above. `suggestion` is
// put in the box (e.g. the day's last receipt).
export async function askAndReverse(host, { suggestion = '', date = '' } = {}) {
  let target = null;
  const picked = await confirmDialog(host, {
    title: 'ยกเลิกใบเสร็จ',
    danger: false,
    body: html`<p>พิมพ์เลขที่ใบเสร็จที่จะยกเลิก แล้วกด Enter โปรแกรมจะแสดงรายการให้ตรวจก่อนยืนยัน</p>`,
    fields: field({ name: 'receipt', label: 'เลขที่ใบเสร็จ', value: suggestion, hint: 'เช่น 2569/0153', attrs: { inputmode: 'numeric' } }),
    confirmLabel: 'ต่อไป',
    onConfirm: async (v) => {
      try {
        target = (await api.journalEntry(v.receipt)).id;
      } catch (err) {
        throw { ...err, field: err.field || 'receipt' };
      }
      return true;
    },
  });
  if (!picked) return null;
  return reverseEntry(host, target, { date });
}
