import { APPROVER_KEY_HEADER, LANGUAGE_CODES, ROUTES } from '@resetdesk/shared';
import { messagesFor } from '../../messages/catalogue';

// The page's words in every language the server speaks, from the catalogue; the phone's language picks one.
const APPROVER_TEXTS = Object.fromEntries(LANGUAGE_CODES.map((code) => [code, messagesFor(code).approverPage]));

/**
 * The approver page's script, plain browser JavaScript served from this origin (the CSP allows only 'self').
 * It reads the device key from the fragment (`#key=...`), polls the open requests every 2 seconds and sends the
 * number the person typed off the wizard's screen (number matching: no choices are shown, so a tap cannot approve).
 * Its texts are the catalogue's `approverPage` section in every language, chosen by the phone's language.
 */
export const APPROVER_SCRIPT = `(() => {
  'use strict';
  const TEXTS = ${JSON.stringify(APPROVER_TEXTS)};
  const wanted = (navigator.language || 'en').toLowerCase().split('-')[0];
  const lang = wanted in TEXTS ? wanted : 'en';
  const t = TEXTS[lang];
  const fill = (text, params) => text.replace(/\\{(\\w+)\\}/g, (m, k) => (k in params ? String(params[k]) : m));
  const time = (iso) => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
  document.documentElement.lang = lang;
  const title = document.getElementById('title');
  const status = document.getElementById('status');
  const list = document.getElementById('requests');
  // A pairing link shows the pairing's own title until the device is paired; then this is its sign-in requests page.
  function showTitle(pairing) {
    const text = pairing ? t.pairTitle : t.title;
    if (title.textContent !== text) title.textContent = text;
    if (document.title !== text) document.title = text;
  }
  showTitle(false);
  const key = new URLSearchParams(location.hash.slice(1)).get('key');
  const decided = new Map();
  let shownIds = '';
  let stopped = false;
  let pairedPending = false;

  const el = (tag, props, children) => {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children || []) node.append(child);
    return node;
  };

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  async function decide(request, body) {
    const response = await fetch(${JSON.stringify(ROUTES.approverDecision)}, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ${JSON.stringify(APPROVER_KEY_HEADER)}: key },
      body: JSON.stringify({ requestId: request.id, ...body }),
    });
    const outcome = response.ok ? (await response.json()).outcome : 'gone';
    decided.set(request.id, outcome);
    shownIds = '';
    const pairing = request.purpose === 'pairing' && outcome !== 'gone';
    say(pairing ? (outcome === 'approved' ? t.pairApproved : t.pairDenied) : t[outcome]);
    // A refused pairing's key is done for: its verdict stays on screen instead of "not registered".
    if (pairing && outcome === 'denied') {
      stopped = true;
      list.replaceChildren();
    }
    // Approved: the key counts once the wizard has saved the pairing; until then the verdict stays too.
    if (pairing && outcome === 'approved') pairedPending = true;
    await refresh();
  }

  function render(requests) {
    const ids = requests.map((r) => r.id).join(',');
    if (ids === shownIds) return;
    shownIds = ids;
    list.replaceChildren();
    for (const request of requests) {
      // Pairing this device from security info reads as such; the number matching is the same.
      const pairing = request.purpose === 'pairing';
      const at = time(request.requestedAt);
      const heading = pairing
        ? fill(t.pairHeading, { org: request.organizationName })
        : fill(t.heading, { user: request.username });
      const where = pairing
        ? fill(t.pairWhere, { user: request.username, time: at })
        : fill(t.where, { org: request.organizationName, time: at, ip: request.fromIp || t.unknownIp });
      const inputId = 'number-' + request.id;
      const errorId = inputId + '-error';
      const input = el('input', { id: inputId, className: 'number', type: 'text', inputMode: 'numeric', autocomplete: 'off', maxLength: 2, required: true });
      const error = el('p', { id: errorId, className: 'error', role: 'alert' });
      const form = el('form', { className: 'approve', noValidate: true }, [
        el('label', { htmlFor: inputId, textContent: pairing ? t.pairNumberLabel : t.numberLabel }),
        input,
        error,
        el('button', { type: 'submit', className: 'primary', textContent: pairing ? t.pairApprove : t.approve }),
      ]);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const typed = input.value.trim();
        if (!/^[0-9]{2}$/.test(typed)) {
          error.textContent = pairing ? t.pairNumberMissing : t.numberMissing;
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', errorId);
          input.focus();
          return;
        }
        void decide(request, { decision: 'approve', number: Number(typed) });
      });
      list.append(
        el('section', { className: 'request' }, [
          el('h2', { textContent: heading }),
          el('p', { textContent: where }),
          el('p', { textContent: pairing ? t.pairPick : t.pick }),
          form,
          el('p', { className: 'muted', textContent: fill(t.expires, { time: time(request.expiresAt) }) }),
          el('button', { type: 'button', className: 'deny', textContent: t.deny, onclick: () => decide(request, { decision: 'deny' }) }),
        ]),
      );
    }
  }

  async function refresh() {
    if (stopped) return;
    try {
      const response = await fetch(${JSON.stringify(ROUTES.approverRequests)}, { headers: { ${JSON.stringify(APPROVER_KEY_HEADER)}: key }, cache: 'no-store' });
      if (!response.ok) {
        list.replaceChildren();
        shownIds = '';
        if (!pairedPending) say(t.badKey);
        return;
      }
      pairedPending = false;
      const { requests } = await response.json();
      const open = requests.filter((r) => !decided.has(r.id));
      showTitle(requests.some((r) => r.purpose === 'pairing'));
      render(open);
      if (open.length === 0 && decided.size === 0) say(t.none);
      else if (open.length > 0) say('');
    } catch {
      say(t.offline);
    }
  }

  // Another link opened in the same tab (a new pairing's): the page starts again with its key.
  window.addEventListener('hashchange', () => location.reload());
  if (!key) {
    say(t.noKey);
    return;
  }
  void refresh();
  setInterval(refresh, 2000);
})();
`;
