// ตรวจรหัสบนเอกสาร (for the audit committee): type the check code printed on a paper
// (รหัสตรวจสอบ XXXX-XXXX) and see whether it came from these books, which document and date,
// and whether anything recorded before it has been changed since.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate } from '../lib/format.js';
import { field, errorSummary, bindForm } from '../lib/form.js';

export async function show(el) {
  render(
    el,
    html`<div class="screen-head"><h1>ตรวจรหัสบนเอกสาร</h1></div>
      <p class="lead">เอกสารทุกฉบับที่พิมพ์จากโปรแกรมมีรหัสตรวจสอบ ใส่รหัสจากกระดาษเพื่อดูว่าเป็นเอกสารของบัญชีนี้จริง
        และบัญชีก่อนวันที่พิมพ์ยังไม่ถูกแก้ไข</p>
      <form id="code-form" novalidate>
        ${errorSummary}
        <div class="month-picker">
          ${field({ name: 'code', label: 'รหัสตรวจสอบ', hint: 'เช่น K7QM-3XPA', attrs: { id: 'code-input', autofocus: true } })}
          <button type="submit" class="primary" id="code-check"><kbd>Enter</kbd>ตรวจ</button>
        </div>
      </form>
      <div id="code-result"></div>`,
  );
  const out = el.querySelector('#code-result');
  bindForm(el.querySelector('#code-form'), async (v) => {
    const c = await api.checkCode(v.code);
    const good = c.found && c.unchanged;
    render(
      out,
      html`<section class="panel" id="code-answer">
        <h2>${good ? '✔ ' : '⚠ '}<span id="code-verdict">${!c.found
          ? 'ไม่ใช่รหัสของบัญชีนี้'
          : c.unchanged
            ? 'เอกสารของบัญชีนี้ บัญชียังไม่ถูกแก้ไข'
            : 'บัญชีก่อนวันที่พิมพ์ถูกแก้ไขแล้ว'}</span></h2>
        <dl class="details">
          <dt>รหัส</dt><dd class="code">${c.code}</dd>
          ${c.title ? html`<dt>เอกสาร</dt><dd id="code-title">${c.title}</dd>` : ''}
          ${c.printed_on ? html`<dt>พิมพ์เมื่อ</dt><dd id="code-date">${thaiDate(c.printed_on)}</dd>` : ''}
          ${c.chain_seq ? html`<dt>ตัวเลขในเอกสารรวมถึง</dt><dd>รายการที่ ${c.chain_seq}</dd>` : ''}
        </dl>
        <p id="code-message">${c.message}</p>
      </section>`,
    );
  });
}
