// Sealbridge — the validation page.
// All text from the service is put into the page with textContent / text nodes, never as HTML. The lists of
// jurisdictions and document kinds come from the service (GET /v1/frameworks, /v1/agreements,
// /v1/document-kinds): the page holds no list of its own.
'use strict';

(function () {
  // ---------- helpers (the shared ones are in common.js) ----------

  const { el, str, list, code, hash, parseJson, validity, dnEl, commonName, kv, fillKv } = window.Sealbridge;

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
    return (n / 1024 / 1024).toFixed(1) + ' MiB (' + n.toLocaleString('en') + ' bytes)';
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

  function prefersReducedMotion() {
    return Boolean(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  }

  // ---------- what the service knows: frameworks, agreements, document kinds ----------

  const catalog = {
    frameworks: new Map(), // id → framework
    agreements: new Map(), // id → agreement
    kinds: new Map(), // id → title
  };

  // GET url as JSON: {ok, status, body, message}; never throws.
  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => response.text().then((text) => {
        const body = parseJson(text);
        let message = '';
        if (!response.ok) {
          const title = body && typeof body === 'object' && body.title ? str(body.title) : (response.statusText || 'error');
          message = 'HTTP ' + response.status + ': ' + title;
        }
        return { ok: response.ok, status: response.status, body, message };
      }))
      .catch((e) => ({ ok: false, status: 0, body: null, message: str(e && e.message) || 'the network request failed' }));
  }

  // The array in a list answer: the body itself, or its member `key`.
  function listIn(answer, ...keys) {
    if (!answer.ok) return null;
    if (Array.isArray(answer.body)) return answer.body;
    for (const key of keys) {
      if (answer.body && Array.isArray(answer.body[key])) return answer.body[key];
    }
    return null;
  }

  function frameworkTitle(id) {
    const f = catalog.frameworks.get(str(id));
    return f ? str(f.name) : '';
  }

  function agreementTitle(id) {
    const a = catalog.agreements.get(str(id));
    return a ? str(a.title) : '';
  }

  // "Title (id)" with the id as code; the id alone when the title is unknown.
  function named(id, title) {
    const s = str(id);
    if (!s) return '';
    const t = str(title);
    if (!t || t === s) return el('span', { class: 'named' }, code(s));
    return el('span', { class: 'named' }, el('span', { class: 'named-title' }, t), ' ', el('span', { class: 'named-id' }, '(', code(s), ')'));
  }

  function namedFramework(id) {
    return named(id, frameworkTitle(id));
  }

  function namedAgreement(id) {
    return named(id, agreementTitle(id));
  }

  // The name of a region (Intl.DisplayNames, the browser's own data), or '' when it has none.
  function regionName(codeValue) {
    try {
      if (typeof Intl === 'object' && typeof Intl.DisplayNames === 'function') {
        const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(codeValue);
        return name && name !== codeValue ? name : '';
      }
    } catch (e) { /* an unknown code: no name */ }
    return '';
  }

  function jurisdictionLabel(codeValue) {
    const name = regionName(codeValue);
    return name ? codeValue + ' — ' + name : codeValue;
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

  // A plain sentence for a report without a headline (an older report).
  function describeIndication(indication, subIndication) {
    const sub = str(subIndication);
    switch (indication) {
      case 'TOTAL_PASSED':
        return 'The signature is valid.';
      case 'TOTAL_FAILED':
        return 'The signature is not valid' + (sub ? ' (' + sub + ').' : '.');
      case 'INDETERMINATE':
        return 'The signature could not be confirmed' + (sub ? ' (' + sub + ').' : '.');
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

  // What the frameworks found for a signature, as detail: "framework T (id), level L".
  function trustFound(trust) {
    const t = trust || {};
    const parts = [];
    if (t.framework) parts.push('framework ', namedFramework(t.framework));
    if (t.jurisdiction) parts.push(' (' + str(t.jurisdiction) + ')');
    if (t.level) parts.push(parts.length ? ', level ' : 'level ', code(t.level));
    return parts;
  }

  // Whether recognition applies: only to a TOTAL_PASSED signature (a report may also say so itself).
  function recognitionApplies(signature) {
    const sig = signature || {};
    const verdict = str(sig.recognition && sig.recognition.verdict);
    return sig.indication === 'TOTAL_PASSED' && verdict !== 'not-applicable';
  }

  // The recognition verdict as nodes: the verdict phrase, then the details. `applies` false: "not applicable",
  // never "Recognised", whatever the verdict says; what the frameworks found follows as small detail.
  function describeRecognition(recognition, signature, context, applies, why) {
    const jurisdiction = str(context && context.relyingJurisdiction);
    const where = jurisdiction ? ' in ' + jurisdiction : '';
    const trust = (signature && signature.trust) || {};
    if (!applies) {
      const found = trustFound(trust);
      return [
        el('span', { class: 'recognition-verdict is-not-applicable' }, 'Recognition: not applicable'),
        ' — ' + (why || 'the signature is not valid, so no recognition applies.'),
        found.length ? el('span', { class: 'recognition-found' }, 'Found, for information only: ', found, '.') : null,
      ];
    }
    if (!recognition || !recognition.verdict) {
      return [el('strong', { class: 'recognition-verdict' }, 'Not evaluated'),
        jurisdiction ? ': the report has no recognition verdict.' : ': no relying jurisdiction was chosen.'];
    }
    const reasons = joinReasons(recognition.reasons);
    switch (recognition.verdict) {
      case 'recognised': {
        const parts = [el('strong', { class: 'recognition-verdict is-recognised' }, 'Recognised' + where)];
        if (recognition.agreement) parts.push(' under agreement ', namedAgreement(recognition.agreement));
        if (recognition.level) parts.push(' at level ', code(recognition.level));
        parts.push('.');
        if (recognition.legalBasis) parts.push(' Legal basis: ' + str(recognition.legalBasis) + '.');
        return parts;
      }
      case 'domestic': {
        const parts = [el('strong', { class: 'recognition-verdict is-recognised' }, 'Recognised domestically' + where)];
        const framework = trust.framework;
        const level = recognition.level || trust.level;
        if (framework) parts.push(' — framework ', namedFramework(framework));
        if (level) parts.push(framework ? ', level ' : ' — level ', code(level));
        parts.push('.');
        if (recognition.legalBasis) parts.push(' Legal basis: ' + str(recognition.legalBasis) + '.');
        return parts;
      }
      case 'not-recognised':
        return [el('strong', { class: 'recognition-verdict' }, 'Not recognised' + where), reasons ? ': ' + reasons : '.'];
      case 'not-evaluated':
        return [el('strong', { class: 'recognition-verdict' }, 'Recognition not evaluated'), reasons ? ': ' + reasons : '.'];
      default:
        return [el('strong', { class: 'recognition-verdict' }, 'Recognition: ' + str(recognition.verdict)), reasons ? ': ' + reasons : ''];
    }
  }

  const ROLE_NAMES = {
    'trust-anchor': 'Trust anchor',
    'intermediate': 'Intermediate CA',
    'signer': 'Signer',
  };

  const DOCUMENT_ROLES = {
    'signed-file': 'Signed file',
    'attached-content': 'Signed content (inside the file)',
    'detached-content': 'Detached content',
    'supplied-content': 'Content given for comparison',
    'content-digest': 'Document given by its digest',
  };

  const RESULT_NAMES = {
    passed: 'Passed',
    failed: 'Failed',
    indeterminate: 'Indeterminate',
    'not-run': 'Not run',
    skipped: 'Skipped',
    'not-applicable': 'Not applicable',
  };

  const REVOCATION_POLICIES = {
    required: 'required (every certificate but the trust anchor needs revocation data)',
    'where-available': 'where available (checked where revocation data is at hand)',
    none: 'none (revocation not checked)',
  };

  const NOT_CHECKED_BECAUSE = {
    'trust-anchor': 'trust anchor',
    'ocsp-nocheck': 'OCSP responder certificate (id-pkix-ocsp-nocheck)',
    'no-data': 'no usable revocation data',
    policy: 'the revocation policy asks for none',
  };

  const REVOCATION_ORIGINS = {
    signature: 'carried in the signature',
    given: 'given with the request',
    fetched: 'fetched',
  };

  function resultClass(result) {
    switch (result) {
      case 'passed': return 'is-passed';
      case 'failed': return 'is-failed';
      case 'indeterminate': return 'is-indeterminate';
      default: return 'is-unknown';
    }
  }

  // A chain element's revocation status in words: "good (CRL of X, next update …)", "revoked on … (keyCompromise)",
  // "not checked: trust anchor". '' when the report has none (an older report).
  function revocationWords(revocation) {
    if (!revocation || typeof revocation !== 'object') return '';
    const r = revocation;
    const from = [];
    if (r.source) {
      const source = r.source === 'crl' ? 'CRL' : (r.source === 'ocsp' ? 'OCSP response' : str(r.source));
      from.push(source + (r.issuer ? ' of ' + commonName(r.issuer) : ''));
    }
    if (r.origin) from.push(REVOCATION_ORIGINS[r.origin] || str(r.origin));
    if (r.thisUpdate) from.push('issued ' + formatTime(r.thisUpdate));
    if (r.nextUpdate) from.push('next update ' + formatTime(r.nextUpdate));
    const fromText = from.join(', ');
    switch (r.status) {
      case 'good':
        return 'good' + (fromText ? ' (' + fromText + ')' : '');
      case 'revoked':
        return 'revoked' + (r.revocationDate ? ' on ' + formatTime(r.revocationDate) : '') +
          (r.reason ? ' (' + str(r.reason) + ')' : '') + (fromText ? ' — ' + fromText : '');
      case 'not-checked': {
        const because = NOT_CHECKED_BECAUSE[r.notCheckedBecause] || str(r.notCheckedBecause);
        return 'not checked' + (because ? ': ' + because : '') +
          (r.notCheckedBecause === 'no-data' && fromText ? ' (' + fromText + ')' : '');
      }
      default:
        return str(r.status) || 'unknown';
    }
  }

  // ---------- page elements ----------

  const form = document.getElementById('validate-form');
  const signatureInput = document.getElementById('signature-file');
  const contentInput = document.getElementById('content-file');
  const dropzone = document.getElementById('dropzone');
  const chosen = document.getElementById('signature-chosen');
  const jurisdictionSelect = document.getElementById('jurisdiction');
  const jurisdictionStatus = document.getElementById('jurisdiction-status');
  const jurisdictionDetail = document.getElementById('jurisdiction-detail');
  const kindSelect = document.getElementById('document-kind');
  const kindStatus = document.getElementById('kind-status');
  const validateButton = document.getElementById('validate-button');
  const busy = document.getElementById('busy');
  const errorBox = document.getElementById('error');
  const errorTitle = document.getElementById('error-title');
  const errorDetail = document.getElementById('error-detail');
  const errorMeta = document.getElementById('error-meta');
  const result = document.getElementById('result');
  const card = document.getElementById('verdict-card');
  const headlineText = document.getElementById('headline-text');
  const indicationCodeText = document.getElementById('indication-code');
  const adviceText = document.getElementById('advice-text');
  const recognitionText = document.getElementById('recognition-text');
  const reportMeta = document.getElementById('report-meta');
  const documentsList = document.getElementById('documents');
  const signaturesBox = document.getElementById('signatures');
  const links = {
    json: document.getElementById('link-json'),
    xml: document.getElementById('link-xml'),
    html: document.getElementById('link-html'),
  };

  let droppedFile = null; // used only when the browser cannot put a dropped file into the input
  let inFlight = false;

  // ---------- the pickers, from the service ----------

  function setStatus(node, text, isError) {
    node.textContent = text;
    node.hidden = !text;
    node.classList.toggle('is-error', Boolean(isError));
  }

  let jurisdictionDetails = new Map(); // code → {frameworks, agreements}, for the line under the picker

  // Jurisdictions: the frameworks' jurisdictions and the agreements' recognising jurisdictions.
  function fillJurisdictions(frameworksAnswer, agreementsAnswer) {
    const frameworks = listIn(frameworksAnswer, 'frameworks');
    const agreements = listIn(agreementsAnswer, 'agreements');
    const found = new Map(); // code → {frameworks: [], agreements: []}
    const entry = (c) => {
      if (!found.has(c)) found.set(c, { frameworks: [], agreements: [] });
      return found.get(c);
    };
    for (const f of list(frameworks)) {
      if (!f || typeof f !== 'object') continue;
      if (f.id) catalog.frameworks.set(str(f.id), f);
      const j = str(f.jurisdiction).trim();
      if (j) entry(j).frameworks.push(f);
    }
    for (const a of list(agreements)) {
      if (!a || typeof a !== 'object') continue;
      if (a.id) catalog.agreements.set(str(a.id), a);
      const j = str(a.recognisingJurisdiction).trim();
      if (j) entry(j).agreements.push(a);
    }
    const current = jurisdictionSelect.value;
    const codes = Array.from(found.keys()).sort();
    jurisdictionSelect.replaceChildren(el('option', { value: '' }, 'No jurisdiction (validity only)'),
      ...codes.map((c) => el('option', { value: c }, jurisdictionLabel(c))));
    if (codes.includes(current)) jurisdictionSelect.value = current;
    jurisdictionDetails = found;
    showJurisdictionDetail();

    const failed = [];
    if (!frameworks) failed.push('frameworks (' + (frameworksAnswer.message || 'no list in the answer') + ')');
    if (!agreements) failed.push('agreements (' + (agreementsAnswer.message || 'no list in the answer') + ')');
    if (failed.length === 2) {
      setStatus(jurisdictionStatus, 'Could not load the jurisdictions from the service: ' + failed.join('; ') +
        '. You can still validate, without a jurisdiction.', true);
      jurisdictionSelect.dataset.loaded = 'error';
    } else if (failed.length === 1) {
      setStatus(jurisdictionStatus, 'Some jurisdictions may be missing: could not load the ' + failed[0] + '.', true);
      jurisdictionSelect.dataset.loaded = 'partial';
    } else {
      setStatus(jurisdictionStatus, codes.length === 0 ? 'The service has no frameworks or agreements configured.' : '', false);
      jurisdictionSelect.dataset.loaded = 'true';
    }
  }


  // Under the picker: which frameworks are the chosen jurisdiction's and which agreements it applies.
  function showJurisdictionDetail() {
    const info = jurisdictionDetails.get(jurisdictionSelect.value);
    if (!info) {
      jurisdictionDetail.replaceChildren();
      jurisdictionDetail.hidden = true;
      return;
    }
    const parts = [];
    if (info.frameworks.length) {
      parts.push('Its frameworks: ', info.frameworks.map((f, i) => [i ? '; ' : '', named(f.id, f.name)]), '. ');
    }
    if (info.agreements.length) {
      parts.push('It recognises others under: ', info.agreements.map((a, i) => [i ? '; ' : '', named(a.id, a.title)]), '.');
    }
    jurisdictionDetail.replaceChildren(...parts.flat(Infinity).map((p) => (p instanceof Node ? p : document.createTextNode(p))));
    jurisdictionDetail.hidden = parts.length === 0;
  }

  function fillKinds(kindsAnswer) {
    const kinds = listIn(kindsAnswer, 'documentKinds', 'kinds');
    const current = kindSelect.value;
    const options = [el('option', { value: '' }, 'Not stated')];
    for (const k of list(kinds)) {
      const id = str(k && typeof k === 'object' ? k.id : k).trim();
      if (!id || catalog.kinds.has(id)) continue;
      const title = str(k && typeof k === 'object' ? k.title : '') || id;
      catalog.kinds.set(id, title);
      options.push(el('option', { value: id }, title));
    }
    kindSelect.replaceChildren(...options);
    if (catalog.kinds.has(current)) kindSelect.value = current;
    if (!kinds) {
      setStatus(kindStatus, 'Could not load the document kinds from the service (' +
        (kindsAnswer.message || 'no list in the answer') + '). You can still validate, without a kind.', true);
      kindSelect.dataset.loaded = 'error';
    } else {
      setStatus(kindStatus, '', false);
      kindSelect.dataset.loaded = 'true';
    }
  }

  // Resolves once the pickers are filled (or their failure shown); never rejects.
  const catalogReady = Promise.all([getJson('/v1/frameworks'), getJson('/v1/agreements'), getJson('/v1/document-kinds')])
    .then(([frameworks, agreements, kinds]) => {
      fillJurisdictions(frameworks, agreements);
      fillKinds(kinds);
    })
    .catch(() => { /* shown by the fill functions */ });

  jurisdictionSelect.addEventListener('change', showJurisdictionDetail);

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

  let headingCount = 0; // unique ids for the headings of one result

  function nodes(parts) {
    return parts.flat(Infinity).filter((p) => p !== null && p !== undefined && p !== false && p !== '')
      .map((p) => (p instanceof Node ? p : document.createTextNode(String(p))));
  }

  function resetResult() {
    result.hidden = true;
    card.dataset.indication = '';
    card.dataset.verdict = '';
    card.dataset.reportVerdict = '';
    card.className = 'verdict-card';
    headlineText.textContent = '';
    indicationCodeText.textContent = '';
    adviceText.textContent = '';
    adviceText.hidden = true;
    recognitionText.replaceChildren();
    reportMeta.replaceChildren();
    documentsList.replaceChildren();
    signaturesBox.replaceChildren();
    headingCount = 0;
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

  // The verdict card into view (smoothly unless the user prefers less motion) and focused, so that keyboard and
  // screen-reader users land on the answer.
  function revealCard() {
    card.focus({ preventScroll: true });
    card.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
  }

  function kindWords(context) {
    const id = str(context.documentKind);
    if (!id) return 'not stated';
    const title = catalog.kinds.get(id);
    const declared = context.documentKindDeclaredBy === 'relying-party'
      ? el('span', { class: 'muted' }, ' — declared by you, the relying party; not read from the document') : null;
    return [title && title !== id ? [title, ' (', code(id), ')'] : code(id), declared];
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
    const firstApplies = Boolean(first) && recognitionApplies(first);
    const applies = indication === 'TOTAL_PASSED' && firstApplies;
    const reportVerdict = str((recognition && recognition.verdict) || envelope.verdict || 'none');

    // The card: the headline, the ETSI code, the advice, then recognition.
    card.className = 'verdict-card ' + indicationClass(indication);
    card.dataset.indication = indication;
    card.dataset.verdict = applies ? reportVerdict : 'not-applicable';
    card.dataset.reportVerdict = reportVerdict;
    headlineText.textContent = str(report.headline) || describeIndication(indication, subIndication);
    indicationCodeText.textContent = 'ETSI EN 319 102-1: ' + indicationCode(indication, subIndication);
    adviceText.textContent = str(report.advice);
    adviceText.hidden = !report.advice;
    let why;
    if (!first) why = 'the file holds no signature that could be validated.';
    else if (!applies && firstApplies) {
      why = 'not every signature in the file is valid, so no recognition applies to it; each signature is shown below.';
    }
    const recognitionParts = describeRecognition(recognition, first, context, applies, why);
    if (applies && signatures.length > 1) {
      recognitionParts.push(' (first of ' + signatures.length + ' signatures — each is shown below.)');
    }
    recognitionText.replaceChildren(...nodes(recognitionParts));
    recognitionText.dataset.verdict = card.dataset.verdict;

    // What was checked
    const frameworks = list(context.frameworks).map((id, i) => [i ? ', ' : '', namedFramework(id)]);
    const agreements = list(context.agreements).map((id, i) => [i ? ', ' : '', namedAgreement(id)]);
    const relying = str(context.relyingJurisdiction);
    fillKv(reportMeta, [
      ['Relying jurisdiction', relying ? jurisdictionLabel(relying) : 'none chosen (validity only)'],
      ['Document kind', kindWords(context)],
      ['Validation time', report.validationTime ? timeEl(report.validationTime) : ''],
      ['Revocation policy', REVOCATION_POLICIES[context.revocationPolicy] || str(context.revocationPolicy)],
      ['Frameworks', frameworks.length ? frameworks : 'none'],
      ['Agreements', agreements.length ? agreements : 'none'],
      ['Cryptographic constraints', str(context.cryptographicConstraints)],
      ['File format', str(documentInfo.format) + (documentInfo.detectedAs ? ': ' + str(documentInfo.detectedAs) : '')],
      ['Signatures', String(signatures.length)],
      ['Report ID', envelope.id ? code(envelope.id) : ''],
      ['Created', envelope.createdAt ? timeEl(envelope.createdAt) : ''],
    ]);
    const documents = list(report.documents);
    const shown = documents.length ? documents : [{
      role: 'signed-file', name: documentInfo.name, size: documentInfo.size,
      sha256: documentInfo.sha256 || envelope.inputSha256,
    }];
    documentsList.replaceChildren(...shown.map((d) => renderDocument(d || {})));

    const envLinks = envelope.links || {};
    setLink(links.json, envLinks.json || envLinks.self);
    setLink(links.xml, envLinks.xml);
    setLink(links.html, envLinks.html);

    // One section per signature
    if (signatures.length === 0) {
      signaturesBox.appendChild(el('p', { class: 'panel muted' }, 'The report lists no signatures.'));
    }
    signatures.forEach((signature, index) => {
      signaturesBox.appendChild(renderSignature(signature, index, signatures.length, context, 0));
    });

    result.hidden = false;
    revealCard();
  }

  function renderDocument(d) {
    const role = str(d.role);
    return el('li', { class: 'document', 'data-role': role },
      el('p', { class: 'document-head' },
        el('span', { class: 'tag' }, DOCUMENT_ROLES[role] || role || 'document'), ' ',
        el('strong', { class: 'document-name' }, str(d.name) || '(no name)'),
        typeof d.size === 'number' ? el('span', { class: 'muted' }, ' — ' + formatBytes(d.size)) : null),
      d.digest && d.digestAlgorithm !== 'sha256'
        ? el('p', { class: 'document-hash' }, el('span', { class: 'hash-label' }, str(d.digestAlgorithm).toUpperCase() + ' '), hash(d.digest))
        : null,
      d.sha256 ? el('p', { class: 'document-hash' }, el('span', { class: 'hash-label' }, 'SHA-256 '), hash(d.sha256)) : null);
  }

  function shortIndication(indication, subIndication) {
    const words = { TOTAL_PASSED: 'Valid', TOTAL_FAILED: 'Not valid', INDETERMINATE: 'Not confirmed' }[indication];
    return (words ? words + ' — ' : '') + indicationCode(indication, subIndication);
  }

  const MAX_DEPTH = 4; // countersignatures of countersignatures are shown to this depth

  function renderSignature(signature, index, count, context, depth) {
    const sig = signature || {};
    const isCounter = depth > 0;
    headingCount += 1;
    const headingId = 'signature-heading-' + headingCount;
    const title = isCounter
      ? 'Countersignature' + (sig.id ? ' ' + str(sig.id) : '')
      : (count > 1
        ? 'Signature ' + (index + 1) + ' of ' + count + (sig.id ? ' (' + str(sig.id) + ')' : '')
        : 'Signature' + (sig.id ? ' ' + str(sig.id) : ''));
    const level = isCounter ? 5 : 4; // the heading level of this signature's blocks
    const section = el('section', {
      class: isCounter ? 'signature countersignature' : 'signature panel',
      'aria-labelledby': headingId,
      'data-signature-id': str(sig.id),
      'data-indication': str(sig.indication),
    });
    section.appendChild(el(isCounter ? 'h4' : 'h3', { id: headingId }, title));
    section.appendChild(el('p', { class: 'badge ' + indicationClass(sig.indication) },
      shortIndication(sig.indication, sig.subIndication)));
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
    const applies = recognitionApplies(sig);
    const verdict = applies ? str(recognition && recognition.verdict) : 'not-applicable';
    const reasons = applies && recognition && (recognition.verdict === 'recognised' || recognition.verdict === 'domestic')
      ? list(recognition.reasons) : [];
    section.appendChild(block('Legal recognition', [
      el('p', { class: 'recognition', 'data-verdict': verdict }, describeRecognition(recognition, sig, context, applies)),
      reasons.length > 0 ? el('ul', { class: 'reasons' }, reasons.map((r) => el('li', null, str(r)))) : null,
      kv([
        ['Trust framework', trust.framework ? namedFramework(trust.framework) : 'none'],
        ['Framework jurisdiction', str(trust.jurisdiction)],
        ['Level', trust.level ? code(trust.level) : ''],
        ['Trust notes', joinReasons(trust.reasons)],
      ]),
    ], 'recognition-block', level));

    // Signer
    section.appendChild(block('Signer', sig.signer
      ? kv(certificateRows(sig.signer, true), 'signer')
      : el('p', { class: 'muted' }, 'The signing certificate was not identified.'), null, level));

    // Electronic seal (OFD, GB/T 38540 / GM/T 0031)
    if (sig.seal) section.appendChild(block('Electronic seal', renderSeal(sig.seal), 'seal', level));

    // Chain, anchor first
    let chain = list(sig.chain).slice();
    if (chain.length > 1 && chain[0] && chain[0].role === 'signer') chain = chain.reverse();
    section.appendChild(listBlock('Certificate chain (trust anchor → signer)', 'ol', 'chain', chain,
      'No chain to a trust anchor was built.', renderChainLink, level));

    // Time-stamps
    section.appendChild(listBlock('Time-stamps', 'ul', 'stamps', list(sig.timeStamps), 'None.', renderTimeStamp, level));

    // Present in the signature, not evaluated
    const unevaluated = list(sig.unevaluated);
    if (unevaluated.length > 0) {
      section.appendChild(listBlock('Present, not evaluated', 'ul', 'unevaluated', unevaluated, '',
        (u) => el('li', { class: 'unevaluated-item' }, el('strong', null, str(u.name) || 'attribute'),
          u.detail ? ': ' + str(u.detail) : ''), level));
    }

    // Checks
    section.appendChild(listBlock('Checks', 'ol', 'checks', list(sig.checks), 'No checks reported.', renderCheck, level));

    // Notes (the recognition reasons are in the recognition sentence, the trust reasons under "Trust notes")
    const notes = list(sig.notes);
    if (notes.length > 0) {
      section.appendChild(block('Notes', el('ul', { class: 'notes' }, notes.map((n) => el('li', null, str(n)))), null, level));
    }

    // Countersignatures, each validated in its own right
    const counters = list(sig.countersignatures);
    if (counters.length > 0) {
      const content = depth + 1 < MAX_DEPTH
        ? counters.map((c, i) => renderSignature(c, i, counters.length, context, depth + 1))
        : el('p', { class: 'muted' }, counters.length + ' more, nested too deeply to show here; the JSON report has them.');
      section.appendChild(block('Countersignatures (' + counters.length + ')', content, 'countersignatures', level));
    }
    return section;
  }

  // The seal's facts and its picture: drawn only when the report carries it sanitised as PNG, JPEG or GIF (the
  // service's content security policy allows data: images and nothing else inline); otherwise described.
  function renderSeal(seal) {
    const size = str(seal.pictureType) + ', ' + str(seal.pictureWidth) + ' × ' + str(seal.pictureHeight) + ' mm';
    const picture = seal.picture || {};
    const showable = /^image\/(png|jpeg|gif)$/.test(str(picture.mediaType)) && /^[A-Za-z0-9+/]+={0,2}$/.test(str(picture.data));
    const pictureContent = showable
      ? el('figure', { class: 'seal-picture' },
        el('img', {
          src: 'data:' + picture.mediaType + ';base64,' + picture.data,
          alt: "The seal's picture: " + str(seal.name),
          // its size in millimetres at CSS's 96 pixels an inch (a style attribute would be refused by the policy)
          width: Math.round(Number(seal.pictureWidth) * 96 / 25.4) || null,
          height: Math.round(Number(seal.pictureHeight) * 96 / 25.4) || null,
        }),
        el('figcaption', null, size + ' (' + Number(picture.width) + ' × ' + Number(picture.height) + ' pixels, shown sanitised)'))
      : el('p', null, size, seal.pictureNotShown ? el('br') : null, seal.pictureNotShown ? el('small', null, str(seal.pictureNotShown)) : null);
    return [
      kv([
        ['Seal', str(seal.name) + ' (esID ' + str(seal.esID) + ', type ' + str(seal.type) + ')'],
        ['Standard', str(seal.standard) + ', vendor ' + str(seal.vendorID)],
        ['Made by', str(seal.maker) || 'unknown'],
        ['Valid', seal.validFrom ? [timeEl(seal.validFrom), ' – ', timeEl(seal.validUntil)] : ''],
        ['Stamped', list(seal.stamps).map((s) => 'page ' + str(s.page) + ' at ' + str(s.boundary) + ' mm').join('; ')],
      ], 'seal-facts'),
      pictureContent,
    ];
  }

  // <div class="block"> with a heading (<h4> by default) and the content.
  function block(title, content, extraClass, level) {
    const tag = 'h' + Math.min(Math.max(level || 4, 2), 6);
    return el('div', { class: 'block' + (extraClass ? ' ' + extraClass : '') }, el(tag, { class: 'block-title' }, title), content);
  }

  // A block whose content is a list (<ol>/<ul>) with one item per entry, or a muted line when there are none.
  function listBlock(title, listTag, listClass, items, emptyText, renderItem, level) {
    return block(title, items.length === 0
      ? el('p', { class: 'muted' }, emptyText)
      : el(listTag, { class: listClass }, items.map((item) => renderItem(item || {}))), null, level);
  }

  function renderChainLink(link) {
    const cert = link.certificate || {};
    const role = str(link.role);
    const revocation = link.revocation && typeof link.revocation === 'object' ? link.revocation : null;
    const words = revocationWords(revocation);
    const frameworkName = frameworkTitle(link.framework);
    return el('li', { class: 'chain-item', 'data-role': role, 'data-framework': str(link.framework) },
      el('p', { class: 'chain-tags' },
        el('span', { class: 'tag role-' + role.replace(/[^a-z-]/g, '') }, ROLE_NAMES[role] || role || 'certificate'),
        link.framework ? el('span', { class: 'tag tag-framework' }, 'framework ', str(link.framework)) : null,
        link.level ? el('span', { class: 'tag tag-level' }, 'level ', str(link.level)) : null),
      frameworkName ? el('p', { class: 'chain-framework muted' }, frameworkName) : null,
      el('p', { class: 'chain-subject' }, dnEl(cert.subject)),
      words ? el('p', { class: 'revocation', 'data-status': str(revocation.status) },
        el('span', { class: 'revocation-label' }, 'Revocation: '),
        el('span', { class: 'revocation-words' }, words),
        revocation.detail ? el('span', { class: 'revocation-detail' }, str(revocation.detail)) : null) : null,
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
        'Pick the signed file (.p7s, .p7m, .cms, .xml, .ofd) with the button, or drop it on the drop zone.');
      signatureInput.focus();
      return;
    }
    const data = new FormData();
    data.append('signature', file, file.name || 'signature.p7s');
    const content = contentInput.files && contentInput.files[0];
    if (content) data.append('content', content, content.name || 'content');
    const jurisdiction = jurisdictionSelect.value;
    if (jurisdiction) data.append('jurisdiction', jurisdiction);
    const kind = kindSelect.value;
    if (kind) data.append('documentKind', kind);

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
      await catalogReady; // titles beside ids; already settled unless the lists are slow
      renderResult(body);
    } finally {
      setBusy(false);
    }
  });

  showChosen();
})();
