// Sealbridge — the validation page.
// All text from the service is put into the page with textContent / text nodes, never as HTML.
'use strict';

(function () {
  const KNOWN_JURISDICTIONS = {
    CN: 'China (mainland)',
    HK: 'Hong Kong',
    DE: 'Germany (EU member state)',
    EU: 'European Union',
  };

  // ---------- helpers (the shared ones are in common.js) ----------

  const { el, str, list, code, hash, parseJson, validity, dnEl, kv, fillKv } = window.Sealbridge;

  function formatTime(value) {
    const s = str(value);
    if (!s) return '';
    const d = new Date(s);
    if (Number.isNaN(d.getTime())) return s;
    return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC');
  }

  function timeEl(value) {
    return str(value) ? window.Sealbridge.timeEl(value, formatTime) : el('span', { class: 'muted' }, '—');
  }

  function formatBytes(n) {
    if (typeof n !== 'number' || !Number.isFinite(n)) return '';
    if (n < 1024) return n.toLocaleString('en') + ' bytes';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KiB (' + n.toLocaleString('en') + ' bytes)';
    return (n / 1024 / 1024).toFixed(1) + ' MiB';
  }

  // Only same-origin links from the service's "links" object are used.
  function safeHref(value) {
    if (typeof value !== 'string' || !value) return null;
    try {
      const url = new URL(value, window.location.href);
      if (url.origin !== window.location.origin) return null;
      return url.pathname + url.search;
    } catch (e) {
      return null;
    }
  }

  // ---------- words for indications and verdicts ----------

  function indicationClass(indication) {
    switch (indication) {
      case 'TOTAL_PASSED': return 'is-passed';
      case 'TOTAL_FAILED': return 'is-failed';
      case 'INDETERMINATE': return 'is-indeterminate';
      default: return 'is-unknown';
    }
  }

  function describeIndication(indication, subIndication) {
    const sub = str(subIndication);
    switch (indication) {
      case 'TOTAL_PASSED':
        return 'Valid signature (TOTAL_PASSED)';
      case 'TOTAL_FAILED':
        return sub ? 'Signature failed: ' + sub : 'Signature failed (TOTAL_FAILED)';
      case 'INDETERMINATE':
        return sub ? 'Indeterminate: ' + sub : 'Indeterminate (INDETERMINATE)';
      default:
        return 'Unknown indication: ' + (str(indication) || 'none') + (sub ? ' / ' + sub : '');
    }
  }

  function indicationCode(indication, subIndication) {
    const sub = str(subIndication);
    return str(indication) + (sub ? ' / ' + sub : '');
  }

  function joinReasons(reasons) {
    return list(reasons).map(str).filter(Boolean).join('; ');
  }

  // The recognition verdict as nodes: a strong phrase and the details.
  function describeRecognition(recognition, signature, context) {
    const jurisdiction = str(context && context.relyingJurisdiction);
    const where = jurisdiction ? ' in ' + jurisdiction : '';
    const trust = (signature && signature.trust) || {};
    if (!recognition || !recognition.verdict) {
      return [el('strong', null, 'Not evaluated'),
        jurisdiction ? ': the report has no recognition verdict.' : ': no relying jurisdiction was chosen.'];
    }
    const reasons = joinReasons(recognition.reasons);
    switch (recognition.verdict) {
      case 'recognised': {
        const parts = [el('strong', null, 'Recognised' + where)];
        if (recognition.agreement) parts.push(' under agreement ', code(recognition.agreement));
        if (recognition.level) parts.push(' at level ', code(recognition.level));
        parts.push('.');
        if (recognition.legalBasis) parts.push(' Legal basis: ' + str(recognition.legalBasis) + '.');
        return parts;
      }
      case 'domestic': {
        const parts = [el('strong', null, 'Recognised domestically' + where)];
        const framework = recognition.framework || trust.framework;
        const level = recognition.level || trust.level;
        if (framework) parts.push(' — framework ', code(framework));
        if (level) parts.push(framework ? ', level ' : ' — level ', code(level));
        parts.push('.');
        if (recognition.legalBasis) parts.push(' Legal basis: ' + str(recognition.legalBasis) + '.');
        return parts;
      }
      case 'not-recognised':
        return [el('strong', null, 'Not recognised' + where), reasons ? ': ' + reasons : '.'];
      case 'not-evaluated':
        return [el('strong', null, 'Recognition not evaluated'), reasons ? ': ' + reasons : '.'];
      default:
        return [el('strong', null, 'Recognition: ' + str(recognition.verdict)), reasons ? ': ' + reasons : ''];
    }
  }

  const ROLE_NAMES = {
    'trust-anchor': 'Trust anchor',
    'intermediate': 'Intermediate CA',
    'signer': 'Signer',
  };

  const RESULT_NAMES = {
    passed: 'Passed',
    failed: 'Failed',
    indeterminate: 'Indeterminate',
    skipped: 'Skipped',
    'not-applicable': 'Not applicable',
  };

  function resultClass(result) {
    switch (result) {
      case 'passed': return 'is-passed';
      case 'failed': return 'is-failed';
      case 'indeterminate': return 'is-indeterminate';
      default: return 'is-unknown';
    }
  }

  // ---------- page elements ----------

  const form = document.getElementById('validate-form');
  const signatureInput = document.getElementById('signature-file');
  const contentInput = document.getElementById('content-file');
  const dropzone = document.getElementById('dropzone');
  const chosen = document.getElementById('signature-chosen');
  const jurisdictionSelect = document.getElementById('jurisdiction');
  const kindSelect = document.getElementById('document-kind');
  const validateButton = document.getElementById('validate-button');
  const busy = document.getElementById('busy');
  const errorBox = document.getElementById('error');
  const errorTitle = document.getElementById('error-title');
  const errorDetail = document.getElementById('error-detail');
  const errorMeta = document.getElementById('error-meta');
  const result = document.getElementById('result');
  const resultHeading = document.getElementById('result-heading');
  const card = document.getElementById('verdict-card');
  const indicationText = document.getElementById('indication-text');
  const indicationCodeText = document.getElementById('indication-code');
  const recognitionText = document.getElementById('recognition-text');
  const summaryText = document.getElementById('summary-text');
  const reportMeta = document.getElementById('report-meta');
  const signaturesBox = document.getElementById('signatures');
  const links = {
    json: document.getElementById('link-json'),
    xml: document.getElementById('link-xml'),
    html: document.getElementById('link-html'),
  };

  let droppedFile = null; // used only when the browser cannot put a dropped file into the input
  let inFlight = false;

  // ---------- jurisdictions from the frameworks ----------

  function loadJurisdictions() {
    fetch('/v1/frameworks', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((body) => {
        if (!body || !Array.isArray(body.frameworks)) return;
        const present = new Set(Array.from(jurisdictionSelect.options).map((o) => o.value));
        for (const framework of body.frameworks) {
          const j = str(framework && framework.jurisdiction).trim();
          if (!j || present.has(j)) continue;
          present.add(j);
          const label = j + ' — ' + (KNOWN_JURISDICTIONS[j] || str(framework.name) || 'framework ' + str(framework.id));
          jurisdictionSelect.appendChild(el('option', { value: j }, label));
        }
        jurisdictionSelect.dataset.loaded = 'true';
      })
      .catch(() => { /* the built-in jurisdictions remain */ });
  }

  // ---------- file choice and drop zone ----------

  function currentSignatureFile() {
    if (signatureInput.files && signatureInput.files.length > 0) return signatureInput.files[0];
    return droppedFile;
  }

  function showChosen() {
    const file = currentSignatureFile();
    if (file) {
      chosen.textContent = 'Chosen: ' + file.name + (file.size ? ' — ' + formatBytes(file.size) : '');
      dropzone.classList.add('has-file');
    } else {
      chosen.textContent = 'No file chosen';
      dropzone.classList.remove('has-file');
    }
  }

  signatureInput.addEventListener('change', () => {
    droppedFile = null;
    showChosen();
  });

  ['dragenter', 'dragover'].forEach((type) => {
    dropzone.addEventListener(type, (event) => {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      dropzone.classList.add('is-dragover');
    });
  });
  ['dragleave', 'dragend'].forEach((type) => {
    dropzone.addEventListener(type, (event) => {
      if (event.type === 'dragleave' && dropzone.contains(event.relatedTarget)) return;
      dropzone.classList.remove('is-dragover');
    });
  });
  dropzone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropzone.classList.remove('is-dragover');
    const files = event.dataTransfer && event.dataTransfer.files;
    if (!files || files.length === 0) return;
    try {
      const transfer = new DataTransfer();
      transfer.items.add(files[0]);
      signatureInput.files = transfer.files;
      droppedFile = null;
    } catch (e) {
      droppedFile = files[0];
    }
    showChosen();
  });
  // A file dropped beside the zone must not make the browser leave the page.
  document.addEventListener('dragover', (event) => event.preventDefault());
  document.addEventListener('drop', (event) => event.preventDefault());

  // ---------- errors ----------

  function hideError() {
    errorBox.hidden = true;
    errorTitle.textContent = '';
    errorDetail.textContent = '';
    errorMeta.textContent = '';
  }

  function showError(title, detail, meta) {
    errorTitle.textContent = title;
    errorDetail.textContent = detail || '';
    errorDetail.hidden = !detail;
    errorMeta.textContent = meta || '';
    errorMeta.hidden = !meta;
    errorBox.hidden = false;
  }

  function showProblem(response, problem, text) {
    const isObject = problem && typeof problem === 'object';
    const title = (isObject && str(problem.title)) || response.statusText || 'The request failed';
    let detail = isObject ? str(problem.detail) : '';
    if (!detail && !isObject && text) detail = text.slice(0, 300);
    const meta = ['HTTP ' + response.status];
    if (isObject && typeof problem.type === 'string') {
      const slug = problem.type.split('/').pop();
      if (slug) meta.push('problem: ' + slug);
    }
    if (isObject && problem.limit !== undefined) {
      meta.push('limit: ' + (formatBytes(Number(problem.limit)) || str(problem.limit)));
    }
    if (isObject && Array.isArray(problem.accepted)) meta.push('accepted: ' + problem.accepted.map(str).join(', '));
    const retry = response.headers.get('Retry-After');
    if (retry) meta.push('try again in ' + retry + ' s');
    if (response.status === 401) meta.push('this service requires an API key for validation; use the HTTP API with a Bearer key');
    showError(title, detail, meta.join(' · '));
  }

  // ---------- the result ----------

  function resetResult() {
    result.hidden = true;
    card.dataset.indication = '';
    card.dataset.verdict = '';
    card.className = 'verdict-card';
    indicationText.textContent = '';
    indicationCodeText.textContent = '';
    recognitionText.textContent = '';
    summaryText.textContent = '';
    reportMeta.replaceChildren();
    signaturesBox.replaceChildren();
  }

  function setLink(anchor, href) {
    const safe = safeHref(href);
    if (safe) {
      anchor.setAttribute('href', safe);
      anchor.hidden = false;
    } else {
      anchor.removeAttribute('href');
      anchor.hidden = true;
    }
  }

  function renderResult(envelope) {
    const report = (envelope && typeof envelope.report === 'object' && envelope.report) || {};
    const signatures = list(report.signatures);
    const context = report.context || {};
    const documentInfo = report.document || {};
    const indication = str(envelope.indication || report.indication);
    const subIndication = envelope.subIndication !== undefined ? envelope.subIndication : report.subIndication;
    const first = signatures[0];
    const recognition = first && first.recognition;
    const verdict = str((recognition && recognition.verdict) || envelope.verdict || 'none');

    // The card
    card.className = 'verdict-card ' + indicationClass(indication);
    card.dataset.indication = indication;
    card.dataset.verdict = verdict;
    card.dataset.recognition = verdict;
    indicationText.textContent = describeIndication(indication, subIndication);
    indicationCodeText.textContent = indication === 'TOTAL_PASSED' ? '' : indicationCode(indication, subIndication);
    indicationCodeText.hidden = indication === 'TOTAL_PASSED';
    recognitionText.replaceChildren(...describeRecognition(recognition, first, context).map(
      (part) => (part instanceof Node ? part : document.createTextNode(part))));
    if (indication !== 'TOTAL_PASSED' && (verdict === 'recognised' || verdict === 'domestic')) {
      recognitionText.appendChild(document.createTextNode(
        ' This concerns the signer\'s framework and level only: the signature itself is not valid.'));
    }
    if (signatures.length > 1) {
      recognitionText.appendChild(document.createTextNode(
        ' (first of ' + signatures.length + ' signatures — each is shown below.)'));
    }
    summaryText.textContent = str(report.summary);
    summaryText.hidden = !report.summary;

    // Report facts
    fillKv(reportMeta, [
      ['Document', documentInfo.name ? str(documentInfo.name) : ''],
      ['Format', str(documentInfo.format)],
      ['Size', formatBytes(documentInfo.size)],
      ['Input SHA-256', hash(envelope.inputSha256)],
      ['Relying jurisdiction', context.relyingJurisdiction ? str(context.relyingJurisdiction) : 'none chosen'],
      ['Document kind', str(context.documentKind)],
      ['Validation time', report.validationTime ? timeEl(report.validationTime) : ''],
      ['Frameworks', list(context.frameworks).map(str).join(', ')],
      ['Agreements', list(context.agreements).map(str).join(', ')],
      ['Cryptographic constraints', str(context.cryptographicConstraints)],
      ['Signatures', String(signatures.length)],
      ['Report ID', envelope.id ? code(envelope.id) : ''],
      ['Created', envelope.createdAt ? timeEl(envelope.createdAt) : ''],
    ]);

    const envLinks = envelope.links || {};
    setLink(links.json, envLinks.json || envLinks.self);
    setLink(links.xml, envLinks.xml);
    setLink(links.html, envLinks.html);

    // One section per signature
    if (signatures.length === 0) {
      signaturesBox.appendChild(el('p', { class: 'panel muted' }, 'The report lists no signatures.'));
    }
    signatures.forEach((signature, index) => {
      signaturesBox.appendChild(renderSignature(signature, index, signatures.length, context));
    });

    result.hidden = false;
    resultHeading.focus({ preventScroll: false });
  }

  function renderSignature(signature, index, count, context) {
    const sig = signature || {};
    const headingId = 'signature-' + (index + 1) + '-heading';
    const title = count > 1
      ? 'Signature ' + (index + 1) + ' of ' + count + (sig.id ? ' (' + str(sig.id) + ')' : '')
      : 'Signature' + (sig.id ? ' ' + str(sig.id) : '');
    const section = el('section', {
      class: 'signature panel',
      'aria-labelledby': headingId,
      'data-signature-id': str(sig.id),
      'data-indication': str(sig.indication),
    });
    section.appendChild(el('h3', { id: headingId }, title));
    section.appendChild(el('p', { class: 'badge ' + indicationClass(sig.indication) },
      describeIndication(sig.indication, sig.subIndication)));
    if (sig.reason) section.appendChild(el('p', { class: 'reason' }, str(sig.reason)));

    section.appendChild(kv([
      ['Format', str(sig.format)],
      ['Algorithm', str(sig.signatureAlgorithm)],
      ['Profile', str(sig.profile)],
      ['Claimed signing time', sig.claimedSigningTime ? timeEl(sig.claimedSigningTime) : ''],
      ['Best signature time', sig.bestSignatureTime ? timeEl(sig.bestSignatureTime) : ''],
    ]));

    // Recognition and trust
    const recognition = sig.recognition;
    const trust = sig.trust || {};
    const reasons = recognition && (recognition.verdict === 'recognised' || recognition.verdict === 'domestic')
      ? list(recognition.reasons) : [];
    section.appendChild(block('Legal recognition', [
      el('p', { class: 'recognition' }, describeRecognition(recognition, sig, context)),
      reasons.length > 0 ? el('ul', { class: 'reasons' }, reasons.map((r) => el('li', null, str(r)))) : null,
      kv([
        ['Trust framework', trust.framework ? code(trust.framework) : 'none'],
        ['Framework jurisdiction', str(trust.jurisdiction)],
        ['Level', trust.level ? code(trust.level) : ''],
        ['Trust notes', joinReasons(trust.reasons)],
      ]),
    ], 'recognition-block'));

    // Signer
    section.appendChild(block('Signer', sig.signer
      ? kv(certificateRows(sig.signer, true), 'signer')
      : el('p', { class: 'muted' }, 'The signing certificate was not identified.')));

    // Chain, anchor first
    let chain = list(sig.chain).slice();
    if (chain.length > 1 && chain[0] && chain[0].role === 'signer') chain = chain.reverse();
    section.appendChild(listBlock('Certificate chain (trust anchor → signer)', 'ol', 'chain', chain,
      'No chain to a trust anchor was built.', renderChainLink));

    // Time-stamps
    section.appendChild(listBlock('Time-stamps', 'ul', 'stamps', list(sig.timeStamps), 'None.', renderTimeStamp));

    // Checks
    section.appendChild(listBlock('Checks', 'ol', 'checks', list(sig.checks), 'No checks reported.', renderCheck));

    // Reasons and notes
    // (the recognition reasons are in the recognition sentence, the trust reasons under "Trust notes")
    const notes = list(sig.notes);
    if (notes.length > 0) {
      section.appendChild(block('Notes', el('ul', { class: 'notes' }, notes.map((n) => el('li', null, str(n))))));
    }
    return section;
  }

  // <div class="block"> with an <h4> heading and the content.
  function block(title, content, extraClass) {
    return el('div', { class: 'block' + (extraClass ? ' ' + extraClass : '') }, el('h4', null, title), content);
  }

  // A block whose content is a list (<ol>/<ul>) with one item per entry, or a muted line when there are none.
  function listBlock(title, listTag, listClass, items, emptyText, renderItem) {
    return block(title, items.length === 0
      ? el('p', { class: 'muted' }, emptyText)
      : el(listTag, { class: listClass }, items.map((item) => renderItem(item || {}))));
  }

  function renderChainLink(link) {
    const cert = link.certificate || {};
    const role = str(link.role);
    return el('li', { class: 'chain-item', 'data-role': role, 'data-framework': str(link.framework) },
      el('p', { class: 'chain-tags' },
        el('span', { class: 'tag role-' + role.replace(/[^a-z-]/g, '') }, ROLE_NAMES[role] || role || 'certificate'),
        link.framework ? el('span', { class: 'tag tag-framework' }, 'framework ', str(link.framework)) : null,
        link.level ? el('span', { class: 'tag tag-level' }, 'level ', str(link.level)) : null),
      el('p', { class: 'chain-subject' }, dnEl(cert.subject)),
      kv(certificateRows(cert, false), 'compact'));
  }

  function renderTimeStamp(t) {
    return el('li', { class: 'stamp' },
      el('p', { class: 'stamp-head' },
        el('span', { class: 'tag' }, (str(t.kind) || 'time-stamp') + ' time-stamp'),
        el('span', { class: 'badge small ' + (t.status === 'valid' ? 'is-passed' : 'is-indeterminate') }, str(t.status) || 'unknown')),
      kv([
        ['Authority', dnEl(t.authority)],
        ['Time', t.generationTime ? timeEl(t.generationTime) : ''],
        ['Proof of existence', t.proofOfExistence === true ? 'yes' : (t.proofOfExistence === false ? 'no' : '')],
      ], 'compact'));
  }

  function renderCheck(c) {
    const res = str(c.result);
    return el('li', { class: 'check', 'data-result': res },
      el('p', { class: 'check-head' },
        el('span', { class: 'check-name' }, str(c.name)),
        el('span', { class: 'badge small ' + resultClass(res) }, RESULT_NAMES[res] || res || '—')),
      c.clause ? el('p', { class: 'check-clause' }, str(c.clause)) : null,
      c.detail ? el('p', { class: 'check-detail' }, str(c.detail)) : null);
  }

  function certificateRows(cert, withSubject) {
    return [
      ['Subject', withSubject ? dnEl(cert.subject) : ''],
      ['Issuer', cert.issuer && cert.issuer === cert.subject ? 'self-signed' : dnEl(cert.issuer)],
      ['Serial number', cert.serialNumber ? code(cert.serialNumber) : ''],
      ['Valid', validity(cert, timeEl)],
      ['Public key', str(cert.publicKey)],
      ['SHA-256', hash(cert.sha256)],
    ];
  }

  // ---------- submit ----------

  function setBusy(on) {
    inFlight = on;
    busy.hidden = !on;
    validateButton.setAttribute('aria-disabled', on ? 'true' : 'false');
    form.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (inFlight) return;
    hideError();
    const file = currentSignatureFile();
    if (!file) {
      resetResult();
      showError('Choose a signed file first',
        'Pick the signed file (.p7s, .p7m, .cms) with the button, or drop it on the drop zone.');
      signatureInput.focus();
      return;
    }
    const data = new FormData();
    data.append('signature', file, file.name || 'signature.p7s');
    const content = contentInput.files && contentInput.files[0];
    if (content) data.append('content', content, content.name || 'content');
    const jurisdiction = jurisdictionSelect.value;
    if (jurisdiction) data.append('jurisdiction', jurisdiction);
    data.append('documentKind', kindSelect.value);

    resetResult();
    setBusy(true);
    try {
      let response;
      try {
        response = await fetch('/v1/validations', {
          method: 'POST',
          body: data,
          headers: { Accept: 'application/json, application/problem+json' },
          credentials: 'same-origin',
        });
      } catch (e) {
        showError('The service could not be reached', str(e && e.message) || 'The network request failed.');
        return;
      }
      const text = await response.text();
      const body = parseJson(text);
      if (!response.ok) {
        showProblem(response, body, text);
        return;
      }
      if (!body || typeof body !== 'object') {
        showError('Unexpected answer from the service', 'HTTP ' + response.status + ' without a JSON report.');
        return;
      }
      renderResult(body);
    } finally {
      setBusy(false);
    }
  });

  loadJurisdictions();
  showChosen();
})();
