/**
 * The approver page's HTML: static (no user data in it), so it can be cached nowhere and still be the same for
 * everyone. The script fills it in from the API using the device key in the link's fragment. Mobile first: one
 * column, large tap targets, system font.
 */
export const APPROVER_PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ResetDesk approver</title>
<style>
  body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; background: #f3f2f1; color: #201f1e; }
  main { max-width: 420px; margin: 0 auto; padding: 24px 16px; }
  h1 { font-size: 1.4rem; margin: 0 0 16px; }
  h2 { font-size: 1.15rem; margin: 0 0 8px; }
  p { margin: 0 0 12px; line-height: 1.4; }
  .request { background: #fff; border-radius: 8px; padding: 16px; margin-bottom: 16px; box-shadow: 0 1px 3px rgba(0,0,0,.2); }
  .approve { display: flex; flex-direction: column; gap: 8px; margin: 12px 0; }
  label { font-weight: 600; }
  input.number { font: inherit; font-size: 1.6rem; font-weight: 600; letter-spacing: .2em; text-align: center; padding: 10px; border: 1px solid #605e5c; border-radius: 6px; min-height: 48px; }
  input.number:focus-visible { outline: 3px solid #0f6cbd; outline-offset: 2px; }
  .primary { background: #0f6cbd; color: #fff; border-color: #0f6cbd; font-weight: 600; min-height: 48px; }
  .error { color: #a4262c; margin: 0; }
  .error:empty { display: none; }
  button { font: inherit; border-radius: 6px; border: 1px solid #605e5c; background: #fff; color: #201f1e; padding: 12px; cursor: pointer; }
  button:focus-visible { outline: 3px solid #0f6cbd; outline-offset: 2px; }
  .deny { width: 100%; }
  .result { font-weight: 600; }
  .muted { color: #605e5c; }
</style>
</head>
<body>
<main>
  <h1 id="title">Sign-in requests</h1>
  <div id="status" role="status" aria-live="polite"></div>
  <div id="requests"></div>
</main>
<script src="/approver/approver.js"></script>
</body>
</html>
`;
