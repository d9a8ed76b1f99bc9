// Add a member (#/members/new) or edit one (#/members/12/edit). Everything is sent as typed;
// the core checks it and answers in Thai.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { workDateTyped, typedDate } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';

const TITLES = ['นาย', 'นาง', 'นางสาว', 'เด็กชาย', 'เด็กหญิง'].map((t) => [t, t]);
const MAX_BENEFICIARIES = 3;

function beneficiaryRows(list) {
  const out = [html`<div></div><div class="head">ชื่อ–นามสกุล</div><div class="head">เกี่ยวข้องเป็น</div>
    <div class="head num">ส่วนแบ่ง (%)</div>`];
  for (let i = 0; i < MAX_BENEFICIARIES; i++) {
    const b = list[i] || {};
    const n = i + 1;
    out.push(html`<div class="row-no">${n}.</div>
      ${field({ name: `beneficiaries.${i}.name`, label: `ชื่อ–นามสกุล ผู้รับผลประโยชน์คนที่ ${n}`, value: b.name || '', hideLabel: true })}
      ${field({ name: `beneficiaries.${i}.relation`, label: `เกี่ยวข้องเป็น (คนที่ ${n})`, value: b.relation || '', hideLabel: true, attrs: { placeholder: i === 0 ? 'เช่น บุตร สามี ภรรยา' : false } })}
      ${field({ name: `beneficiaries.${i}.share_percent`, label: `ส่วนแบ่ง % (คนที่ ${n})`, value: b.share_percent ?? '', hideLabel: true, attrs: { class: 'num', inputmode: 'decimal' } })}`);
  }
  return out;
}

// Form values (flat, as typed) -> the core's MemberInput.
function toInput(v) {
  const beneficiaries = [];
  for (let i = 0; i < MAX_BENEFICIARIES; i++) {
    const b = {
      name: v[`beneficiaries.${i}.name`] || '',
      relation: v[`beneficiaries.${i}.relation`] || '',
      id_card: '',
      share_percent: v[`beneficiaries.${i}.share_percent`] || '',
    };
    if (b.name || b.relation || b.share_percent) beneficiaries.push(b);
  }
  return {
    title: v.title,
    first_name: v.first_name,
    last_name: v.last_name,
    id_card: v.id_card,
    birth_date: v.birth_date,
    address: v.address,
    phone: v.phone,
    joined: v.joined,
    shares: v.shares,
    beneficiaries,
  };
}

export async function show(el, ctx) {
  const number = ctx.params.number;
  const editing = number !== null;
  const m = editing ? await api.member(number, true) : null;
  const back = editing ? `#/members/${number}` : '#/members';
  const val = (k, d = '') => (m && m[k] !== null && m[k] !== undefined ? m[k] : d);

  render(
    el,
    html`<form id="member-form" novalidate>
      <div class="screen-head">
        <h1>${editing ? html`แก้ไขข้อมูลสมาชิกเลขที่ ${number}` : 'เพิ่มสมาชิกใหม่'}</h1>
      </div>
      ${errorSummary}
      ${editing
        ? html`<section class="panel compact">
            <div class="form-grid">
              ${field({ name: 'changed_on', date: true, label: 'แก้ไขมีผลตั้งแต่วันที่', value: workDateTyped(), hint: 'วัน/เดือน/ปี พ.ศ.', attrs: { autofocus: true } })}
              <p class="w4 muted small change-note">ข้อมูลเดิมจะเก็บไว้ในประวัติการเปลี่ยนแปลง พร้อมวันที่นี้</p>
            </div>
          </section>`
        : ''}
      <section class="panel">
        <h2>ข้อมูลสมาชิก</h2>
        <div class="form-grid">
          ${selectField({ name: 'title', label: 'คำนำหน้า', options: TITLES, value: val('title', 'นาย'), width: 'w1' })}
          ${field({ name: 'first_name', label: 'ชื่อ', value: val('first_name'), width: 'w2', attrs: { autofocus: !editing } })}
          ${field({ name: 'last_name', label: 'นามสกุล', value: val('last_name'), width: 'w3' })}
          ${field({ name: 'id_card', label: 'เลขประจำตัวประชาชน (ถ้ามี)', value: val('id_card'), hint: '13 หลัก', attrs: { inputmode: 'numeric' } })}
          ${field({ name: 'birth_date', date: true, label: 'วันเกิด', value: typedDate(val('birth_date')), hint: 'วัน/เดือน/ปี พ.ศ. เช่น 5/6/2520' })}
          ${field({ name: 'phone', label: 'โทรศัพท์', value: val('phone'), attrs: { inputmode: 'tel' } })}
          ${field({ name: 'address', label: 'ที่อยู่', value: val('address'), width: 'w4' })}
          ${field({ name: 'joined', date: true, inMonth: !editing, label: 'วันที่สมัคร', value: editing ? typedDate(val('joined')) : workDateTyped(), hint: 'วัน/เดือน/ปี พ.ศ.', width: 'w1' })}
          ${field({ name: 'shares', label: 'หุ้น/เดือน', value: String(val('shares', '1')), hint: 'ที่ตั้งใจส่ง', width: 'w1', attrs: { class: 'num', inputmode: 'numeric' } })}
        </div>
      </section>
      <section class="panel">
        <h2>ผู้รับผลประโยชน์ <span class="muted small">(ไม่เกิน ${MAX_BENEFICIARIES} คน เว้นว่างได้)</span></h2>
        <div class="beneficiaries" data-field="beneficiaries">
          ${beneficiaryRows(m ? m.beneficiaries : [])}
        </div>
      </section>
      <div class="actions">
        <button type="submit" class="primary" data-key="F2" id="member-submit"><kbd>F2</kbd>บันทึก</button>
        <a class="button quiet" href="${back}" data-key="Escape"><kbd>Esc</kbd>ยกเลิก</a>
        <span class="muted small">Enter = ช่องถัดไป · Enter ที่ช่องสุดท้าย = บันทึก · Ctrl+; = วันที่วันนี้</span>
      </div>
    </form>`,
  );

  bindForm(el.querySelector('form'), async (v) => {
    const input = toInput(v);
    const saved = editing ? await api.updateMember(number, input, v.changed_on) : await api.addMember(input);
    ctx.go(`#/members/${saved.number}`);
  });
}
