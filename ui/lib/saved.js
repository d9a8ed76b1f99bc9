// A spreadsheet the app saved in the group's folder, said as the treasurer reads it: what was
// saved, the file's own name and its folder in words (the full path only in a tooltip), and
// two buttons: เปิดไฟล์ (the system's spreadsheet program) and เปิดโฟลเดอร์ (where it lies).
// The print screen says the same of PDFs with its own พิมพ์ button.

import * as api from '../api.js';
import { html, render } from './html.js';

const NO_PROGRAM = 'เปิดไม่ได้ (ไม่พบโปรแกรมเปิดไฟล์ Excel หรือโปรแกรมจัดการไฟล์ในเครื่องนี้) — คัดลอกไฟล์จากโฟลเดอร์ไปเปิดในเครื่องที่มี Excel';

// Shows `saved` ({file, name, place}) in `holder` under the line `done` ("✓ … แล้ว").
export function showSaved(holder, saved, done) {
  render(
    holder,
    html`<div class="notice saved">
      <p><span class="ok">✓ ${done}</span></p>
      <p>ไฟล์ <strong class="saved-name" title="${saved.file}">${saved.name}</strong>
        <span class="saved-place">ใน${saved.place}</span></p>
      <p class="saved-buttons">
        <button type="button" class="open-saved" data-path="${saved.file}">เปิดไฟล์</button>
        <button type="button" class="open-saved-folder" data-path="${saved.file}">เปิดโฟลเดอร์</button>
      </p>
      <p class="muted saved-note" role="status"></p>
    </div>`,
  );
  for (const b of holder.querySelectorAll('.open-saved, .open-saved-folder')) {
    b.addEventListener('click', async () => {
      const folder = b.classList.contains('open-saved-folder');
      const note = holder.querySelector('.saved-note');
      try {
        const o = await api.openSaved(b.dataset.path, folder);
        note.textContent = o.opened ? (folder ? 'เปิดโฟลเดอร์แล้ว' : 'เปิดไฟล์แล้ว') : NO_PROGRAM;
      } catch (err) {
        note.textContent = err.message;
      }
    });
  }
}
