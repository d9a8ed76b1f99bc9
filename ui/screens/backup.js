// สำรองข้อมูล: the copies kept beside the books (every day the books change, every month
// close, before every migration and restore, and on demand), each with what it holds; back up
// now; copy the books to a USB stick, checked there; restore a copy — first what it holds
// beside the books in use, then an irreversible confirmation.

import * as api from '../api.js';
import { html, render } from '../lib/html.js';
import { thaiDate } from '../lib/format.js';
import { confirmDialog } from '../lib/dialog.js';

// "2568-03-05" (พ.ศ., from the copy's name) -> "5/3/2568".
function madeOn(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text || '');
  return m ? `${Number(m[3])}/${Number(m[2])}/${m[1]}` : '-';
}

function holds(b) {
  return html`กลุ่ม ${b.group} · ${b.entries} รายการ · สมาชิก ${b.members} คน ·
    รายการล่าสุด ${b.last_entry_date ? thaiDate(b.last_entry_date) : '-'} ·
    ใบเสร็จล่าสุด ${b.last_receipt || '-'}`;
}

export async function show(el, ctx) {
  render(
    el,
    html`<div class="screen-head"><h1>สำรองข้อมูล</h1></div>
      <p class="lead">โปรแกรมสำรองบัญชีให้เองทุกวันที่มีการบันทึก ทุกครั้งที่ปิดบัญชีเดือน และก่อนปรับรุ่นไฟล์
        ควรคัดลอกไปเก็บในแฟลชไดรฟ์ที่เก็บไว้คนละที่กับเครื่องทุกเดือน</p>
      <div class="actions">
        <button type="button" class="primary" id="backup-now" data-key="F2"><kbd>F2</kbd>สำรองเดี๋ยวนี้</button>
        <button type="button" id="backup-export">คัดลอกไปแฟลชไดรฟ์…</button>
        <button type="button" class="quiet" id="restore-other">กู้คืนจากไฟล์อื่น…</button>
        <button type="button" class="quiet" id="audit-print" data-key="F9"><kbd>F9</kbd>พิมพ์รายงานการตรวจสอบ…</button>
      </div>
      <div class="error-summary" role="alert" id="backup-error" tabindex="-1" hidden></div>
      <p class="notice" role="status" id="backup-notice" hidden></p>
      <div id="export-panel"></div>
      <div id="restore-panel"></div>
      <h2>สำเนาที่เก็บไว้ <span class="muted small">ใหม่สุดก่อน</span></h2>
      <div id="backup-list"><p class="loading">กำลังโหลด…</p></div>`,
  );
  const problem = el.querySelector('#backup-error');
  const notice = el.querySelector('#backup-notice');
  const panel = el.querySelector('#restore-panel');
  const say = (text) => {
    problem.hidden = true;
    notice.textContent = text;
    notice.hidden = !text;
  };
  const fail = (err) => {
    notice.hidden = true;
    render(problem, html`<h2>ทำรายการไม่ได้</h2><p>${err.message}</p>`);
    problem.hidden = false;
    problem.focus();
  };
  const busy = async (on, work) => {
    const buttons = [...el.querySelectorAll('button')];
    buttons.forEach((b) => (b.disabled = true));
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  };

  async function drawList() {
    const list = await api.backups();
    render(
      el.querySelector('#backup-list'),
      list.length
        ? html`<table class="table" id="backup-table">
            <thead><tr><th>วันที่สำรอง</th><th>เหตุที่สำรอง</th><th>สำเนานี้มี</th><th>รหัสตรวจสอบ</th><th></th></tr></thead>
            <tbody>${list.map(
              (b, i) => html`<tr data-copy="${i}" data-reason="${b.reason || 'other'}">
                <td>${madeOn(b.made_on)}</td>
                <td>${b.reason_label || 'คัดลอกเอง'}</td>
                <td class="small">${holds(b)}<br><span class="muted">${b.file_name}</span></td>
                <td class="code">${b.check_code}</td>
                <td><button type="button" class="quiet" data-restore="${b.path}">กู้คืน…</button></td>
              </tr>`,
            )}</tbody></table>`
        : html`<p class="muted" id="backup-empty">ยังไม่มีสำเนาสำรอง — กด F2 สำรองเดี๋ยวนี้</p>`,
    );
  }

  async function preview(file, passphrase) {
    const p = await api.restorePreview(file, passphrase);
    render(
      panel,
      html`<section class="panel" id="restore-preview">
        <h2>กู้คืนจากสำเนานี้</h2>
        <table class="table compare">
          <thead><tr><th></th><th>สำเนาที่จะกู้คืน</th><th>บัญชีที่ใช้อยู่ตอนนี้</th></tr></thead>
          <tbody>
            <tr><th>กลุ่ม</th><td id="preview-group">${p.backup.group}</td><td>${p.current.group}</td></tr>
            <tr><th>จำนวนรายการ</th><td class="num" id="preview-entries">${p.backup.entries}</td><td class="num" id="current-entries">${p.current.entries}</td></tr>
            <tr><th>สมาชิก</th><td class="num">${p.backup.members}</td><td class="num">${p.current.members}</td></tr>
            <tr><th>รายการล่าสุด</th><td>${p.backup.last_entry_date ? thaiDate(p.backup.last_entry_date) : '-'}</td><td>${p.current.last_entry_date ? thaiDate(p.current.last_entry_date) : '-'}</td></tr>
            <tr><th>ใบเสร็จล่าสุด</th><td id="preview-receipt">${p.backup.last_receipt || '-'}</td><td id="current-receipt">${p.current.last_receipt || '-'}</td></tr>
            <tr><th>รหัสตรวจสอบ</th><td class="code" id="preview-code">${p.backup.check_code}</td><td class="code">${p.current.check_code}</td></tr>
          </tbody>
        </table>
        <p class="small muted">ไฟล์: ${p.backup.path}</p>
        ${p.can_restore
          ? html`<p>รายการที่บันทึกหลังสำเนานี้จะไม่อยู่ในบัญชีที่กู้คืน บัญชีที่ใช้อยู่จะถูกสำรองไว้ก่อนทุกครั้ง</p>
            <div class="actions">
              <button type="button" class="danger" id="restore-confirm"><kbd>F2</kbd>กู้คืนจากสำเนานี้…</button>
              <button type="button" class="quiet" id="restore-cancel">ไม่กู้คืน</button>
            </div>`
          : html`<div class="error-summary" role="alert" id="restore-refused"><h2>กู้คืนจากสำเนานี้ไม่ได้</h2>
              <ul>${p.problems.map((x) => html`<li>${x}</li>`)}</ul></div>`}
      </section>`,
    );
    panel.querySelector('#restore-cancel')?.addEventListener('click', () => render(panel, ''));
    const go = panel.querySelector('#restore-confirm');
    if (!go) return;
    go.focus();
    go.addEventListener('click', () => confirmRestore(p, passphrase));
    go.addEventListener('keydown', (e) => {
      if (e.key === 'F2') {
        e.preventDefault();
        e.stopPropagation();
        confirmRestore(p, passphrase);
      }
    });
  }

  async function confirmRestore(p, passphrase) {
    const done = await confirmDialog(el, {
      title: 'กู้คืนบัญชีจากสำเนา',
      body: html`<p>บัญชีจะกลับเป็นเหมือนวันที่สำรอง: ${p.backup.entries} รายการ
          ใบเสร็จล่าสุด ${p.backup.last_receipt || '-'} รหัสตรวจสอบ ${p.backup.check_code}</p>
        <p class="irreversible">รายการที่บันทึกหลังจากนั้น (${p.current.entries - p.backup.entries > 0 ? p.current.entries - p.backup.entries : 0} รายการ)
          จะไม่อยู่ในบัญชี — บัญชีที่ใช้อยู่ถูกสำรองไว้ก่อน จึงกู้กลับได้ถ้าจำเป็น</p>`,
      confirmLabel: 'ยืนยัน กู้คืน',
      onConfirm: () => api.restoreConfirm(p.backup.path, passphrase),
    });
    if (!done) return;
    render(
      panel,
      html`<section class="panel" id="restore-done">
        <h2>กู้คืนแล้ว</h2>
        <p id="restored-holds">${holds(done.books)}</p>
        <p>ตรวจบัญชีที่กู้คืนแล้ว: <strong id="restored-verify">${done.verify.ok ? 'ถูกต้องทุกข้อ' : done.verify.problems.join('; ')}</strong></p>
        <p class="small muted">บัญชีก่อนกู้คืนเก็บไว้ที่ ${done.saved_before}</p>
      </section>`,
    );
    await ctx.refresh();
    await drawList();
  }

  el.querySelector('#backup-now').addEventListener('click', () =>
    busy(true, async () => {
      const b = await api.backupNow();
      say(`สำรองแล้ว: ${b.file_name} — ${b.entries} รายการ รหัสตรวจสอบ ${b.check_code}`);
      await drawList();
    }),
  );
  // Copy to a USB stick: the folder (typed, or chosen in the system dialog), optionally
  // encrypted with a passphrase typed twice; the copy is verified on the stick.
  let exportDir = '';
  function exportPanel() {
    const box = el.querySelector('#export-panel');
    render(
      box,
      html`<section class="panel" id="export-form-panel">
        <h2>คัดลอกบัญชีไปแฟลชไดรฟ์</h2>
        <form id="export-form" novalidate>
          <div class="form-grid">
            <div class="field w4"><label for="export-dir">โฟลเดอร์ปลายทาง</label>
              <input id="export-dir" name="dir" value="${exportDir}" placeholder="เช่น /media/usb หรือ E:\">
              <button type="button" class="quiet small" id="export-pick">เลือกโฟลเดอร์…</button></div>
            <div class="field w4 checks"><label><input type="checkbox" id="export-encrypt" name="encrypt">
              เข้ารหัสสำเนาด้วยรหัสผ่าน (แนะนำ: สำเนามีข้อมูลส่วนบุคคลของสมาชิก)</label></div>
          </div>
          <div class="form-grid" id="export-secret" hidden>
            <div class="field w2"><label for="export-pass">รหัสผ่าน (อย่างน้อย 8 ตัว)</label>
              <input type="password" id="export-pass" autocomplete="new-password"></div>
            <div class="field w2"><label for="export-pass2">พิมพ์รหัสผ่านอีกครั้ง</label>
              <input type="password" id="export-pass2" autocomplete="new-password"></div>
            <p class="small muted">จดรหัสผ่านเก็บไว้คนละที่กับแฟลชไดรฟ์ ถ้าลืมจะเปิดสำเนานี้ไม่ได้อีกเลย</p>
          </div>
          <div class="actions">
            <button type="submit" class="primary" id="export-go"><kbd>Enter</kbd>คัดลอกและตรวจสำเนา</button>
            <button type="button" class="quiet" id="export-cancel">ไม่คัดลอก</button>
          </div>
        </form>
      </section>`,
    );
    const form = box.querySelector('#export-form');
    const dir = box.querySelector('#export-dir');
    const encrypt = box.querySelector('#export-encrypt');
    encrypt.addEventListener('change', () => {
      box.querySelector('#export-secret').hidden = !encrypt.checked;
    });
    box.querySelector('#export-cancel').addEventListener('click', () => render(box, ''));
    box.querySelector('#export-pick').addEventListener('click', () =>
      busy(true, async () => {
        const picked = await api.backupPickFolder();
        if (picked) dir.value = picked;
      }),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      busy(true, async () => {
        if (!dir.value.trim()) throw new Error('เลือกหรือพิมพ์โฟลเดอร์ของแฟลชไดรฟ์ก่อน');
        let pass = null;
        if (encrypt.checked) {
          pass = box.querySelector('#export-pass').value;
          if (pass !== box.querySelector('#export-pass2').value) throw new Error('รหัสผ่านที่พิมพ์สองครั้งไม่ตรงกัน');
        }
        exportDir = dir.value.trim();
        const x = await api.backupExport(exportDir, pass);
        render(box, '');
        say(`คัดลอกไปที่ ${x.path} แล้ว${x.encrypted ? ' (เข้ารหัสแล้ว)' : ''} และตรวจสำเนาที่นั่นแล้ว${x.verify.ok ? 'ถูกต้อง' : 'พบปัญหา'} (${x.verify.entries} รายการ) รหัสตรวจสอบ ${x.check_code}`);
      });
    });
    dir.focus();
  }
  el.querySelector('#backup-export').addEventListener('click', exportPanel);
  // A copy kept elsewhere (a USB stick): its file typed or chosen in the system dialog; an
  // encrypted copy (….db.age, from "คัดลอกไปแฟลชไดรฟ์" with a passphrase) asks for its passphrase.
  function otherFilePanel() {
    render(
      panel,
      html`<section class="panel" id="restore-other-panel">
        <h2>กู้คืนจากสำเนาในแฟลชไดรฟ์หรือโฟลเดอร์อื่น</h2>
        <form id="restore-other-form" novalidate>
          <div class="form-grid">
            <div class="field w4"><label for="restore-file">ไฟล์สำเนา</label>
              <input id="restore-file" name="file" placeholder="เช่น E:\\sajja-2569-12-05.db หรือ …db.age">
              <button type="button" class="quiet small" id="restore-pick">เลือกไฟล์…</button></div>
          </div>
          <div class="form-grid" id="restore-secret" hidden>
            <div class="field w2"><label for="restore-pass">รหัสผ่านของสำเนาที่เข้ารหัส</label>
              <input type="password" id="restore-pass" autocomplete="current-password"></div>
            <p class="small muted">รหัสผ่านเดียวกับที่ตั้งไว้ตอนคัดลอกสำเนานี้</p>
          </div>
          <div class="actions">
            <button type="submit" class="primary" id="restore-open"><kbd>Enter</kbd>ดูสำเนานี้</button>
            <button type="button" class="quiet" id="restore-other-cancel">ปิด</button>
          </div>
        </form>
      </section>`,
    );
    const file = panel.querySelector('#restore-file');
    const secret = panel.querySelector('#restore-secret');
    const encrypted = () => file.value.trim().toLowerCase().endsWith('.age');
    const showSecret = () => {
      secret.hidden = !encrypted();
    };
    file.addEventListener('input', showSecret);
    panel.querySelector('#restore-pick').addEventListener('click', () =>
      busy(true, async () => {
        const picked = await api.restorePickFile();
        if (picked) file.value = picked;
        showSecret();
        (encrypted() ? panel.querySelector('#restore-pass') : panel.querySelector('#restore-open')).focus();
      }),
    );
    panel.querySelector('#restore-other-cancel').addEventListener('click', () => render(panel, ''));
    panel.querySelector('#restore-other-form').addEventListener('submit', (e) => {
      e.preventDefault();
      busy(true, async () => {
        const path = file.value.trim();
        if (!path) throw new Error('พิมพ์หรือเลือกไฟล์สำเนาก่อน');
        const pass = encrypted() ? panel.querySelector('#restore-pass').value : null;
        if (encrypted() && !pass) throw new Error('สำเนานี้เข้ารหัสไว้ — ใส่รหัสผ่านที่ตั้งไว้ตอนคัดลอกสำเนา');
        await preview(path, pass);
      });
    });
    file.focus();
  }
  el.querySelector('#restore-other').addEventListener('click', otherFilePanel);
  // The audit committee's report (every reversal with both people, closes, settings, users,
  // refused PINs, restores, prints) is printed from the print screen with its period.
  el.querySelector('#audit-print').addEventListener('click', () => ctx.go('#/print/audit'));
  el.querySelector('#backup-list').addEventListener('click', (e) => {
    const b = e.target.closest('[data-restore]');
    if (b) busy(true, () => preview(b.dataset.restore));
  });
  await drawList();
}
