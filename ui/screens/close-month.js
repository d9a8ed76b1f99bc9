// ปิดบัญชีเดือน: see the month's cash and bank, the last cash count and what to check first
// (cash found short, rows with nothing posted, a bank balance that disagrees with the bank's
// book), then lock the month, one month at a time from the open one: a later month is refused,
// naming the months still open, with a button to the first of them. When cash was short, the committee's note is asked for and recorded.
// After closing, nothing can be posted or reversed on or before its last day.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, thaiMonth } from '../lib/format.js';
import { field, errorSummary, bindForm, callForForm } from '../lib/form.js';
import { baht, difference } from '../lib/money.js';
import { confirmDialog } from '../lib/dialog.js';
import { typedMonth, bindMonthKeys } from '../lib/month.js';

export async function show(el, ctx) {
  const ov = await api.overview();
  let preview = null;

  render(
    el,
    html`<div class="screen-head"><h1>ปิดบัญชีเดือน</h1></div>
      <p class="lead">เมื่อปิดบัญชีเดือนแล้ว จะบันทึกหรือยกเลิกรายการที่ลงวันที่ในเดือนนั้นหรือก่อนหน้าไม่ได้อีก
        ตรวจเงินสดและเงินฝากธนาคารให้ตรงกับที่มีจริงก่อนปิด</p>
      <p class="muted" id="lock-status">${ov.lock_date
        ? `ปิดบัญชีไปแล้วถึงวันที่ ${thaiDate(ov.lock_date)}`
        : 'ยังไม่เคยปิดบัญชีเดือนใด'} · เดือนบัญชีที่เปิดอยู่: ${thaiMonth(ov.open_month)}</p>
      <form id="close-form" novalidate>
        ${errorSummary}
        <div class="month-picker">
          ${field({ name: 'month', label: 'เดือนที่จะปิด', value: typedMonth(ov.open_month), hint: 'เช่น 10/2569 หรือ ต.ค. 2569', attrs: { id: 'close-month', autofocus: true } })}
          ${field({ name: 'bank_statement', label: 'ยอดในสมุดบัญชีธนาคาร ณ สิ้นเดือน (ถ้ามี)', hint: 'ใส่เพื่อเทียบกับยอดตามบัญชี', attrs: { id: 'close-bank-statement', class: 'num', inputmode: 'decimal' } })}
          <button type="submit" id="close-show">ดูยอดของเดือนนี้</button>
          <span class="muted small">Enter = ดูยอด · PageUp/PageDown = เดือนก่อน/ถัดไป</span>
        </div>
      </form>
      <div id="close-preview"></div>
      <div id="close-result"></div>
      <div class="actions">
        <button type="button" class="danger" data-key="F2" id="close-confirm" disabled><kbd>F2</kbd>ปิดบัญชีเดือนนี้…</button>
      </div>`,
  );

  const form = el.querySelector('#close-form');
  const input = el.querySelector('#close-month');
  const confirmButton = el.querySelector('#close-confirm');
  const holder = el.querySelector('#close-preview');

  function drawPreview(p) {
    const count = p.last_count;
    render(
      holder,
      html`<section class="panel" id="close-panel">
        <h2>เดือน${thaiMonth(p.month)} <span class="muted small">(ถึงวันที่ ${thaiDate(p.through)})</span></h2>
        ${p.refused
          ? html`<div class="error-summary" role="alert" id="close-refused"><h2>ปิดเดือนนี้ไม่ได้</h2><p>${p.refused}</p>
              ${p.skipped_months.length
                ? html`<p><button type="button" id="close-go-first">ไปที่เดือน${thaiMonth(p.skipped_months[0])}</button></p>`
                : ''}</div>`
          : ''}
        <div class="cards">
          <div class="card"><div class="label">เงินสด ณ สิ้นเดือน</div><div class="big num" id="close-cash">${baht(p.cash)}</div></div>
          <div class="card"><div class="label">เงินฝากธนาคาร ณ สิ้นเดือน</div><div class="big num" id="close-bank">${baht(p.bank)}</div></div>
          <div class="card"><div class="label">นับเงินสดครั้งล่าสุด</div>
            ${count
              ? html`<div><strong>${thaiDate(count.date)}</strong> นับได้ ${baht(count.counted)} บาท</div>
                  <div class="small">ควรมี ${baht(count.expected)} · ${difference(count.difference)}</div>`
              : html`<div class="warning-line"><strong>⚠ ยังไม่เคยนับเงินสด</strong></div>`}
          </div>
        </div>
        ${p.warnings.length
          ? html`<h3>สิ่งที่ต้องตรวจก่อนปิด</h3><ul class="warnings" id="close-warnings">${p.warnings.map((w) => html`<li>⚠ ${w}</li>`)}</ul>`
          : p.refused ? '' : html`<p class="ok" id="close-clear">✓ ไม่พบสิ่งที่ต้องตรวจก่อนปิด</p>`}
      </section>`,
    );
  }

  const bankInput = el.querySelector('#close-bank-statement');
  let statement = '';

  async function look(typed) {
    confirmButton.disabled = true;
    statement = bankInput.value.trim();
    preview = await callForForm(form, 'month', () => api.closeMonthPreview(typed, { bank_statement: statement }));
    if (!preview) {
      render(holder, '');
      return;
    }
    if (!ctx.alive()) return;
    input.value = typedMonth(preview.month);
    drawPreview(preview);
    confirmButton.disabled = Boolean(preview.refused);
    const first = holder.querySelector('#close-go-first');
    if (first) {
      first.addEventListener('click', async () => {
        await look(typedMonth(preview.skipped_months[0]));
        input.focus();
      });
    }
  }

  bindForm(form, (v) => look(v.month));
  // Enter in the month shows it at once (the bank's balance is optional, typed when at hand).
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey) return;
    e.preventDefault();
    e.stopPropagation();
    form.requestSubmit();
  });
  bindMonthKeys(input, () => preview && preview.month, look);
  for (const typed of [input, bankInput]) {
    typed.addEventListener('input', () => {
      confirmButton.disabled = true;
    });
  }

  confirmButton.addEventListener('click', async () => {
    if (!preview || preview.refused) return;
    const p = preview;
    const done = await confirmDialog(el, {
      title: `ปิดบัญชีเดือน${thaiMonth(p.month)}`,
      body: html`<p>เงินสด ณ สิ้นเดือน <strong>${baht(p.cash)}</strong> บาท · เงินฝากธนาคาร <strong>${baht(p.bank)}</strong> บาท</p>
        ${p.warnings.length ? html`<ul class="warnings">${p.warnings.map((w) => html`<li>⚠ ${w}</li>`)}</ul>` : ''}
        <p class="irreversible">หลังปิดบัญชีแล้ว จะบันทึก แก้ไข หรือยกเลิกรายการใด ๆ ที่ลงวันที่ ${thaiDate(p.through)}
          หรือก่อนหน้านั้นไม่ได้อีก และเปิดเดือนที่ปิดแล้วกลับมาไม่ได้</p>`,
      // Cash found short: the committee says what happened, and the close records it.
      fields: p.cash_short
        ? field({ name: 'note', label: 'บันทึกของคณะกรรมการเรื่องเงินสดที่ขาด', hint: 'เช่น ตรวจแล้วพบว่าทอนเงินเกิน เหรัญญิกชดใช้แล้ว', width: 'w6', attrs: { id: 'close-note' } })
        : null,
      confirmLabel: 'ยืนยัน ปิดบัญชีเดือนนี้',
      focus: p.cash_short ? 'first' : 'cancel',
      onConfirm: (v) => {
        if (p.cash_short && !v.note) {
          throw { field: 'note', message: 'เงินสดขาดในเดือนนี้ — ใส่บันทึกของคณะกรรมการก่อนปิดบัญชี' };
        }
        return api.closeMonth(p.month, { note: v.note || '', bank_statement: statement });
      },
    });
    if (!done || !ctx.alive()) return;
    await ctx.refresh();
    const now = await api.overview();
    if (!ctx.alive()) return;
    el.querySelector('#lock-status').textContent =
      `ปิดบัญชีไปแล้วถึงวันที่ ${thaiDate(now.lock_date)} · เดือนบัญชีที่เปิดอยู่: ${thaiMonth(now.open_month)}`;
    render(
      el.querySelector('#close-result'),
      html`<div class="notice" id="close-done" role="status">✓ ปิดบัญชีเดือน${thaiMonth(done.month)} แล้ว
        — ปิดถึงวันที่ ${thaiDate(done.locked_through)} · เดือนบัญชีที่เปิดอยู่ตอนนี้: <strong>${thaiMonth(now.open_month)}</strong></div>`,
    );
    render(holder, '');
    preview = null;
    confirmButton.disabled = true;
    input.value = typedMonth(now.open_month);
    input.focus();
  });

  await look(typedMonth(ov.open_month));
}
