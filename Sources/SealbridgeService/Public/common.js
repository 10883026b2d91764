// Sealbridge — helpers shared by the validation page (app.js) and the frameworks page (frameworks.js).
// Loaded before either script; defines one global, `Sealbridge`. Text is only ever put into the page as text nodes.
'use strict';

(function () {
  // el('p', {class: 'x', id: 'y'}, 'text', childNode, ...) — strings become text nodes; null, undefined and false
  // attributes and children are left out; `true` gives an empty attribute.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function str(value) {
    return typeof value === 'string' ? value : (value === null || value === undefined ? '' : String(value));
  }

  function list(value) {
    return Array.isArray(value) ? value : [];
  }

  function code(value) {
    return el('code', null, str(value));
  }

  // A SHA-256 (or other long hex) value as <code class="hash">, or '' when there is none.
  function hash(value) {
    return value ? el('code', { class: 'hash' }, str(value)) : '';
  }

  // The body of a response as JSON, or null when it is empty or not JSON.
  function parseJson(text) {
    try {
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  // <time datetime="value">format(value)</time>, or '' when there is no value.
  function timeEl(value, format) {
    const s = str(value);
    if (!s) return '';
    return el('time', { datetime: s }, format(s));
  }

  // "notBefore to notAfter" of a certificate or anchor, each made by `time`; '' when it has neither.
  function validity(item, time) {
    return (item.notBefore || item.notAfter) ? el('span', null, time(item.notBefore), ' to ', time(item.notAfter)) : '';
  }

  // Split a distinguished name into its attributes. The service writes RFC 4514-like names whose values may
  // contain unescaped ", " (e.g. "Co., Ltd."), so split only on a comma that starts a new "attr=" pair.
  function dnParts(dn) {
    return str(dn).split(/,(?=\s*[A-Za-z][A-Za-z0-9.-]*=)/).map((p) => p.trim()).filter(Boolean);
  }

  function commonName(dn) {
    for (const part of dnParts(dn)) {
      if (/^CN=/i.test(part)) return part.slice(3);
    }
    return str(dn);
  }

  // A name as its CN, with the full name beside it (the style sheet decides how much is shown).
  function dnEl(dn) {
    const s = str(dn);
    if (!s) return el('span', { class: 'muted' }, '—');
    const cn = commonName(s);
    if (cn === s) return el('span', { class: 'dn' }, el('span', { class: 'dn-cn' }, s));
    return el('span', { class: 'dn' }, el('span', { class: 'dn-cn' }, cn), el('span', { class: 'dn-full' }, s));
  }

  // A definition list from [[term, value], ...]; rows with an empty value (or an empty array) are left out.
  function kv(rows, extraClass) {
    return fillKv(el('dl', { class: 'kv' + (extraClass ? ' ' + extraClass : '') }), rows);
  }

  function fillKv(dl, rows) {
    for (const [term, value] of rows) {
      if (value === null || value === undefined || value === '') continue;
      if (Array.isArray(value) && value.length === 0) continue;
      dl.appendChild(el('div', { class: 'kv-row' }, el('dt', null, term), el('dd', null, value)));
    }
    return dl;
  }

  window.Sealbridge = Object.freeze({
    el, append, str, list, code, hash, parseJson, timeEl, validity, dnParts, commonName, dnEl, kv, fillKv,
  });
})();
