// Form helpers shared by the screens: field markup, keyboard (Enter = next field, submit at the
// end), and errors shown next to the field and in a summary at the top (the core's Thai text).

import { html } from './html.js';
import { todayTyped } from './format.js';

let seq = 0;

// A labelled text field. `name` is the core's field name, so errors find their field;
// `attrs.id` names the input (else one is made up).
// `date: true` marks a date field (typed in พ.ศ.): Ctrl+; puts today's date in it.
export function field({ name, label, value = '', hint = '', width = '', type = 'text', attrs = {}, hideLabel = false, date = false }) {
  if (date) attrs = { ...attrs, 'data-date': true };
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
  form.querySelectorAll('[aria-invalid]').forEach((f) => f.removeAttribute('aria-invalid'));
}

// Show `{message, field}` errors beside their fields and in the summary; focus the first
// field in error (or the summary when no field is named).
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
      const p = document.createElement('p');
      p.className = 'field-error';
      p.textContent = message;
      const label = box.querySelector(':scope > label');
      if (label) label.after(p);
      else box.before(p);
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        if (!firstInput) firstInput = input;
      }
    }
    items.push(html`<li>${box ? html`<a href="#" data-goto="${err.field}">${message}</a>` : message}</li>`);
  }
  if (summary) {
    summary.innerHTML = String(html`<h2>ยังบันทึกไม่ได้ — กรุณาแก้ไขข้อมูลต่อไปนี้</h2><ul>${items}</ul>`);
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
