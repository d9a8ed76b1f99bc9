// พิมพ์เอกสาร: printing is one step. Choose the document, fill in what it needs (member, month
// in พ.ศ., date, receipt number), see what it will contain (F3 or Enter), then F2 บันทึกและเปิด
// saves the PDF in the group's folder with a Thai file name and opens it in the PDF viewer,
// where it is printed. Long jobs show their progress and can be cancelled.
//
// Other screens link here with the choice made: #/print/passbook/12, #/print/receipt/2568/0153.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { field, errorSummary, bindForm, clearErrors, showErrors, values } from '../lib/form.js';
import { monthOf, typedMonth } from '../lib/month.js';
import { workDay } from '../lib/format.js';

// The documents, in the order a treasurer meets them; the core names and checks them.
const DOCS = [
  { key: 'receipt', title: 'ใบเสร็จรับเงิน', text: 'ใบเดียว หรือทั้งวัน (หลายใบต่อหน้า)' },
  { key: 'passbook-continue', title: 'สมุดคู่ฝาก (พิมพ์ต่อ)', text: 'เฉพาะรายการใหม่ ตรงบรรทัดถัดไปในสมุดของสมาชิก' },
  { key: 'passbook', title: 'สมุดคู่ฝาก (ประวัติบัญชี A4)', text: 'ประวัติบัญชีของสมาชิก ช่วงวันที่ใดก็ได้' },
  { key: 'statements', title: 'รายงานบัญชีสมาชิกประจำเดือน', text: 'ทุกคน คนละหนึ่งหน้า' },
  { key: 'fund-report', title: 'รายงานฐานะการเงินประจำเดือน', text: 'สำหรับคณะกรรมการ' },
  { key: 'cashbook', title: 'สมุดเงินสด', text: 'รายการรับ-จ่ายของเดือน' },
  { key: 'register', title: 'ทะเบียนคุมเงินสัจจะ', text: 'สมาชิก × 12 เดือน ของปีบัญชี' },
  { key: 'yearend', title: 'งบการเงินประจำปี', text: 'งบต่าง ๆ เทียบปีก่อน และตารางจัดสรรกำไร' },
  { key: 'dividends', title: 'ทะเบียนปันผล-เฉลี่ยคืน', text: 'ช่องลายมือชื่อผู้รับ และใบแจ้งของสมาชิกทุกคน' },
  { key: 'minutes', title: 'รายงานการประชุม', text: 'ตามแบบระเบียบงานสารบรรณ' },
  { key: 'business', title: 'งบกำไรขาดทุนของธุรกิจกลุ่ม', text: 'ร้านค้า ยุ้งฉาง ธนาคารข้าว: รายเดือน สินค้าคงเหลือ การซื้อของสมาชิก' },
  { key: 'loan-application', title: 'คำขอกู้เงิน', text: 'จากบัตรลูกหนี้ ให้ผู้กู้และผู้ค้ำลงนาม พร้อมช่องความเห็นคณะกรรมการ' },
  { key: 'loan-contract', title: 'สัญญากู้เงิน', text: 'จากบัตรลูกหนี้ พร้อมตารางการส่งคืนท้ายสัญญา' },
  { key: 'guarantee', title: 'สัญญาค้ำประกัน', text: 'ผู้ค้ำประกันคนละฉบับ' },
  { key: 'members', title: 'ทะเบียนสมาชิก', text: 'ทุกคนตามเลขที่ เลขประจำตัวประชาชนพิมพ์เฉพาะหลักแรกและหลักสุดท้าย' },
  { key: 'application', title: 'ใบสมัครสมาชิก', text: 'แบบ อทผ-01 และหนังสือแสดงเจตนาการรับโอนผลประโยชน์' },
  { key: 'member-card', title: 'บัตรประจำตัวสมาชิก', text: 'ด้านหน้าและด้านหลัง บนกระดาษ A4' },
  { key: 'regulation', title: 'ระเบียบกลุ่ม', text: 'จากค่าตั้งของกลุ่ม พร้อมบันทึกการแก้ไขเพิ่มเติม' },
  { key: 'audit', title: 'รายงานการตรวจสอบ', text: 'สำหรับคณะกรรมการตรวจสอบ: การยกเลิกรายการ ปิดบัญชี เปลี่ยนระเบียบ ผู้ใช้ PIN ผิด กู้คืน การพิมพ์' },
];

let lastDoc = 'receipt'; // the choice made last, kept while the app runs
let lastValues = {};

function params(doc, v, ctx) {
  const month = v.month || typedMonth(monthOf(workDay(ctx)));
  const year = v.year || String(Number(workDay(ctx).slice(0, 4)) + 543 || '');
  switch (doc) {
    case 'receipt':
      return html`<div class="form-grid">
        ${field({ name: 'receipt', label: 'เลขที่ใบเสร็จ', value: v.receipt || '', hint: 'เช่น 2568/0153', attrs: { id: 'print-receipt' } })}
        ${field({ name: 'date', label: 'หรือวันที่ (ทั้งวัน)', value: v.date || '', hint: 'เว้นว่างเมื่อพิมพ์ใบเดียว', date: true, attrs: { id: 'print-date' } })}
      </div>`;
    case 'passbook':
      return html`<div class="form-grid">
        ${field({ name: 'member', label: 'เลขที่สมาชิก', value: v.member || '', width: 'w1', attrs: { id: 'print-member' } })}
        ${field({ name: 'from', label: 'ตั้งแต่วันที่', value: v.from || '', hint: 'เว้นว่าง = ตั้งแต่เริ่ม', date: true })}
        ${field({ name: 'to', label: 'ถึงวันที่', value: v.to || '', hint: 'เว้นว่าง = ถึงวันนี้', date: true })}
      </div>`;
    case 'passbook-continue':
      return html`<div class="form-grid">
        ${field({ name: 'member', label: 'เลขที่สมาชิก', value: v.member || '', width: 'w1', attrs: { id: 'print-member' } })}
        <div class="field w4 checks">
          <label><input type="checkbox" name="new_book" id="print-new-book"${v.new_book === 'on' ? html` checked` : ''}> เริ่มสมุดเล่มใหม่ (บรรทัดแรกเป็นยอดยกมา)</label>
          <label><input type="checkbox" name="again" id="print-again"${v.again === 'on' ? html` checked` : ''}> พิมพ์ครั้งล่าสุดซ้ำที่ตำแหน่งเดิม (เช่น กระดาษติด)</label>
        </div>
      </div>`;
    case 'application':
    case 'member-card':
      return html`<div class="form-grid">
        ${field({ name: 'member', label: 'เลขที่สมาชิก', value: v.member || '', width: 'w1', attrs: { id: 'print-member' } })}
      </div>`;
    case 'loan-application':
    case 'loan-contract':
    case 'guarantee':
      return html`<div class="form-grid">
        ${field({ name: 'loan', label: 'เลขที่สัญญาเงินกู้', value: v.loan || '', hint: 'เช่น 2568/001', attrs: { id: 'print-loan' } })}
      </div>`;
    case 'minutes':
      return html`<div class="form-grid">
        ${field({ name: 'meeting', label: 'เลขที่การประชุม', value: v.meeting || '', hint: 'เช่น 2568/03', attrs: { id: 'print-meeting' } })}
      </div>`;
    case 'audit':
      return html`<div class="form-grid">
        ${field({ name: 'from', label: 'ตั้งแต่วันที่', value: v.from || '', hint: 'เว้นว่าง = ตั้งแต่ตั้งกลุ่ม', date: true, attrs: { id: 'print-from' } })}
        ${field({ name: 'to', label: 'ถึงวันที่', value: v.to || '', hint: 'เว้นว่าง = ถึงวันนี้', date: true, attrs: { id: 'print-to' } })}
      </div>`;
    case 'members':
      return html`<p class="muted">สมาชิกทุกคน ณ วันนี้ — เลขประจำตัวประชาชนพิมพ์เฉพาะหลักแรกและหลักสุดท้าย (เอกสารที่ส่งต่อกันหลายมือ)</p>`;
    case 'regulation':
      return html`<p class="muted">พิมพ์ตามค่าตั้งที่ใช้อยู่วันนี้ การเปลี่ยนค่าตั้งที่อ้างมติที่ประชุมแสดงเป็นการแก้ไขเพิ่มเติม</p>`;
    case 'business':
      return html`<div class="form-grid">
        ${field({ name: 'business', label: 'ธุรกิจที่', value: v.business || '1', hint: 'เลขที่หรือชื่อธุรกิจ', width: 'w2', attrs: { id: 'print-business' } })}
        ${field({ name: 'year', label: 'ปีบัญชี (พ.ศ.)', value: year, width: 'w1', attrs: { id: 'print-year' } })}
      </div>`;
    case 'register':
    case 'yearend':
    case 'dividends':
      return html`<div class="form-grid">
        ${field({ name: 'year', label: 'ปีบัญชี (พ.ศ.)', value: year, width: 'w1', attrs: { id: 'print-year' } })}
      </div>`;
    default:
      return html`<div class="form-grid">
        ${field({ name: 'month', label: 'เดือน', value: month, hint: 'เช่น 10/2569 หรือ ต.ค. 2569', attrs: { id: 'print-month' } })}
      </div>`;
  }
}

// The request the core expects, from what was typed.
function request(doc, v) {
  return {
    document: doc,
    member: v.member || '',
    from: v.from || '',
    to: v.to || '',
    receipt: v.receipt || '',
    date: v.date || '',
    month: v.month || '',
    year: v.year || '',
    loan: v.loan || '',
    meeting: v.meeting || '',
    business: v.business || '',
    new_book: v.new_book === 'on',
    again: v.again === 'on',
  };
}

// Checkbox values: "on" when ticked, "" otherwise (`values()` reads .value of every element).
function typed(form) {
  const v = values(form);
  for (const box of form.querySelectorAll('input[type=checkbox]')) v[box.name] = box.checked ? 'on' : '';
  return v;
}

export async function show(el, ctx) {
  const options = await api.printOptions();
  const preset = ctx.params || {};
  if (preset.doc) {
    lastDoc = preset.doc;
    lastValues = {};
    if (preset.doc === 'receipt') lastValues.receipt = preset.value || '';
    else if (['loan-application', 'loan-contract', 'guarantee'].includes(preset.doc)) lastValues.loan = preset.value || '';
    else if (preset.doc === 'minutes') lastValues.meeting = preset.value || '';
    else if (preset.doc === 'business') [lastValues.business, lastValues.year] = (preset.value || '').split(':');
    else if (preset.value) lastValues.member = preset.value;
  }
  let folder = options.folder;

  render(
    el,
    html`<div class="screen-head"><h1>พิมพ์เอกสาร</h1></div>
      <form id="print-form" novalidate>
        ${errorSummary}
        <fieldset class="panel">
          <legend>เอกสาร</legend>
          <div class="doc-choices" role="radiogroup">
            ${DOCS.map(
              (d) => html`<label class="doc-choice" for="doc-${d.key}">
                <input type="radio" name="doc" value="${d.key}" id="doc-${d.key}"${d.key === lastDoc ? html` checked` : ''}>
                <span class="doc-title">${d.title}</span><span class="doc-text">${d.text}</span></label>`,
            )}
          </div>
        </fieldset>
        <fieldset class="panel" id="print-params"></fieldset>
        <div class="actions">
          <button type="submit" data-key="F7" id="print-preview"><kbd>F7</kbd>ดูว่าจะพิมพ์อะไร</button>
          <button type="button" class="primary" data-key="F2" id="print-save"><kbd>F2</kbd>บันทึกและเปิด</button>
          <span class="muted small">Enter = ช่องถัดไป · Enter ที่ช่องสุดท้าย = ดูว่าจะพิมพ์อะไร</span>
        </div>
      </form>
      <section class="panel" id="print-summary-panel" hidden>
        <h2 id="print-summary-title"></h2>
        <ul id="print-summary"></ul>
        <p class="muted small">จะบันทึกเป็นไฟล์ <span id="print-path"></span> <span id="print-path-place"></span></p>
      </section>
      <div id="print-progress" hidden>
        <p><span id="print-progress-text">กำลังสร้างเอกสาร…</span>
          <button type="button" class="quiet" id="print-cancel">หยุดพิมพ์</button></p>
        <progress id="print-progress-bar" max="1" value="0"></progress>
      </div>
      <div id="print-result" aria-live="polite"></div>
      <p class="muted small folder-line">เก็บไฟล์ไว้ที่<span id="print-folder" title="${folder}">${options.place}</span>
        <button type="button" class="small quiet" id="print-folder-choose">เปลี่ยนโฟลเดอร์…</button></p>`,
  );
  const form = el.querySelector('#print-form');
  const paramBox = el.querySelector('#print-params');
  const summaryPanel = el.querySelector('#print-summary-panel');
  const result = el.querySelector('#print-result');
  const progress = el.querySelector('#print-progress');

  const doc = () => form.querySelector('input[name=doc]:checked')?.value || 'receipt';

  function drawParams(keep) {
    const v = keep ? lastValues : {};
    const d = DOCS.find((x) => x.key === doc());
    render(paramBox, html`<legend>${d.title}</legend>${params(doc(), v, ctx)}`);
    summaryPanel.hidden = true;
  }
  drawParams(true);
  for (const radio of form.querySelectorAll('input[name=doc]')) {
    radio.addEventListener('change', () => {
      lastDoc = doc();
      clearErrors(form);
      drawParams(false);
    });
  }
  // Focus the first thing to type, or the chosen document.
  const first = paramBox.querySelector('input:not([type=checkbox])');
  (preset.doc && first ? first : form.querySelector('input[name=doc]:checked')).setAttribute('autofocus', '');

  function showSummary(p) {
    el.querySelector('#print-summary-title').textContent = p.title;
    render(el.querySelector('#print-summary'), html`${p.lines.map((l) => html`<li>${l}</li>`)}`);
    el.querySelector('#print-path').textContent = p.file_name;
    el.querySelector('#print-path').title = p.path;
    el.querySelector('#print-path-place').textContent = `ใน${p.place}`;
    summaryPanel.hidden = false;
    summaryPanel.scrollIntoView({ block: 'nearest' });
  }

  bindForm(form, async () => {
    const t = typed(form);
    lastValues = t;
    result.replaceChildren();
    showSummary(await api.printPreview(request(doc(), t)));
  });

  let timer = null;
  function watch() {
    progress.hidden = false;
    const bar = el.querySelector('#print-progress-bar');
    const text = el.querySelector('#print-progress-text');
    timer = setInterval(async () => {
      const p = await api.printProgress().catch(() => null);
      if (!p || !ctx.alive()) return;
      if (p.total > 0) {
        bar.max = p.total;
        bar.value = p.done;
        text.textContent = `กำลังสร้างเอกสาร ${p.done.toLocaleString('th-TH')} / ${p.total.toLocaleString('th-TH')}`;
      }
    }, 300);
  }
  function unwatch() {
    clearInterval(timer);
    progress.hidden = true;
  }
  el.querySelector('#print-cancel').addEventListener('click', () => api.printCancel());

  const save = el.querySelector('#print-save');
  save.addEventListener('click', async () => {
    if (save.disabled) return;
    const t = typed(form);
    lastValues = t;
    clearErrors(form);
    result.replaceChildren();
    save.disabled = true;
    watch();
    try {
      const r = await api.printDocument(request(doc(), t));
      if (!ctx.alive()) return;
      const name = (f) => f.split(/[\\/]/).pop();
      const files = r.files.length > 1
        ? html`<p>เอกสารใหญ่ แบ่งเป็น ${r.files.length} ไฟล์:</p><ul id="print-files">${r.files.map((f) => html`<li title="${f}">${name(f)}</li>`)}</ul>`
        : '';
      render(
        result,
        html`<div class="notice saved" id="print-done">
          <p>✓ บันทึก ${r.title} แล้ว ${r.pages} หน้า</p>
          <p>ไฟล์ <strong id="print-file" data-path="${r.path}" title="${r.path}">${name(r.path)}</strong>
            <span id="print-place">ใน${r.place}</span></p>
          ${files}
          ${r.passbook ? html`<p id="print-placement">ใส่สมุดแล้วพิมพ์ที่ <strong>${r.passbook.placement}</strong>${r.passbook.new_book ? ` — เริ่มเล่มใหม่ เล่มที่ ${r.passbook.book}` : ''}</p>` : ''}
          <p class="print-open-buttons">
            <button type="button" class="primary" id="print-open-file" data-path="${r.path}">พิมพ์</button>
            <button type="button" id="print-open-folder" data-path="${r.path}">เปิดโฟลเดอร์</button>
          </p>
          <p class="muted" id="print-open-note">${r.opened ? 'เปิดในโปรแกรมดู PDF แล้ว — กดพิมพ์ในโปรแกรมนั้น หรือกดปุ่ม พิมพ์ ด้านบนเพื่อเปิดอีกครั้ง' : r.open_note || ''}</p>
        </div>`,
      );
      summaryPanel.hidden = true;
      result.scrollIntoView({ block: 'nearest' });
    } catch (err) {
      if (ctx.alive()) showErrors(form, [err]);
    } finally {
      unwatch();
      save.disabled = false;
    }
  });

  // After saving: พิมพ์ opens the PDF in the system's viewer (its print dialog prints it),
  // เปิดโฟลเดอร์ opens where it was saved.
  result.addEventListener('click', async (e) => {
    const b = e.target.closest('#print-open-file, #print-open-folder');
    if (!b) return;
    const note = el.querySelector('#print-open-note');
    try {
      const o = await api.openSaved(b.dataset.path, b.id === 'print-open-folder');
      if (!ctx.alive()) return;
      note.textContent = o.opened
        ? (b.id === 'print-open-folder' ? 'เปิดโฟลเดอร์แล้ว' : 'เปิดในโปรแกรมดู PDF แล้ว — กดพิมพ์ในโปรแกรมนั้น')
        : o.note || '';
    } catch (err) {
      note.textContent = err.message;
    }
  });

  el.querySelector('#print-folder-choose').addEventListener('click', async () => {
    try {
      const chosen = await api.choosePrintFolder();
      if (chosen) {
        folder = chosen;
        el.querySelector('#print-folder').textContent = chosen;
        el.querySelector('#print-folder').title = '';
        summaryPanel.hidden = true;
      }
    } catch (err) {
      showErrors(form, [err]);
    }
  });
}
