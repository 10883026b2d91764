// Sealbridge — the frameworks and agreements page.
// All text from the service is put into the page with text nodes, never as HTML.
'use strict';

(function () {
  // The shared helpers are in common.js.
  const { el, str, list, code, hash, parseJson, validity, dnEl, kv } = window.Sealbridge;

  // Dates only: "2025-11-29" or the date part of an RFC 3339 time.
  function formatDate(value) {
    const s = str(value);
    return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : s;
  }

  function timeEl(value) {
    return window.Sealbridge.timeEl(value, formatDate);
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
        const body = parseJson(text);
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

  // The card of one framework or agreement: <article> labelled by its <h3>, with data-id.
  function infoCard(kind, id, title) {
    const headingId = kind + '-' + id.replace(/[^A-Za-z0-9_-]/g, '_');
    return el('article', { class: 'panel info-card', 'aria-labelledby': headingId, 'data-id': id },
      el('h3', { id: headingId }, title || id));
  }

  // Trust anchors and time-stamping authorities: the subject, then the rows made by `rows`.
  function anchorList(items, rows) {
    return el('ul', { class: 'anchor-list' }, items.map((item) => {
      const a = item || {};
      return el('li', { class: 'anchor' },
        el('p', { class: 'chain-subject' }, dnEl(a.subject)),
        kv(rows(a), 'compact'));
    }));
  }

  function renderFramework(framework) {
    const f = framework || {};
    const id = str(f.id);
    const card = infoCard('framework', id, str(f.name));
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
      card.appendChild(anchorList(anchors, (anchor) => [
        ['Level', anchor.level ? code(anchor.level) : ''],
        ['Valid', validity(anchor, timeEl)],
        ['SHA-256', hash(anchor.sha256)],
      ]));
    }

    const tsas = list(f.timeStampAuthorities);
    if (tsas.length > 0) {
      card.appendChild(el('h4', null, 'Time-stamping authorities (' + tsas.length + ')'));
      card.appendChild(anchorList(tsas, (tsa) => [['SHA-256', hash(tsa.sha256)]]));
    }
    return card;
  }

  function renderAgreement(agreement) {
    const a = agreement || {};
    const id = str(a.id);
    const card = infoCard('agreement', id, str(a.title));
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
