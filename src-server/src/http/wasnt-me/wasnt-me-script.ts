import { LANGUAGE_CODES, ROUTES, WASNT_ME_ROUTES } from '@resetdesk/shared';
import { messagesFor } from '../../messages/catalogue';

// The page's words in every language the server speaks, from the catalogue; the link's language picks one.
const TEXTS = Object.fromEntries(LANGUAGE_CODES.map((code) => [code, messagesFor(code).wasntMePage]));

/**
 * The "This wasn't me" page's script, plain browser JavaScript from this origin (the CSP allows only 'self'). It takes
 * the token from the fragment (`#t=...&l=nl`, never sent to a server by the browser), clears it from the address
 * bar, looks the link up and shows what happened; the confirm button posts the token once. Results are announced in
 * a live region and focus moves to them, so keyboard and screen reader users hear what changed.
 */
export const WASNT_ME_SCRIPT = `(() => {
  'use strict';
  const TEXTS = ${JSON.stringify(TEXTS)};
  const params = new URLSearchParams(location.hash.slice(1));
  const token = params.get('t');
  const wanted = (params.get('l') || navigator.language || 'en').toLowerCase().split('-')[0];
  const lang = wanted in TEXTS ? wanted : 'en';
  const t = TEXTS[lang];
  // The token is not kept in the address bar, the history or a screenshot of the page.
  if (location.hash) history.replaceState(null, '', location.pathname);
  document.documentElement.lang = lang;
  document.title = t.title;
  const $ = (id) => document.getElementById(id);
  $('title').textContent = t.title;
  const status = $('status');
  const ask = $('ask');
  const button = $('confirm');

  const paragraph = (text) => Object.assign(document.createElement('p'), { textContent: text });
  const paragraphs = (...texts) => texts.map(paragraph);
  function say(...texts) {
    status.replaceChildren(...paragraphs(...texts));
  }
  const when = (iso) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  const post = (url) => fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
    cache: 'no-store',
  });

  // A used, expired or forged link tells nothing about a person, but the page still names the organisation (from
  // its public config, as the wizard's first screen does), so the person knows whose page says so.
  async function showOrganisation() {
    try {
      const response = await fetch(${JSON.stringify(ROUTES.getPublicConfig)}, { cache: 'no-store' });
      if (response.ok) $('org').textContent = (await response.json()).organizationName;
    } catch {
      // The organisation's name is a courtesy: the refusal stands without it.
    }
  }

  function refused(response) {
    ask.hidden = true;
    say(response && response.status === 410 ? t.invalid : t.failed);
    if (!$('org').textContent) void showOrganisation();
  }

  async function confirm() {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    say(t.working);
    let response;
    try {
      response = await post(${JSON.stringify(WASNT_ME_ROUTES.confirm)});
    } catch {
      response = null;
    }
    if (!response || !response.ok) return refused(response);
    const result = await response.json();
    ask.hidden = true;
    const extra = result.restriction !== 'done' ? [] : [result.action === 'disable' ? t.disabled : t.mustChange];
    say(t.confirmed, ...extra, t.next);
    status.tabIndex = -1;
    status.focus();
  }

  async function lookup() {
    if (!token) return refused({ status: 410 });
    let response;
    try {
      response = await post(${JSON.stringify(WASNT_ME_ROUTES.lookup)});
    } catch {
      response = null;
    }
    if (!response || !response.ok) return refused(response);
    const notice = await response.json();
    $('org').textContent = notice.organizationName;
    say(t[notice.kind].replace('{time}', when(notice.at)));
    $('question').textContent = t.question;
    $('explain').textContent = t.explain;
    button.textContent = t.confirm;
    button.addEventListener('click', () => void confirm(), { once: true });
    ask.hidden = false;
  }

  void lookup();
})();
`;
