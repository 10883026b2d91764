// Sealbridge — the frameworks and agreements page.
// All text from the service is put into the page with text nodes, never as HTML.
'use strict';

(function () {
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        node.setAttribute(key, value === true ? '' : String(value));
      }
    }
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

  // Dates only: "2025-11-29" or the date part of an RFC 3339 time.
  function formatDate(value) {
    const s = str(value);
    return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : s;
  }

  function timeEl(value) {
    const s = str(value);
    if (!s) return '';
    return el('time', { datetime: s }, formatDate(s));
  }

  function commonName(dn) {
    for (const part of str(dn).split(/,(?=\s*[A-Za-z][A-Za-z0-9.-]*=)/)) {
      if (/^\s*CN=/i.test(part)) return part.trim().slice(3);
    }
    return str(dn);
  }

  function dnEl(dn) {
    const s = str(dn);
    const cn = commonName(s);
    if (!s) return el('span', { class: 'muted' }, '—');
    if (cn === s) return el('span', { class: 'dn' }, el('span', { class: 'dn-cn' }, s));
    return el('span', { class: 'dn' }, el('span', { class: 'dn-cn' }, cn), el('span', { class: 'dn-full' }, s));
  }

  function kv(rows, extraClass) {
    const dl = el('dl', { class: 'kv' + (extraClass ? ' ' + extraClass : '') });
    for (const [term, value] of rows) {
      if (value === null || value === undefined || value === '') continue;
      if (Array.isArray(value) && value.length === 0) continue;
      dl.appendChild(el('div', { class: 'kv-row' }, el('dt', null, term), el('dd', null, value)));
    }
    return dl;
  }

  function tags(values) {
    const items = list(values).map(str).filter(Boolean);
    if (items.length === 0) return '';
    return el('span', { class: 'tag-list' }, items.map((v) => el('span', { class: 'tag' }, v)));
  }

  function problemText(response, body) {
    const title = body && typeof body === 'object' && body.title ? str(body.title) : (response.statusText || 'Request failed');
    const detail = body && typeof body === 'object' && body.detail ? ': ' + str(body.detail) : '';
    return title + detail + ' (HTTP ' + response.status + ')';
  }

  function load(url, key, statusEl, listEl, render, noun) {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => response.text().then((text) => {
        let body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
        if (!response.ok) throw new Error('Could not load the ' + noun + ' — ' + problemText(response, body));
        if (!body || !Array.isArray(body[key])) throw new Error('The service answered without a list of ' + noun + '.');
        return body[key];
      }))
      .then((items) => {
        listEl.replaceChildren(...items.map(render));
        statusEl.textContent = items.length === 0
          ? 'No ' + noun + ' are configured.'
          : items.length + ' ' + (items.length === 1 ? noun.replace(/s$/, '') : noun) + ' configured.';
        statusEl.classList.remove('is-error');
        listEl.dataset.loaded = 'true';
      })
      .catch((error) => {
        statusEl.textContent = str(error && error.message) || 'Could not load the ' + noun + '.';
        statusEl.classList.add('is-error');
        listEl.dataset.loaded = 'error';
      });
  }

  function renderFramework(framework) {
    const f = framework || {};
    const id = str(f.id);
    const headingId = 'framework-' + id.replace(/[^A-Za-z0-9_-]/g, '_');
    const card = el('article', { class: 'panel info-card', 'aria-labelledby': headingId, 'data-id': id });
    card.appendChild(el('h3', { id: headingId }, str(f.name) || id));
    card.appendChild(kv([
      ['Identifier', code(id)],
      ['Jurisdiction', str(f.jurisdiction)],
      ['Levels', tags(f.levels)],
      ['Source', f.source === 'trusted-list' ? 'ETSI TS 119 612 trusted list'
        : (f.source === 'pem-folder' ? 'certificates (PEM folder)' : str(f.source))],
    ]));

    const anchors = list(f.anchors);
    card.appendChild(el('h4', null, 'Trust anchors (' + anchors.length + ')'));
    if (anchors.length === 0) {
      card.appendChild(el('p', { class: 'muted' }, 'None.'));
    } else {
      card.appendChild(el('ul', { class: 'anchor-list' }, anchors.map((a) => {
        const anchor = a || {};
        return el('li', { class: 'anchor' },
          el('p', { class: 'chain-subject' }, dnEl(anchor.subject)),
          kv([
            ['Level', anchor.level ? code(anchor.level) : ''],
            ['Valid', (anchor.notBefore || anchor.notAfter)
              ? el('span', null, timeEl(anchor.notBefore), ' to ', timeEl(anchor.notAfter)) : ''],
            ['SHA-256', anchor.sha256 ? el('code', { class: 'hash' }, str(anchor.sha256)) : ''],
          ], 'compact'));
      })));
    }

    const tsas = list(f.timeStampAuthorities);
    if (tsas.length > 0) {
      card.appendChild(el('h4', null, 'Time-stamping authorities (' + tsas.length + ')'));
      card.appendChild(el('ul', { class: 'anchor-list' }, tsas.map((t) => {
        const tsa = t || {};
        return el('li', { class: 'anchor' },
          el('p', { class: 'chain-subject' }, dnEl(tsa.subject)),
          kv([['SHA-256', tsa.sha256 ? el('code', { class: 'hash' }, str(tsa.sha256)) : '']], 'compact'));
      })));
    }
    return card;
  }

  function renderAgreement(agreement) {
    const a = agreement || {};
    const id = str(a.id);
    const headingId = 'agreement-' + id.replace(/[^A-Za-z0-9_-]/g, '_');
    const card = el('article', { class: 'panel info-card', 'aria-labelledby': headingId, 'data-id': id });
    card.appendChild(el('h3', { id: headingId }, str(a.title) || id));
    const status = str(a.status);
    card.appendChild(el('p', { class: 'badge small ' + (status === 'in-force' ? 'is-passed' : 'is-indeterminate') },
      status || 'status unknown'));

    const mapping = a.levelMapping && typeof a.levelMapping === 'object'
      ? Object.entries(a.levelMapping).map(([from, to]) => el('span', { class: 'mapping' }, code(from), ' → ', code(to)))
      : [];
    const conditions = a.conditions || {};
    card.appendChild(kv([
      ['Identifier', code(id)],
      ['Recognising jurisdiction', str(a.recognisingJurisdiction)],
      ['Recognised framework', a.recognisedFramework ? code(a.recognisedFramework) : ''],
      ['Scope', tags(a.scope)],
      ['Level mapping', mapping.length ? el('span', { class: 'mapping-list' }, mapping) : ''],
      ['Legal basis', str(a.legalBasis)],
      ['Effective', a.effective ? timeEl(a.effective) : ''],
      ['Expires', a.expires ? timeEl(a.expires) : 'no expiry'],
      ['Required policies', tags(conditions.policies)],
      ['Signature algorithms', tags(conditions.signatureAlgorithms)],
    ]));
    return card;
  }

  load('/v1/frameworks', 'frameworks', document.getElementById('frameworks-status'),
    document.getElementById('frameworks-list'), renderFramework, 'frameworks');
  load('/v1/agreements', 'agreements', document.getElementById('agreements-status'),
    document.getElementById('agreements-list'), renderAgreement, 'agreements');
})();
