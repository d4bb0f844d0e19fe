import { WASNT_ME_ROUTES } from '@resetdesk/shared';

/**
 * The "This wasn't me" page's HTML: static (no user data, no token), so nothing about a person is ever cached or
 * logged with it. Its script reads the token from the fragment, asks what the link is about and, on the person's
 * confirm, posts it. English until the script sets the link's language; one column, large targets, system font.
 */
export const WASNT_ME_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>This wasn't me</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; background: #f3f2f1;
    color: #201f1e; }
  main { max-width: 480px; margin: 0 auto; padding: 24px 16px; }
  .card { background: #fff; border-radius: 8px; padding: 20px; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
  h1 { font-size: 1.4rem; margin: 0 0 16px; }
  h2 { font-size: 1.15rem; margin: 16px 0 8px; }
  #status:focus { outline: none; }
  p { margin: 0 0 12px; line-height: 1.45; }
  .org { color: #605e5c; font-size: .9rem; margin-bottom: 8px; }
  button { font: inherit; font-weight: 600; width: 100%; min-height: 48px; border-radius: 6px; cursor: pointer;
    background: #c50f1f; color: #fff; border: 1px solid #c50f1f; padding: 12px; margin-top: 8px; }
  button:focus-visible { outline: 3px solid #0f6cbd; outline-offset: 2px; }
  button[disabled] { background: #8a8886; border-color: #8a8886; cursor: default; }
  [hidden] { display: none !important; }
</style>
</head>
<body>
<main>
  <div class="card">
    <p class="org" id="org"></p>
    <h1 id="title">This wasn't me</h1>
    <div id="status" role="status" aria-live="polite"><p>Checking the link…</p></div>
    <div id="ask" hidden>
      <h2 id="question"></h2>
      <p id="explain"></p>
      <button type="button" id="confirm"></button>
    </div>
  </div>
</main>
<script src="${WASNT_ME_ROUTES.script}"></script>
</body>
</html>
`;
