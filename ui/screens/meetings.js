// ประชุม: the group's meetings, newest first, and a new meeting. The new meeting is numbered
// by the core per พ.ศ. year (ครั้งที่ 3/2568) and, unless unticked, its agenda 3/4 is filled
// from the books at once: the month's fund report, members admitted and leaving, the arrears
// list. Waiting loan applications are decided on the meeting's own screen.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate, workDateTyped } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';

export const KINDS = [
  ['committee', 'ประชุมคณะกรรมการ'],
  ['monthly', 'ประชุมสมาชิกประจำเดือน'],
  ['annual', 'ประชุมใหญ่สามัญประจำปี'],
  ['extraordinary', 'ประชุมใหญ่วิสามัญ'],
];

export const meetingHref = (number) => `#/meetings/${number}`;

// Where a meeting stands, in words (never colour alone).
export function meetingState(m) {
  if (m.certified || m.certified_by) return html`<span class="status done">✓ รับรองรายงานแล้ว</span>`;
  if (m.closed) return html`<span class="status active">ปิดการประชุมแล้ว</span>`;
  return html`<span class="status waiting">● กำลังบันทึก</span>`;
}

let lastPlace = '';

export async function show(el, ctx) {
  const rows = await api.meetings();
  render(
    el,
    html`<div class="screen-head">
        <h1>การประชุม</h1>
        <a class="button" href="#/committee" data-key="F7" id="to-committee"><kbd>F7</kbd>คณะกรรมการ</a>
      </div>
      <form class="panel action-panel" id="new-meeting-form" novalidate>
        <h2>เปิดการประชุมครั้งใหม่</h2>
        ${errorSummary}
        <div class="form-grid">
          ${selectField({ name: 'kind', label: 'การประชุม', options: KINDS, width: 'w3' })}
          ${field({ name: 'date', date: true, label: 'วันที่ประชุม', value: workDateTyped(), hint: 'วัน/เดือน/ปี พ.ศ.', width: 'w2', attrs: { id: 'meeting-date' } })}
          ${field({ name: 'place', label: 'สถานที่ (ณ)', value: lastPlace, hint: 'เช่น ศาลาประชาคมหมู่บ้าน', width: 'w3', attrs: { id: 'meeting-place' } })}
        </div>
        <label class="check"><input type="checkbox" id="meeting-prefill" checked>
          ใส่เรื่องจากสมุดบัญชีในวาระที่ 3 และ 4 ให้เลย (รายงานการเงินประจำเดือน สมาชิกเข้าใหม่และพ้นสภาพ ลูกหนี้ค้างชำระ)</label>
        <div class="actions">
          <button type="submit" class="primary" data-key="F2" id="new-meeting-submit"><kbd>F2</kbd>เปิดการประชุม</button>
        </div>
      </form>
      <section class="panel">
        <h2>การประชุมที่บันทึกไว้ <span class="muted small">${rows.length} ครั้ง</span></h2>
        ${rows.length
          ? html`<table id="meeting-list">
              <thead><tr><th>ครั้งที่</th><th>การประชุม</th><th>วันที่</th><th>สถานที่</th>
                <th class="num">ผู้มาประชุม</th><th class="num">เรื่อง</th><th>สถานะ</th></tr></thead>
              <tbody>${rows.map(
                (r) => html`<tr data-meeting="${r.meeting}">
                  <td><a href="${meetingHref(r.meeting)}">${r.meeting}</a></td><td>${r.kind_label}</td>
                  <td>${thaiDate(r.date)}</td><td>${r.place}</td><td class="num">${r.present}</td>
                  <td class="num">${r.items}</td><td>${meetingState(r)}</td></tr>`,
              )}</tbody></table>`
          : html`<p class="muted" id="no-meetings">ยังไม่มีการประชุม — เปิดการประชุมครั้งแรกด้านบน</p>`}
      </section>`,
  );
  const form = el.querySelector('#new-meeting-form');
  form.querySelector('select').setAttribute('autofocus', '');
  bindForm(form, async (v) => {
    const m = await api.newMeeting({
      kind: v.kind,
      date: v.date,
      place: v.place,
      prefill: el.querySelector('#meeting-prefill').checked,
    });
    lastPlace = v.place;
    ctx.go(meetingHref(m.meeting));
  });
}
