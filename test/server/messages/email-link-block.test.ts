import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../../src-server/src/messages/email-template';

describe('an email with a link block', () => {
  it('writes the address on its own line in the text part and an escaped link in the HTML part', () => {
    const link = 'https://reset.contoso.example/wasnt-me#t=abc&l=en';
    const email = renderEmail({
      language: 'en',
      organization: 'Contoso',
      subject: 'Contoso: your password was reset',
      greeting: 'Hello Adele,',
      blocks: ['Your password was reset.', { link, sentence: `Not you?\n${link}`, label: 'Not you?', text: "It wasn't me" }],
    });
    expect(email.text.split('\n')).toContain(link);
    expect(email.html).toContain('<a href="https://reset.contoso.example/wasnt-me#t=abc&amp;l=en"');
    expect(email.html).toContain('It wasn&#39;t me</a>');
    expect(email.subject).not.toContain('#t=');
  });
});
