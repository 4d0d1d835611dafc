// The transform controls, built from the server's /params.json, and their state as a query string.
'use strict';

const Controls = (() => {
  const el = (tag, props = {}) => Object.assign(document.createElement(tag), props);

  /** One labelled control per parameter, in the server's order; each carries its default in data-default. */
  function build(container, params) {
    container.replaceChildren(...params.map(field));
  }

  function field(p) {
    const id = `p-${p.name}`;
    const wrap = el('div', { className: p.type === 'boolean' ? 'field check' : 'field' });
    const label = el('label', { htmlFor: id });
    label.append(el('code', { textContent: p.name }));
    const hint = el('small', { id: `${id}-hint`, className: 'hint', textContent: p.description ?? '' });
    const input = control(p);
    Object.assign(input, { id, name: p.name });
    input.dataset.default = p.defaultValue ?? '';
    input.setAttribute('aria-describedby', hint.id);
    if (p.type === 'boolean') wrap.append(input, label, hint);
    else wrap.append(label, input, hint);
    return wrap;
  }

  function control(p) {
    switch (p.type) {
      case 'boolean': {
        const box = el('input', { type: 'checkbox' });
        box.defaultChecked = p.defaultValue === '1';
        return box;
      }
      case 'enum': {
        const select = el('select');
        if (p.defaultValue == null) select.add(new Option(p.name === 'preset' ? 'none' : 'default', ''));
        for (const v of p.values) select.add(new Option(v, v, v === p.defaultValue, v === p.defaultValue));
        return select;
      }
      case 'integer':
      case 'number':
        return el('input', {
          type: 'number', min: p.min, max: p.max, step: p.type === 'integer' ? 1 : 'any',
          placeholder: p.defaultValue ?? 'default', inputMode: p.type === 'integer' ? 'numeric' : 'decimal',
        });
      default:
        return el('input', { placeholder: p.format ?? p.defaultValue ?? '', spellcheck: false, autocomplete: 'off' });
    }
  }

  /** The form's values that differ from their defaults, in form order, commas and colons left readable. */
  function query(form) {
    const q = new URLSearchParams();
    for (const input of form.elements) {
      if (!input.name) continue;
      const value = input.type === 'checkbox' ? (input.checked ? '1' : '0') : input.value.trim();
      const fallback = input.type === 'checkbox' ? (input.dataset.default || '0') : input.dataset.default;
      if (value !== '' && value !== fallback) q.append(input.name, value);
    }
    return q.toString().replaceAll('%2C', ',').replaceAll('%3A', ':');
  }

  /** Resets the form, then sets each named control from {@code values} (a URLSearchParams). */
  function apply(form, values) {
    form.reset();
    for (const [name, value] of values) {
      const input = form.elements.namedItem(name);
      if (!input) continue;
      if (input.type === 'checkbox') {
        input.checked = value === '1';
      } else {
        if (input.tagName === 'SELECT' && ![...input.options].some((o) => o.value === value)) input.add(new Option(value));
        input.value = value;
      }
    }
  }

  return { build, query, apply };
})();
