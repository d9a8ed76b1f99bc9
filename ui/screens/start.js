// First start, when no books are open: create a group, open an existing file, or look at a
// demo group. `#/start/new` is the create form.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { MONTHS } from '../lib/format.js';
import { field, selectField, errorSummary, bindForm } from '../lib/form.js';

export async function show(el, ctx) {
  if (ctx.params.newForm) return showCreate(el, ctx);
  const { status } = ctx;
  render(
    el,
    html`<div class="start welcome">
      <div class="start-title">
        <h1>สัจจะ</h1>
        <p>โปรแกรมบัญชีกลุ่มออมทรัพย์เพื่อการผลิต</p>
      </div>
      ${status.open_error
        ? html`<div class="error-summary" role="alert" id="open-error">
            <h2>เปิดไฟล์บัญชีไม่ได้</h2><p>${status.open_error.message}</p></div>`
        : ''}
      <div class="error-summary" role="alert" id="start-error" hidden></div>
      <p class="notice" role="status" id="start-busy" hidden></p>
      <div class="choices">
        <a class="choice button" href="#/start/new" id="choice-new" data-key="1" autofocus>
          <span><kbd>1</kbd></span>
          <span class="choice-title">สร้างบัญชีกลุ่มใหม่</span>
          <span class="choice-text">เริ่มทำบัญชีให้กลุ่ม กรอกชื่อกลุ่ม ที่ตั้ง และระเบียบเรื่องหุ้น</span>
        </a>
        <button type="button" class="choice" id="choice-open" data-key="2">
          <span><kbd>2</kbd></span>
          <span class="choice-title">เปิดไฟล์บัญชีที่มีอยู่</span>
          <span class="choice-text">เลือกไฟล์บัญชีของกลุ่มที่เคยทำไว้ หรือไฟล์สำรองที่คัดลอกมา</span>
        </button>
        <button type="button" class="choice" id="choice-demo" data-key="3">
          <span><kbd>3</kbd></span>
          <span class="choice-title">ดูกลุ่มตัวอย่าง</span>
          <span class="choice-text">ทดลองใช้โปรแกรมกับกลุ่มสมมุติ ไม่ปนกับบัญชีจริงของกลุ่ม</span>
        </button>
      </div>
      <p class="start-foot muted">กดเลข 1, 2 หรือ 3 เพื่อเลือก</p>
      <p class="start-foot muted small">${status.open_error ? 'ไฟล์บัญชีอยู่ที่' : 'บัญชีใหม่จะเก็บไว้ที่'}<span id="db-path" data-path="${status.path}" title="${status.path}">${status.place}</span></p>
    </div>`,
  );

  const problem = el.querySelector('#start-error');
  const fail = (err) => {
    render(problem, html`<h2>ทำรายการไม่ได้</h2><p>${err.message}</p>`);
    problem.hidden = false;
    problem.focus();
  };
  const waiting = el.querySelector('#start-busy');
  const busy = (on, message = '') => {
    el.querySelectorAll('button').forEach((b) => (b.disabled = on));
    waiting.textContent = message;
    waiting.hidden = !(on && message);
  };

  // Opens books with `open` (false when the treasurer cancelled), then goes to the home screen;
  // the buttons wait meanwhile, saying `message` if there is one.
  const openThen = (open, message) => async () => {
    busy(true, message);
    try {
      if (await open()) {
        await ctx.refresh();
        ctx.go('#/');
      }
    } catch (err) {
      fail(err);
    } finally {
      busy(false);
    }
  };
  el.querySelector('#choice-open').addEventListener('click', openThen(api.openBooksFile));
  el.querySelector('#choice-demo').addEventListener(
    'click',
    openThen(async () => {
      await api.openDemo();
      return true;
    }, 'กำลังสร้างกลุ่มตัวอย่างพร้อมข้อมูลย้อนหลังหลายเดือน รอสักครู่…'),
  );
}

function showCreate(el, ctx) {
  const months = MONTHS.map((m, i) => [String(i + 1), m]);
  render(
    el,
    html`<div class="start">
      <form id="create-group" novalidate>
        <div class="screen-head"><h1>สร้างบัญชีกลุ่มใหม่</h1></div>
        ${errorSummary}
        <section class="panel">
          <h2>ข้อมูลกลุ่ม</h2>
          <div class="form-grid">
            ${field({ name: 'name', label: 'ชื่อกลุ่ม', width: 'w4', attrs: { autofocus: true } })}
            ${field({ name: 'founded', date: true, label: 'วันที่ก่อตั้งกลุ่ม', hint: 'วัน/เดือน/ปี พ.ศ. เช่น 1/1/2565' })}
            ${field({ name: 'village', label: 'หมู่บ้าน', attrs: { placeholder: 'เช่น บ้านหนองแวง' } })}
            ${field({ name: 'moo', label: 'หมู่ที่', width: 'w1' })}
            ${field({ name: 'tambon', label: 'ตำบล', width: 'w3' })}
            ${field({ name: 'amphoe', label: 'อำเภอ', width: 'w3' })}
            ${field({ name: 'province', label: 'จังหวัด', width: 'w3' })}
          </div>
        </section>
        <section class="panel">
          <h2>ระเบียบเริ่มต้น <span class="muted small">(แก้ไขภายหลังได้ที่ ตั้งค่าระเบียบกลุ่ม)</span></h2>
          <div class="form-grid">
            ${selectField({ name: 'year_start_month', label: 'เดือนแรกของปีบัญชี', options: months, value: '1' })}
            ${field({ name: 'share_value', label: 'มูลค่าหุ้นละ (บาท)', value: '50', width: 'w1', attrs: { class: 'num', inputmode: 'decimal' } })}
            ${field({ name: 'entrance_fee', label: 'ค่าสมัคร (บาท)', value: '20', width: 'w1', attrs: { class: 'num', inputmode: 'decimal' } })}
            ${field({ name: 'min_shares', label: 'หุ้นขั้นต่ำ/เดือน', value: '1', width: 'w1', attrs: { class: 'num', inputmode: 'numeric' } })}
            ${field({ name: 'max_shares', label: 'หุ้นสูงสุด/เดือน', value: '20', width: 'w1', attrs: { class: 'num', inputmode: 'numeric' } })}
          </div>
        </section>
        <div class="actions">
          <button type="submit" class="primary" data-key="F2" id="create-submit"><kbd>F2</kbd>สร้างบัญชีกลุ่ม</button>
          <a class="button quiet" href="#/" data-key="Escape"><kbd>Esc</kbd>กลับ</a>
          <span class="muted small">Enter = ช่องถัดไป · Ctrl+; = วันที่วันนี้ · บัญชีจะเก็บไว้ที่${ctx.status.place}</span>
        </div>
      </form>
    </div>`,
  );
  const form = el.querySelector('form');
  bindForm(form, async (v) => {
    await api.createBooks(v);
    await ctx.refresh();
    ctx.go('#/');
  });
}
