import type { ErrorCode, PasswordRejectionReason } from '@resetdesk/shared';

/**
 * The English texts: the source of truth for every key. Wording follows Microsoft Entra SSPR's lock-screen dialog so
 * that people recognise the flow. `{name}` marks interpolation; objects with `one`/`other` are plural forms chosen with
 * Intl.PluralRules.
 */
export const en = {
  app: {
    title: 'Get back into your account',
    documentTitle: '{screen} – Get back into your account',
    working: 'Please wait…',
    stepIndicator: 'Step {step} of {total}',
    gateIndicator: 'Verification {gate} of {total}',
    cancel: 'Cancel',
    next: 'Next',
  },
  language: {
    label: 'Language',
    en: 'English',
    nl: 'Nederlands',
    managed: 'Set by your organization',
  },
  idle: {
    title: 'Are you still there?',
    countdown: {
      one: 'For your security, this session ends in {count} second and everything you typed is cleared.',
      other: 'For your security, this session ends in {count} seconds and everything you typed is cleared.',
    },
    stay: "I'm still here",
  },
  username: {
    heading: 'Who are you?',
    intro: 'To recover your account, begin by entering your user ID.',
    label: 'User ID:',
    // {domain}: the organisation's own domain, from the server (a name at another domain would not be found).
    hint: 'Example: someone@{domain}',
    hintNoDomain: 'Your work user ID or email address',
    required: 'Enter your user ID.',
    tooLong: 'This user ID is too long.',
  },
  captcha: {
    legend: 'Prove that you are a person',
    intro: 'Enter the characters you see in the picture.',
    imageLabel: 'Picture of distorted characters',
    label: 'Characters:',
    newImage: 'Show a different picture',
    noSight: "Can't see the picture? Verify with this device instead",
    noSightHint:
      'Your device solves a small puzzle instead. This takes a few seconds, and longer after several failed attempts.',
    solving: 'Verifying with this device…',
    solved: 'This device is verified. Select Next to continue.',
    required: 'Enter the characters from the picture.',
    // Announced when the CAPTCHA appears after the user ID was sent: why the person is asked for it.
    whyShown: 'To protect accounts after failed attempts, we first need to check that you are a person.',
    invalid: "That wasn't right. Try again with the new picture.",
  },
  help: {
    ask: 'Ask the helpdesk to contact me',
    sent: 'Your request was sent to the helpdesk. They will contact you.',
    failed: "We couldn't send your request. Use the contact link, or try again later.",
  },
  signIn: {
    // The Windows sign-in screen's links under the user ID: the first click starts the right flow.
    optionsLabel: 'Other options',
    resetPassword: 'Reset password',
    unlockAccount: 'I know my password but my account is locked',
    changePassword: 'Change password',
  },
  chooseMethod: {
    heading: 'Verify your identity',
    label: 'Choose the contact method we should use for verification:',
    email: 'Email my alternate email',
    emailDetail: 'You will receive an email containing a verification code at your alternate email address ({target}).',
    required: 'Choose a contact method.',
  },
  enterCode: {
    heading: 'Enter your verification code',
    sent: "We've sent an email message containing a verification code to your inbox.",
    sentTo: 'The code was sent to {target}.',
    label: 'Enter your verification code',
    expires: 'The code expires at {time}.',
    wrongLength: 'Enter the {length}-digit code from the email.',
    invalid: "That code isn't correct.",
    attemptsLeft: {
      one: 'You have {count} attempt left.',
      other: 'You have {count} attempts left.',
    },
  },
  methods: {
    smsLabel: 'Text my mobile phone',
    smsDetail: 'You will receive a text message with a verification code on your mobile phone ({target}).',
    voiceLabel: 'Call my phone',
    voiceDetail: 'We will call your phone ({target}). Answer the call and press # to approve.',
    questionsLabel: 'Answer my security questions',
    questionsDetail: 'Answer security questions you set up earlier.',
    totpLabel: 'Enter a code from my authenticator app',
    totpDetail: 'Open your authenticator app and enter the 6-digit code it shows for your work account.',
    approvalLabel: 'Approve a notification on my authenticator app',
    approvalDetail: 'Approve the request on {target} by typing the number we show you.',
  },
  codeMethods: {
    smsSent: "We've sent a text message containing a verification code to your phone.",
    smsWrongLength: 'Enter the {length}-digit code from the text message.',
    totpHeading: 'Enter the code from your authenticator app',
    totpIntro: 'Open your authenticator app and enter the code it shows for your work account.',
    totpWrongLength: 'Enter the {length}-digit code from your authenticator app.',
    totpExpires: 'Codes in the app change every 30 seconds; any current code works.',
    resend: 'Send a new code',
    resendsLeft: {
      one: "Didn't get it? Check your spam folder or wait a minute. You can ask for {count} more code.",
      other: "Didn't get it? Check your spam folder or wait a minute. You can ask for {count} more codes.",
    },
    smsResendsLeft: {
      one: "Didn't get it? Check that your phone has signal, or wait a minute. You can ask for {count} more code.",
      other: "Didn't get it? Check that your phone has signal, or wait a minute. You can ask for {count} more codes.",
    },
    noResendsLeft: 'No more codes can be sent. Enter the last code you received, or cancel and choose another method.',
  },
  questions: {
    heading: 'Answer your security questions',
    intro: 'Answer the questions below exactly as you did when you set them up. Capitals and extra spaces do not matter.',
    answerRequired: 'Answer every question.',
    rejected: "Your answers weren't accepted. We've picked questions again.",
    attemptsLeft: {
      one: 'You have {count} attempt left.',
      other: 'You have {count} attempts left.',
    },
    keys: {
      firstSchoolCity: 'In what city did you go to primary school?',
      childhoodBestFriend: 'What was the first name of your best friend as a child?',
      firstPetName: 'What was the name of your first pet?',
      parentsMeetingCity: 'In what city did your parents meet?',
      firstConcertArtist: 'Who performed at the first concert you went to?',
      favouriteChildhoodBook: 'What was your favourite book as a child?',
      firstCarModel: 'What was the make and model of your first car?',
      grandmotherMaidenName: "What is your grandmother's maiden name?",
    },
  },
  voice: {
    heading: "We're calling your phone",
    intro: 'We are calling {target}. Answer the call and press # to approve.',
    waiting: 'Waiting for you to answer the call…',
    timeout: 'The call ends at {time} if it is not answered.',
    secondsLeft: { one: '{count} second left', other: '{count} seconds left' },
  },
  approval: {
    heading: 'Approve the request in your authenticator app',
    intro: 'We sent a request to the authenticator app on your device ({target}). Open it and type this number to approve:',
    numberLabel: 'Number to type',
    waiting: 'Waiting for you to approve the request…',
    timeout: 'The request expires at {time}.',
    secondsLeft: { one: '{count} second left', other: '{count} seconds left' },
  },
  newPassword: {
    heading: 'Choose a new password',
    newLabel: 'Enter new password:',
    confirmLabel: 'Confirm new password:',
    submit: 'Reset password',
    requirements: 'Your new password must:',
    hintMet: 'Met:',
    hintUnmet: 'Not met yet:',
    notValid: "Your new password doesn't meet all the requirements yet.",
    confirmRequired: 'Enter your new password again.',
    mismatch: "The passwords don't match.",
    rejected: "The new password wasn't accepted:",
    verdictChecking: 'Checking the password with your organization…',
    verdictAccepted: 'Your organization accepts this password.',
    verdictRefused: "Your organization won't accept this password:",
  },
  strength: {
    label: 'Password strength',
    text: 'Strength: {level}',
    levels: { s0: 'very weak', s1: 'weak', s2: 'fair', s3: 'strong', s4: 'very strong' },
  },
  passwordRules: {
    minLength: { one: 'Be at least {count} character long', other: 'Be at least {count} characters long' },
    maxLength: { one: 'Be at most {count} character long', other: 'Be at most {count} characters long' },
    characterClasses: {
      one: 'Contain at least {count} of: lowercase letters, uppercase letters, numbers, symbols',
      other: 'Contain at least {count} of: lowercase letters, uppercase letters, numbers, symbols',
    },
    noUserName: 'Not contain your name or user ID',
    validCharacters: 'Not contain control characters',
  },
  passwordReasons: {
    TOO_SHORT: 'It is too short.',
    TOO_LONG: 'It is too long.',
    MISSING_CHARACTER_CLASSES: "It doesn't mix enough kinds of characters (lowercase, uppercase, numbers, symbols).",
    CONTAINS_USER_NAME: 'It contains your name or user ID.',
    BANNED_PASSWORD: 'It is too common or easy to guess. Choose a password that is harder to guess.',
    INVALID_CHARACTERS: 'It contains characters that are not allowed.',
    BREACHED_PASSWORD: 'It is known from data breaches or lists of common passwords, so attackers try it first.',
    PASSWORD_IN_HISTORY: 'You used it recently. Choose a password you have not used before.',
  },
  passwordFindings: {
    // {terms}: the banned words found, each quoted, joined with `and`.
    banned: 'It contains {terms}: {points} of the {needed} points needed.',
    quote: '‘{term}’',
    and: ' and ',
  },
  done: {
    heading: 'Your password has been reset',
    body: 'You can now sign in with your new password.',
    finish: 'Finish',
  },
  changePassword: {
    heading: 'Change your password',
    intro: 'Enter your old password, then choose a new one.',
    user: 'User ID: {username}',
    oldLabel: 'Old password:',
    oldRequired: 'Enter your old password.',
    newLabel: 'New password:',
    confirmLabel: 'Confirm new password:',
    submit: 'Change password',
  },
  unlockDone: {
    heading: 'Your account has been unlocked',
    body: 'You can now sign in with your current password. It has not been changed.',
  },
  changeDone: {
    heading: 'Your password has been changed',
    body: 'You can now sign in with your new password.',
  },
  error: {
    startOver: 'Start over',
    contactAdminNewWindow: 'Contact your administrator (opens in a new window)',
    contactAdminEmail: 'Email your administrator',
    unlocksAt: 'You can try again after {when}.',
    reference: 'Reference: {id}',
    retryAfter: {
      one: 'You can try again in {count} second.',
      other: 'You can try again in {count} seconds.',
    },
  },
  errors: {
    INVALID_INPUT: {
      title: "Something you entered isn't valid",
      action: 'Check what you entered and try again.',
    },
    FLOW_EXPIRED: {
      title: 'Your session has expired',
      action: 'For your security, a reset has to be finished within a limited time. Start over to try again.',
    },
    FLOW_STEP_MISMATCH: {
      title: 'Something went out of step',
      action: 'The reset got out of order, for example after using Back or a second window. Start over to try again.',
    },
    CODE_INVALID: {
      title: "That code isn't correct",
      action: 'Check the code in the email and enter it again.',
    },
    CODE_EXPIRED: {
      title: 'Your verification code has expired',
      action: 'Codes are valid for a short time only. Start over to receive a new code.',
    },
    CODE_ATTEMPTS_EXCEEDED: {
      title: 'Too many incorrect attempts',
      action: 'For your security, this method is locked for now. Start over and choose another method, or try again later.',
    },
    RESEND_LIMIT_REACHED: {
      title: "We can't send more codes",
      action: 'You have asked for the most codes allowed. Start over and choose another method, or try again later.',
    },
    ANSWERS_REJECTED: {
      title: "Your answers weren't accepted",
      action: 'Check your answers and try again.',
    },
    CALL_NOT_ANSWERED: {
      title: 'The call was not answered',
      action: "We didn't get your approval on the call. Start over to be called again, or choose another method.",
    },
    APPROVAL_DENIED: {
      title: 'The request was denied',
      action:
        "The request was denied in your authenticator app, or a different number was selected. If you didn't start this reset, contact your administrator.",
    },
    APPROVAL_EXPIRED: {
      title: 'The request timed out',
      action: "The request wasn't approved in time. Start over to send a new request.",
    },
    METHOD_UNAVAILABLE: {
      title: "This contact method can't be used",
      action: 'Start over and choose another contact method.',
    },
    PASSWORD_REJECTED: {
      title: "Your new password wasn't accepted",
      action: 'Choose a password that meets all the requirements.',
    },
    ACCOUNT_NOT_ENABLED: {
      title: 'Your account is not enabled for password reset',
      action: 'Your organization has not set up password reset for your account. Contact your administrator.',
    },
    ACCOUNT_NOT_VERIFIABLE: {
      title: "We can't verify your account",
      action: 'No contact method is registered for your account. Contact your administrator to reset your password.',
    },
    CONTACT_ADMIN: {
      title: "We can't reset your password here",
      action: 'Your account is managed elsewhere. Contact your administrator to reset your password.',
    },
    CREDENTIALS_INVALID: {
      title: 'Your user ID or password is incorrect',
      action: 'Check your user ID and your old password, then try again. Too many attempts lock your account.',
    },
    PASSWORD_REUSED: {
      title: "You can't use your current password again",
      action: 'Choose a new password that is different from your current one.',
    },
    ACCOUNT_NOT_LOCKED: {
      title: "Your account isn't locked",
      action: 'You can sign in with your password as usual. If you forgot it, start over and choose Reset password.',
    },
    ACCOUNT_LOCKED: {
      title: 'Your account is locked',
      action: 'Start over and choose "I know my password but my account is locked" to unlock it first.',
    },
    UNLOCK_NOT_ALLOWED: {
      title: "Unlocking your account isn't available here",
      action:
        "Your organization doesn't allow unlocking accounts here. Start over and choose Reset password, or contact your administrator.",
    },
    CHANGE_NOT_ALLOWED: {
      title: "Changing your password isn't available here",
      action:
        "Your organization doesn't allow changing passwords here. Change it after signing in, or contact your administrator.",
    },
    RATE_LIMITED: {
      title: 'Too many attempts',
      action: 'For your security, password reset is paused for your account or this device.',
    },
    TOO_MANY_RESETS: {
      title: 'Your password was reset too many times',
      action: 'For your security, a password can be reset only a few times an hour. Try again later, or contact your administrator.',
    },
    CAPTCHA_REQUIRED: {
      title: 'Prove that you are a person',
      action: 'Start over and answer the check on the first step.',
    },
    CAPTCHA_INVALID: {
      title: "The check wasn't answered correctly",
      action: 'Start over and try again with a new picture.',
    },
    DEVICE_NOT_ALLOWED: {
      title: "Password reset isn't available on this device",
      action: 'Your organization only allows password reset from approved devices or networks. Use another device, or contact your administrator.',
    },
    DIRECTORY_ERROR: {
      title: "We couldn't change your password",
      action: 'Your password has not been changed. Try again later, or contact your administrator.',
    },
    DELIVERY_FAILED: {
      title: "We couldn't send your verification code",
      action: 'Try again in a few minutes. If it keeps happening, contact your administrator.',
    },
    SERVER_UNREACHABLE: {
      title: "We can't reach the password reset service",
      action: 'Check that this device is connected to the network, then start over.',
    },
    SERVER_TIMEOUT: {
      title: 'The password reset service is taking too long',
      action: 'The service did not respond in time. Wait a moment, then start over.',
    },
    SERVER_BAD_RESPONSE: {
      title: 'The password reset service sent an unexpected answer',
      action: 'Try again later. If this keeps happening, contact your administrator.',
    },
    CONFIG_INVALID: {
      title: 'Password reset is not set up correctly on this device',
      action: 'The configuration of this app is missing or invalid. Contact your administrator.',
    },
    SENDER_REJECTED: {
      title: 'This request was blocked',
      action: 'For your security, the app refused a request from an unexpected source. Restart the app and try again.',
    },
    INTERNAL: {
      title: 'Something went wrong',
      action: 'An unexpected error occurred. Start over, or try again later.',
    },
    KEYCHAIN_UNAVAILABLE: {
      title: "This device can't open its secure storage",
      action:
        "The app keeps this device's credential in the system keychain, which is missing, locked or refused access. Sign in to unlock it, or contact your administrator.",
    },
    DEVICE_NOT_TRUSTED: {
      title: 'This device is not allowed to reset passwords',
      action:
        'Your organization only accepts registered devices, and this one is not registered (or no longer is). Check the date and time of this device, or contact your administrator.',
    },
    ENROLLMENT_TOKEN_INVALID: {
      title: "This device couldn't be registered",
      action: 'The enrollment token set up for this app is invalid, expired or used up. Contact your administrator.',
    },
  },
} as const satisfies {
  readonly [section: string]: object;
  errors: Record<ErrorCode, { title: string; action: string }>;
  passwordReasons: Record<PasswordRejectionReason, string>;
};
