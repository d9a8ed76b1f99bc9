// Escaping tagged template. Everything interpolated is HTML-escaped unless it is itself the
// result of `html` (or `raw`); arrays are joined. Use with `render(el, html`...`)`.

class Html {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escape(value) {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function piece(value) {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join('');
  return escape(value);
}

export function html(strings, ...values) {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + strings[i + 1];
  return new Html(out);
}

// Trusted markup (never user data).
export function raw(text) {
  return new Html(String(text));
}

export function render(el, content) {
  el.innerHTML = piece(content);
}
