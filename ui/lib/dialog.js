// A modal confirmation for steps that cannot be undone (reversing a receipt, a member leaving,
// closing a month). It says what will happen, may ask for a reason, and waits.
//
// Keys inside: Enter = next field (submit at the last), F2 = confirm, Esc = back out. No key
// reaches the screen behind it. The promise resolves with what `onConfirm` returned, or null
// when the treasurer backs out. If `onConfirm` throws `{message, field}`, the error is shown
// next to the field and at the top of the dialog, and the dialog stays open.

import { html, render } from './html.js';
import { errorSummary, bindForm } from './form.js';

let seq = 0;

export function confirmDialog(host, {
  title,
  body,
  fields = null,
  confirmLabel,
  cancelLabel = 'ไม่บันทึก ปิด',
  danger = true,
  focus = 'first', // 'first' field, or 'cancel' (the safe choice) when there are no fields
  id: dialogId = null,
  onConfirm,
}) {
  const before = document.activeElement;
  return new Promise((resolve) => {
    const dlg = document.createElement('dialog');
    const id = `dialog-title-${++seq}`;
    dlg.className = `confirm${danger ? ' danger' : ''}`;
    dlg.setAttribute('aria-labelledby', id);
    if (dialogId) dlg.id = dialogId;
    render(
      dlg,
      html`<form novalidate>
        <h2 id="${id}">${danger ? html`<span class="icon" aria-hidden="true">⚠</span>` : ''}${title}</h2>
        <div class="consequence">${body}</div>
        ${errorSummary}
        ${fields ? html`<div class="form-grid">${fields}</div>` : ''}
        <div class="actions">
          <button type="submit" class="${danger ? 'danger' : 'primary'}" data-confirm><kbd>F2</kbd>${confirmLabel}</button>
          <button type="button" class="quiet" data-cancel><kbd>Esc</kbd>${cancelLabel}</button>
        </div>
      </form>`,
    );
    host.append(dlg);
    const form = dlg.querySelector('form');
    let done = false;
    const finish = (value) => {
      if (done) return;
      done = true;
      if (dlg.open) dlg.close();
      dlg.remove();
      if (before && before.isConnected && before.focus) before.focus();
      resolve(value);
    };
    bindForm(form, async (values) => {
      const result = await onConfirm(values);
      finish(result === undefined ? true : result);
    });
    dlg.addEventListener('keydown', (e) => {
      if (e.key === 'F2') {
        e.preventDefault();
        form.requestSubmit();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        finish(null);
      }
      // The screen behind the dialog never sees a key.
      e.stopPropagation();
    });
    dlg.addEventListener('cancel', (e) => {
      e.preventDefault();
      finish(null);
    });
    dlg.querySelector('[data-cancel]').addEventListener('click', () => finish(null));
    dlg.showModal();
    const first = form.querySelector('input, select, textarea');
    if (focus === 'cancel' || !first) dlg.querySelector('[data-cancel]').focus();
    else {
      first.focus();
      if (first.select && first.tagName === 'INPUT') first.select();
    }
  });
}
