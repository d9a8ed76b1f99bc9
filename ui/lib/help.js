// F1: a short Thai help for the screen in front (ui/help-text.js), with the keys that screen
// shows right now, read from its buttons so the list is never out of date. Esc closes it.

import { html, render } from './html.js';
import texts from '../help-text.js';

// The keys of the visible buttons on the screen: [["F2", "บันทึกแถว"], ...], each key once.
function screenKeys() {
  const seen = new Map();
  for (const el of document.querySelectorAll('#screen [data-key]')) {
    if (el.offsetParent === null || el.disabled) continue;
    const key = el.dataset.key;
    const kbd = el.querySelector('kbd');
    const label = (el.textContent || '').replace(kbd ? kbd.textContent : '', '').trim();
    if (!seen.has(key) && label) seen.set(key, label);
  }
  return [...seen];
}

export async function openHelp(name) {
  const old = document.getElementById('help');
  if (old) {
    old.remove();
    return; // F1 again closes it
  }
  const all = texts;
  const page = all.screens[name] || all.screens.home;
  const keys = screenKeys();
  const before = document.activeElement;
  const dlg = document.createElement('dialog');
  dlg.id = 'help';
  dlg.className = 'help';
  dlg.setAttribute('aria-labelledby', 'help-title');
  render(
    dlg,
    html`<h2 id="help-title">ช่วยเหลือ: ${page.title}</h2>
      <div class="help-text">${page.lines.map((l) => html`<p>${l}</p>`)}</div>
      ${keys.length
        ? html`<h3>ปุ่มลัดในหน้านี้</h3>
          <dl class="help-keys" id="help-keys">${keys.map(([k, l]) => html`<dt><kbd>${k}</kbd></dt><dd>${l}</dd>`)}</dl>`
        : ''}
      <h3>ใช้ได้ทุกหน้า</h3>
      ${all.everywhere.map((l) => html`<p class="small">${l}</p>`)}
      <div class="actions"><button type="button" class="quiet" id="help-close"><kbd>Esc</kbd>ปิด</button></div>`,
  );
  document.body.append(dlg);
  const close = () => {
    if (dlg.open) dlg.close();
    dlg.remove();
    if (before && before.isConnected && before.focus) before.focus();
  };
  dlg.addEventListener('cancel', (e) => {
    e.preventDefault();
    close();
  });
  dlg.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' || e.key === 'F1') {
      e.preventDefault();
      close();
    }
    e.stopPropagation();
  });
  dlg.querySelector('#help-close').addEventListener('click', close);
  dlg.showModal();
  dlg.querySelector('#help-close').focus();
}
