import type { LanguageCode } from '@resetdesk/shared';

/**
 * The server's own words to people, in English: the type source of every other language's file (nl.ts). A message
 * with parameters is a function of them. Sections are owned by what sends them: account notices by flows/, code
 * texts by each method's folder, helpdesk texts by help-requests/, the approver page by http/approver/.
 * Never put a secret into a parameter that reaches a subject line (subjects may be logged by a mail relay).
 */
export const en = {
  // The language these words are in (the HTML part's lang attribute).
  language: 'en' as LanguageCode,
  /** Shared pieces of every email. */
  common: {
    greeting: (displayName: string) => `Hello ${displayName},`,
    contactAdministrator: (contact: string) => `If this wasn't you, contact your administrator${contact}.`,
    // The notice's single-use link (flows/account-notices.ts); `url` is the whole link, on a line of its own.
    wasntMeSentence: (url: string) =>
      `If this wasn't you, open this link to stop self-service for your account and alert the helpdesk:\n${url}`,
    wasntMeLabel: "If this wasn't you, stop self-service for your account and alert the helpdesk:",
    wasntMeLinkText: "This wasn't me",
  },
  /** What happened to an account, told to its owner (flows/engine/account-notices.ts); `at` is an ISO timestamp. */
  accountNotice: {
    passwordReset: {
      subject: (organization: string) => `${organization}: your password was reset`,
      body: (at: string) => `Your password was reset on ${at}.`,
    },
    passwordChanged: {
      subject: (organization: string) => `${organization}: your password was changed`,
      body: (at: string) => `Your password was changed on ${at}.`,
    },
    accountUnlocked: {
      subject: (organization: string) => `${organization}: your account was unlocked`,
      body: (at: string) => `Your account was unlocked on ${at}. Your password was not changed.`,
    },
    securityInfoChanged: {
      subject: (organization: string) => `${organization}: your security info was changed`,
      body: (at: string) =>
        `Your security info (the methods that prove who you are when you reset your password) was changed on ${at}.`,
    },
  },
  /** Proving a method being added to security info (methods/*-registrar.ts): the code goes to the new detail. */
  registration: {
    emailSubject: (organization: string) => `${organization}: confirm your email address`,
    emailIntro: 'Someone asked to add this address to their security info.',
    codeSentence: (code: string) => `Your confirmation code is ${code}.`,
    codeLabel: 'Your confirmation code:',
    expiry: (minutes: number) => `It expires in ${minutes} minutes and works once.`,
    notYou: 'If you did not ask for this, ignore this message: the address will not be added.',
    smsSubject: (organization: string) => `${organization} security info`,
    smsBody: (code: string, organization: string, minutes: number) =>
      `${code} is your ${organization} code to add this phone. It expires in ${minutes} minutes.`,
    callSubject: (organization: string) => `Call from ${organization}`,
    // The digits one by one, twice, so that a speech engine reads them as digits and the person can write them down.
    callPrompt: (organization: string, digits: string) =>
      `This is ${organization}. Your code to add this phone is: ${digits}. Once more: ${digits}.`,
  },
  /** The email code method's message (methods/email-code/). The code is never in the subject. */
  emailCode: {
    subject: (organization: string) => `${organization}: your password reset code`,
    codeSentence: (code: string) => `Your verification code is ${code}.`,
    codeLabel: 'Your verification code:',
    expiry: (minutes: number) => `It expires in ${minutes} minutes and works once.`,
    notYou: 'If you did not ask to reset your password, ignore this message: your password stays as it is.',
  },
  /**
   * The SMS code method's text (methods/sms-code/): short (one segment), the code first because lock screens show only
   * the start of a text message, and no link (a link in a code text is what phishing looks like).
   */
  smsCode: {
    // Not sent by SMS providers; the dev outbox shows it.
    subject: (organization: string) => `${organization} password reset`,
    body: (code: string, organization: string, minutes: number) =>
      `${code} is your ${organization} verification code. It expires in ${minutes} minutes.`,
  },
  /** What the verification call says (methods/voice-call/), in the flow's language. */
  voiceCall: {
    subject: (organization: string) => `Call from ${organization}`,
    prompt: (organization: string) =>
      `This is the ${organization} password reset service. If you asked to reset your password, press the hash key ` +
      '(#) now. If you did not, hang up: nothing will change.',
    // What a provider's call says after the prompt when no key came, and after the answer (delivery/voice/).
    noKey: 'No key was pressed, so nothing will change. Goodbye.',
    confirmed: 'Thank you. Continue on the screen. Goodbye.',
    nothingChanged: 'Nothing will change. Goodbye.',
  },
  /** The approver device's notification (methods/authenticator-approval/): never the number to pick. */
  approvalPush: {
    subject: (organization: string) => `${organization}: approve sign-in request?`,
    body: 'Open your approver page to approve or deny the request.',
  },
  /** Messages to the helpdesk (help-requests/helpdesk-messages.ts): who and what happened, never a secret. */
  helpdesk: {
    adminResetSubject: (organization: string, username: string) =>
      `${organization}: administrator account ${username} reset its password`,
    adminResetBody: (username: string, displayName: string, at: string, from: string | null) =>
      [
        `The administrator account ${username} (${displayName}) reset its password with self-service reset`,
        `on ${at}${from ? ` from ${from}` : ''}.`,
        `If this was not expected, check the account and the audit log (resetdesk-server audit --user ${username}).`,
      ].join('\n'),
    wasntMeSubject: (organization: string, username: string) =>
      `${organization}: ${username} reported a change they did not make`,
    wasntMeBody: (username: string, what: string, at: string, action: string, trail: string) =>
      [
        `The owner of the account ${username} confirmed "This wasn't me" for: ${what} (${at}).`,
        'Self-service reset, unlock and change are on hold for the account until you release it',
        `(resetdesk-server holds release --user ${username}). Directory action: ${action}.`,
        '',
        'What the flow did (audit log, oldest first):',
        trail,
        '',
        'Check the account and its security info before you release the hold.',
      ].join('\n'),
    wasntMeNoTrail: '(no audit rows for this flow)',
    helpRequestSubject: (organization: string, username: string) =>
      `${organization}: password help requested for ${username}`,
    helpRequestBody: (username: string, displayName: string, reason: string, at: string, from: string | null) =>
      [
        `Someone at the password reset wizard asked for help with the account ${username} (${displayName}).`,
        `What the wizard showed them: ${reason}.`,
        `When: ${at}${from ? `, from ${from}` : ''}.`,
        'Verify the caller before you reset anything for them.',
      ].join('\n'),
  },
  /** The approver page (http/approver/): plain strings, {name} placeholders filled in by its script. */
  approverPage: {
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
    pairHeading: "Pair this device with {org}'s security info?",
    pairWhere: 'For {user} · started at {time}.',
    pairPick: 'To pair, type the number shown on the security info screen.',
    pairNumberLabel: 'Number shown on the security info screen',
    pairNumberMissing: 'Type the two-digit number shown on the security info screen.',
    pairApprove: 'Pair this device',
    pairApproved: 'Paired. Keep this page: it is where you approve your password resets from now on.',
    pairDenied: 'Not paired. Nothing was saved; you can start again on the security info screen.',
    pairTitle: 'Pair your device',
  },
  /** The "This wasn't me" page (http/wasnt-me/): plain strings, {time} filled in by its script. */
  wasntMePage: {
    title: "This wasn't me",
    loading: 'Checking the link…',
    passwordReset: 'The password of your account was reset on {time}.',
    passwordChanged: 'The password of your account was changed on {time}.',
    accountUnlocked: 'Your account was unlocked on {time}.',
    securityInfoChanged: 'Your security info was changed on {time}.',
    question: "Wasn't this you?",
    explain:
      'Confirm below. Self-service password reset, unlock and change will stop for your account until your ' +
      'administrator has checked it, and the helpdesk will be told.',
    confirm: "Confirm: this wasn't me",
    working: 'Confirming…',
    confirmed: 'Thank you. Self-service is stopped for your account and the helpdesk has been told.',
    mustChange: 'Your account must also get a new password at the next sign-in.',
    disabled: 'Your account was also disabled.',
    next: 'Contact your administrator to get back into your account.',
    invalid:
      "This link doesn't work: it is incomplete, expired or was already used. Nothing was changed. If you are " +
      'worried about your account, contact your administrator.',
    failed: 'Something went wrong and nothing was changed. Try again later, or contact your administrator.',
  },
};

/** The shape every language's catalogue must have (functions keep their parameter lists). */
export type ServerMessages = typeof en;
