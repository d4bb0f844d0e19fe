import { APPROVER_KEY_HEADER, ROUTES } from '@resetdesk/shared';

/**
 * The approver page's script, plain browser JavaScript served from this origin (the CSP allows only 'self').
 * It reads the device key from the fragment (`#key=...`), polls the open requests every 2 seconds and sends the
 * number the person typed off the wizard's screen (number matching: no choices are shown, so a tap cannot approve). Texts in English and Dutch, chosen by the phone's language.
 */
export const APPROVER_SCRIPT = `(() => {
  'use strict';
  const TEXTS = {
    en: {
      title: 'Sign-in requests',
      none: 'No requests are waiting. Keep this page open: new requests appear here.',
      noKey: 'This approver link is incomplete. Open the link you got when you registered this device.',
      badKey: 'This device is not registered for approvals (any more).',
      offline: 'The reset server cannot be reached. Retrying…',
      heading: 'Approve the password reset for {user}?',
      where: '{org} · requested at {time} from {ip}.',
      unknownIp: 'an unknown address',
      pick: 'To approve, type the number shown on the screen where the reset was started.',
      numberLabel: 'Number shown on the reset screen',
      approve: 'Approve',
      numberMissing: 'Type the two-digit number shown on the reset screen.',
      expires: 'This request expires at {time}.',
      deny: 'Deny, it was not me',
      approved: 'Approved. You can return to the reset screen.',
      denied: 'Denied. Nobody can continue the reset with this request.',
      gone: 'This request is no longer open.',
    },
    nl: {
      title: 'Aanmeldverzoeken',
      none: 'Er wachten geen verzoeken. Laat deze pagina open: nieuwe verzoeken verschijnen hier.',
      noKey: 'Deze goedkeuringslink is onvolledig. Open de link die je kreeg toen je dit apparaat registreerde.',
      badKey: 'Dit apparaat is niet (meer) geregistreerd voor goedkeuringen.',
      offline: 'De resetserver is niet bereikbaar. Opnieuw proberen…',
      heading: 'Wachtwoordherstel voor {user} goedkeuren?',
      where: '{org} · aangevraagd om {time} vanaf {ip}.',
      unknownIp: 'een onbekend adres',
      pick: 'Typ om goed te keuren het getal dat wordt getoond op het scherm waar het herstel is gestart.',
      numberLabel: 'Getal op het herstelscherm',
      approve: 'Goedkeuren',
      numberMissing: 'Typ het getal van twee cijfers dat op het herstelscherm staat.',
      expires: 'Dit verzoek verloopt om {time}.',
      deny: 'Weigeren, dit was ik niet',
      approved: 'Goedgekeurd. Je kunt terug naar het herstelscherm.',
      denied: 'Geweigerd. Niemand kan met dit verzoek verder.',
      gone: 'Dit verzoek is niet meer open.',
    },
  };
  const lang = (navigator.language || 'en').toLowerCase().startsWith('nl') ? 'nl' : 'en';
  const t = TEXTS[lang];
  const fill = (text, params) => text.replace(/\\{(\\w+)\\}/g, (m, k) => (k in params ? String(params[k]) : m));
  const time = (iso) => new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
  document.documentElement.lang = lang;
  document.title = t.title;
  const title = document.getElementById('title');
  const status = document.getElementById('status');
  const list = document.getElementById('requests');
  title.textContent = t.title;
  const key = new URLSearchParams(location.hash.slice(1)).get('key');
  const decided = new Map();
  let shownIds = '';

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
    say(t[outcome]);
    await refresh();
  }

  function render(requests) {
    const ids = requests.map((r) => r.id).join(',');
    if (ids === shownIds) return;
    shownIds = ids;
    list.replaceChildren();
    for (const request of requests) {
      const inputId = 'number-' + request.id;
      const errorId = inputId + '-error';
      const input = el('input', { id: inputId, className: 'number', type: 'text', inputMode: 'numeric', autocomplete: 'off', maxLength: 2, required: true });
      const error = el('p', { id: errorId, className: 'error', role: 'alert' });
      const form = el('form', { className: 'approve', noValidate: true }, [
        el('label', { htmlFor: inputId, textContent: t.numberLabel }),
        input,
        error,
        el('button', { type: 'submit', className: 'primary', textContent: t.approve }),
      ]);
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const typed = input.value.trim();
        if (!/^[0-9]{2}$/.test(typed)) {
          error.textContent = t.numberMissing;
          input.setAttribute('aria-invalid', 'true');
          input.setAttribute('aria-describedby', errorId);
          input.focus();
          return;
        }
        void decide(request, { decision: 'approve', number: Number(typed) });
      });
      list.append(
        el('section', { className: 'request' }, [
          el('h2', { textContent: fill(t.heading, { user: request.username }) }),
          el('p', { textContent: fill(t.where, { org: request.organizationName, time: time(request.requestedAt), ip: request.fromIp || t.unknownIp }) }),
          el('p', { textContent: t.pick }),
          form,
          el('p', { className: 'muted', textContent: fill(t.expires, { time: time(request.expiresAt) }) }),
          el('button', { type: 'button', className: 'deny', textContent: t.deny, onclick: () => decide(request, { decision: 'deny' }) }),
        ]),
      );
    }
  }

  async function refresh() {
    try {
      const response = await fetch(${JSON.stringify(ROUTES.approverRequests)}, { headers: { ${JSON.stringify(APPROVER_KEY_HEADER)}: key }, cache: 'no-store' });
      if (!response.ok) {
        list.replaceChildren();
        shownIds = '';
        say(t.badKey);
        return;
      }
      const { requests } = await response.json();
      const open = requests.filter((r) => !decided.has(r.id));
      render(open);
      if (open.length === 0 && decided.size === 0) say(t.none);
      else if (open.length > 0) say('');
    } catch {
      say(t.offline);
    }
  }

  if (!key) {
    say(t.noKey);
    return;
  }
  void refresh();
  setInterval(refresh, 2000);
})();
`;
