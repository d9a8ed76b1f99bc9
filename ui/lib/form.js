// Form helpers shared by the screens: field markup, keyboard (Enter = next field, submit at the
// end), and errors shown next to the field and in a summary at the top (the core's Thai text).

import { html } from './html.js';
import { todayTyped } from './format.js';
import { formDatesInOpenMonth } from './month-check.js';

let seq = 0;

// A labelled text field. `name` is the core's field name, so errors find their field;
// `attrs.id` names the input (else one is made up).
// `date: true` marks a date field (typed in พ.ศ.): Ctrl+; puts today's date in it.
// `inMonth: true` marks a date the books are written on: one outside the open accounting
// month is asked about before the form is sent (lib/month-check.js).
export function field({ name, label, value = '', hint = '', width = '', type = 'text', attrs = {}, hideLabel = false, date = false, inMonth = false }) {
  if (date) attrs = { ...attrs, 'data-date': true };
  if (inMonth) attrs = { ...attrs, 'data-date': true, 'data-month-check': true };
  const id = attrs.id || `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}-${++seq}`;
  const extra = Object.entries(attrs)
    .filter(([k, v]) => k !== 'id' && v !== false && v !== null && v !== undefined)
    .map(([k, v]) => (v === true ? html` ${k}` : html` ${k}="${v}"`));
  return html`<div class="field ${width}" data-field="${name}">
    <label for="${id}"${hideLabel ? html` class="sr-only"` : ''}>${label}</label>
    ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}
    <input id="${id}" name="${name}" type="${type}" value="${value ?? ''}" autocomplete="off"
      ${hint ? html`aria-describedby="${id}-hint"` : ''}${extra}>
  </div>`;
}

// A labelled select. `options` is [[value, label], ...].
export function selectField({ name, label, options, value = '', hint = '', width = '' }) {
  const id = `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}-${++seq}`;
  return html`<div class="field ${width}" data-field="${name}">
    <label for="${id}">${label}</label>
    ${hint ? html`<p class="hint">${hint}</p>` : ''}
    <select id="${id}" name="${name}">
      ${options.map(
        ([v, l]) => html`<option value="${v}"${String(v) === String(value) ? html` selected` : ''}>${l}</option>`,
      )}
    </select>
  </div>`;
}

// The error summary placeholder; put it at the top of every form.
export const errorSummary = html`<div class="error-summary" role="alert" tabindex="-1" hidden></div>`;

function isEntry(el) {
  return el.matches('input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])');
}

// Enter moves to the next field; Enter in the last field submits; Ctrl+; = today in a date field. `onSubmit` gets the form's
// values as an object of strings (what the user typed) and may throw `{message, field}`.
export function bindForm(form, onSubmit) {
  form.addEventListener('keydown', (e) => {
    // Ctrl+; (as in spreadsheets): today's date in a date field.
    if (e.ctrlKey && e.code === 'Semicolon' && e.target.matches('input[data-date]')) {
      e.preventDefault();
      e.target.value = todayTyped();
      return;
    }
    if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey) return;
    if (!isEntry(e.target) || e.target.tagName === 'TEXTAREA') return;
    e.preventDefault();
    const entries = [...form.elements].filter((el) => isEntry(el) && el.offsetParent !== null);
    const next = entries[entries.indexOf(e.target) + 1];
    if (next) {
      next.focus();
      if (next.select && next.tagName === 'INPUT') next.select();
    } else {
      form.requestSubmit();
    }
  });

  let busy = false;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    busy = true;
    const buttons = [...form.querySelectorAll('button')];
    buttons.forEach((b) => (b.disabled = true));
    clearErrors(form);
    try {
      if (!(await formDatesInOpenMonth(form))) return;
      await onSubmit(values(form));
    } catch (err) {
      showErrors(form, [err]);
    } finally {
      busy = false;
      buttons.forEach((b) => (b.disabled = false));
    }
  });
}

export function values(form) {
  const out = {};
  for (const el of form.elements) {
    if (el.name) out[el.name] = el.value.trim();
  }
  return out;
}

function fieldBox(form, name) {
  if (!name) return null;
  const sel = `[data-field="${CSS.escape(name)}"]`;
  return form.querySelector(sel);
}

export function clearErrors(form) {
  const summary = form.querySelector('.error-summary');
  if (summary) {
    summary.hidden = true;
    summary.textContent = '';
  }
  form.querySelectorAll('.field-error').forEach((p) => p.remove());
  form.querySelectorAll('.field.invalid').forEach((f) => f.classList.remove('invalid'));
  form.querySelectorAll('[aria-invalid]').forEach((f) => {
    f.removeAttribute('aria-invalid');
    const kept = (f.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.endsWith('-error'));
    if (kept.length) f.setAttribute('aria-describedby', kept.join(' '));
    else f.removeAttribute('aria-describedby');
  });
}

// Where a field's error goes. In a form grid: a full-width line right under the row that
// holds the field, so the row's fields stay side by side and a long message does not wrap in
// a narrow column; elsewhere: inside the field's box, above its input.
function placeError(box, p) {
  const grid = box.parentElement;
  if (grid && grid.classList.contains('form-grid')) {
    let last = box;
    for (let s = box.nextElementSibling; s && !s.classList.contains('field-error') && s.offsetTop === box.offsetTop; s = s.nextElementSibling) {
      last = s;
    }
    while (last.nextElementSibling && last.nextElementSibling.classList.contains('field-error')) last = last.nextElementSibling;
    p.classList.add('row-error');
    last.after(p);
    return;
  }
  const label = box.querySelector(':scope > label, :scope > .label');
  if (label) label.after(p);
  else box.prepend(p);
}

// The field's name as its label says it (for the summary and the message under the row).
function fieldName(box) {
  const label = box.querySelector(':scope > label, :scope > .label, label');
  return label ? label.textContent.trim() : '';
}

// Show `{message, field}` errors: each message once, beside its field (under the field's row),
// and a summary at the top that names the fields and links to them; an error that belongs to
// no field is said in the summary. Focus the first field in error (or the summary).
export function showErrors(form, errors) {
  const summary = form.querySelector('.error-summary');
  let firstInput = null;
  const items = [];
  for (const err of errors) {
    const message = (err && err.message) || 'บันทึกไม่ได้ เกิดข้อผิดพลาดที่ไม่ทราบสาเหตุ';
    const box = fieldBox(form, err && err.field);
    if (box) {
      box.classList.add('invalid');
      const input = box.querySelector('input, select, textarea');
      const name = fieldName(box);
      const p = document.createElement('p');
      p.className = 'field-error';
      p.id = `${(input && input.id) || `error-${err.field}`}-error`;
      p.dataset.for = err.field;
      p.textContent = name ? `${name}: ${message}` : message;
      placeError(box, p);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), p.id].filter(Boolean).join(' '));
        if (!firstInput) firstInput = input;
      }
      items.push(html`<li><a href="#" data-goto="${err.field}">${name || 'ช่องที่มีกรอบสีแดง'}</a></li>`);
    } else {
      items.push(html`<li>${message}</li>`);
    }
  }
  if (summary) {
    const anyField = errors.some((err) => fieldBox(form, err && err.field));
    summary.innerHTML = String(html`<h2>${anyField ? 'ยังบันทึกไม่ได้ — แก้ช่องต่อไปนี้ (ข้อความอยู่ใต้ช่องนั้น)' : 'ยังบันทึกไม่ได้'}</h2><ul>${items}</ul>`);
    summary.hidden = false;
    summary.querySelectorAll('a[data-goto]').forEach((a) =>
      a.addEventListener('click', (e) => {
        e.preventDefault();
        const input = fieldBox(form, a.dataset.goto)?.querySelector('input, select, textarea');
        if (input) input.focus();
      }),
    );
    summary.scrollIntoView({ block: 'nearest' });
  }
  if (firstInput) {
    firstInput.focus();
    if (firstInput.select && firstInput.tagName === 'INPUT') firstInput.select();
  } else if (summary) {
    summary.focus();
  }
}

// Asks the books what a form wants (a month to show, a payment to post): clears the form's
// errors, then answers what `call` answers. A refusal is shown on the form, beside the field
// it names or else on `field`, and answers null.
export async function callForForm(form, field, call) {
  clearErrors(form);
  try {
    return await call();
  } catch (err) {
    showErrors(form, [{ ...err, field: err.field || field }]);
    return null;
  }
}
