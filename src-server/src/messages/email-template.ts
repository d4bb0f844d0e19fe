import type { LanguageCode } from '@resetdesk/shared';

/**
 * One paragraph of an email, its one-time code (a sentence in the text part, a large block in the HTML part), or a
 * link (the sentence with the address in the text part, the label and a link in the HTML part).
 */
export type EmailBlock =
  | string
  | { code: string; sentence: string; label: string }
  | { link: string; sentence: string; label: string; text: string };

export interface EmailContent {
  language: LanguageCode;
  organization: string;
  // Never holds a code or another secret: lock screens and mail relays show subjects.
  subject: string;
  greeting: string;
  blocks: readonly EmailBlock[];
}

/** What a channel sends: the subject, and the same words as plain text and as HTML. */
export interface EmailParts {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every text that goes into the HTML part goes through this: names and organisations are typed by people. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => HTML_ESCAPES[c] ?? c);
}

const BODY_STYLE = 'margin:0;padding:24px;background:#f5f5f5;font-family:"Segoe UI",Arial,sans-serif;color:#242424';
const CARD_STYLE = 'max-width:560px;margin:0 auto;background:#ffffff;padding:24px;border-radius:8px;line-height:1.5';
const LINK_STYLE = 'color:#0f6cbd;font-weight:600';
const CODE_STYLE =
  'font-family:Consolas,"Courier New",monospace;font-size:28px;font-weight:600;letter-spacing:4px;margin:8px 0 16px';

function htmlDocument(language: string, subject: string, organization: string, inner: string[]): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(language)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="${BODY_STYLE}">`,
    `<div style="${CARD_STYLE}">`,
    `<p style="margin:0 0 16px;font-size:14px;color:#616161">${escapeHtml(organization)}</p>`,
    ...inner,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

function blockHtml(block: EmailBlock): string[] {
  if (typeof block === 'string') return [`<p>${escapeHtml(block)}</p>`];
  if ('link' in block) {
    const link = `<a href="${escapeHtml(block.link)}" style="${LINK_STYLE}">${escapeHtml(block.text)}</a>`;
    return [`<p>${escapeHtml(block.label)} ${link}</p>`];
  }
  return [
    `<p style="margin-bottom:0">${escapeHtml(block.label)}</p>`,
    `<p style="${CODE_STYLE}">${escapeHtml(block.code)}</p>`,
  ];
}

/** Both parts of an email from one content: the text part keeps the line layout existing readers expect. */
export function renderEmail(content: EmailContent): EmailParts {
  const text = [
    content.greeting,
    '',
    ...content.blocks.map((block) => (typeof block === 'string' ? block : block.sentence)),
    '',
    content.organization,
  ].join('\n');
  const inner = [`<p>${escapeHtml(content.greeting)}</p>`, ...content.blocks.flatMap(blockHtml)];
  const html = htmlDocument(content.language, content.subject, content.organization, inner);
  return { subject: content.subject, text, html };
}

/**
 * The HTML part of a message written only as text (the helpdesk's notices): its paragraphs, escaped, with line
 * breaks kept, so that every email has both parts.
 */
export function textToHtml(text: string, subject: string, organization: string, language = 'en'): string {
  const paragraphs = text
    .split(/\n{2,}/u)
    .filter((paragraph) => paragraph.trim().length > 0)
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>\n')}</p>`);
  return htmlDocument(language, subject, organization, paragraphs);
}
