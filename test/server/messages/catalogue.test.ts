import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../src-server/src/messages/catalogue';
import { en } from '../../../src-server/src/messages/en';
import { nl } from '../../../src-server/src/messages/nl';
import { voicePrompt } from '../../../src-server/src/methods/voice-call/voice-call';

// Every key path of a catalogue, so a language file cannot silently miss a section at run time either.
function keyPaths(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    inner && typeof inner === 'object' ? keyPaths(inner as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe('server message catalogue', () => {
  it('picks the flow locale by primary subtag and falls back to English', () => {
    expect(messagesFor('nl-NL')).toBe(nl);
    expect(messagesFor('NL')).toBe(nl);
    expect(messagesFor('en-GB')).toBe(en);
    expect(messagesFor('fr')).toBe(en);
    expect(messagesFor(null)).toBe(en);
    expect(messagesFor(undefined)).toBe(en);
  });

  it('has the same keys in every language, and Dutch is not English', () => {
    expect(keyPaths(nl)).toEqual(keyPaths(en));
    expect(nl.common.greeting('Adele')).not.toBe(en.common.greeting('Adele'));
  });

  it('keeps the SMS code text to one segment, code first, with the organisation and no link', () => {
    for (const messages of [en, nl]) {
      const text = messages.smsCode.body('482913', 'Contoso Pharmaceuticals', 10);
      expect(text.startsWith('482913 ')).toBe(true);
      expect(text).toContain('Contoso Pharmaceuticals');
      expect(text.length).toBeLessThanOrEqual(160);
      expect(text).not.toMatch(/https?:|www\./u);
    }
    expect(nl.smsCode.body('1', 'C', 10)).not.toBe(en.smsCode.body('1', 'C', 10));
  });

  it("speaks the call, the approver notification and the helpdesk's messages in the flow's language", () => {
    for (const messages of [en, nl]) {
      const prompt = messages.voiceCall.prompt('Contoso');
      expect(prompt).toContain('Contoso');
      expect(prompt).toContain('#');
      // The approver notification never carries the number to pick: the person reads it off the wizard.
      expect(messages.approvalPush.body).not.toMatch(/\d/u);
      const body = messages.helpdesk.helpRequestBody('adele', 'Adele Vance', 'CODE_ATTEMPTS_EXCEEDED', 'T', '192.0.2.4');
      expect(body).toContain('adele');
      expect(body).toContain('192.0.2.4');
    }
    expect(voicePrompt('Contoso', 'nl-NL')).toBe(nl.voiceCall.prompt('Contoso'));
    expect(voicePrompt('Contoso')).toBe(en.voiceCall.prompt('Contoso'));
    expect(nl.helpdesk.adminResetSubject('C', 'a')).not.toBe(en.helpdesk.adminResetSubject('C', 'a'));
  });
});
