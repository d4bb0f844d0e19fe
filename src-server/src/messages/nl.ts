import type { ServerMessages } from './en';

/** The server's own words in Dutch; TypeScript refuses a missing or extra key (typed by en.ts). */
export const nl: ServerMessages = {
  language: 'nl',
  common: {
    greeting: (displayName: string) => `Hallo ${displayName},`,
    contactAdministrator: (contact: string) => `Was u dit niet? Neem dan contact op met uw beheerder${contact}.`,
    wasntMeSentence: (url: string) =>
      `Was u dit niet? Open deze link om selfservice voor uw account te stoppen en de helpdesk te waarschuwen:\n${url}`,
    wasntMeLabel: 'Was u dit niet? Stop selfservice voor uw account en waarschuw de helpdesk:',
    wasntMeLinkText: 'Dit was ik niet',
  },
  accountNotice: {
    passwordReset: {
      subject: (organization: string) => `${organization}: uw wachtwoord is opnieuw ingesteld`,
      body: (at: string) => `Uw wachtwoord is opnieuw ingesteld op ${at}.`,
    },
    passwordChanged: {
      subject: (organization: string) => `${organization}: uw wachtwoord is gewijzigd`,
      body: (at: string) => `Uw wachtwoord is gewijzigd op ${at}.`,
    },
    accountUnlocked: {
      subject: (organization: string) => `${organization}: uw account is ontgrendeld`,
      body: (at: string) => `Uw account is ontgrendeld op ${at}. Uw wachtwoord is niet gewijzigd.`,
    },
    securityInfoChanged: {
      subject: (organization: string) => `${organization}: uw beveiligingsgegevens zijn gewijzigd`,
      body: (at: string) =>
        `Uw beveiligingsgegevens (de methoden waarmee u bewijst wie u bent als u uw wachtwoord opnieuw instelt) zijn ` +
        `gewijzigd op ${at}.`,
    },
  },
  registration: {
    emailSubject: (organization: string) => `${organization}: bevestig uw e-mailadres`,
    emailIntro: 'Iemand heeft gevraagd dit adres aan zijn of haar beveiligingsgegevens toe te voegen.',
    codeSentence: (code: string) => `Uw bevestigingscode is ${code}.`,
    codeLabel: 'Uw bevestigingscode:',
    expiry: (minutes: number) => `De code verloopt over ${minutes} minuten en werkt één keer.`,
    notYou: 'Hebt u hier niet om gevraagd? Negeer dan dit bericht: het adres wordt niet toegevoegd.',
    smsSubject: (organization: string) => `${organization}: beveiligingsgegevens`,
    smsBody: (code: string, organization: string, minutes: number) =>
      `${code} is uw code van ${organization} om deze telefoon toe te voegen. ` +
      `De code verloopt over ${minutes} minuten.`,
    callSubject: (organization: string) => `Oproep van ${organization}`,
    callPrompt: (organization: string, digits: string) =>
      `Dit is ${organization}. Uw code om deze telefoon toe te voegen is: ${digits}. Nog een keer: ${digits}.`,
  },
  emailCode: {
    subject: (organization: string) => `${organization}: uw code om uw wachtwoord opnieuw in te stellen`,
    codeSentence: (code: string) => `Uw verificatiecode is ${code}.`,
    codeLabel: 'Uw verificatiecode:',
    expiry: (minutes: number) => `De code verloopt over ${minutes} minuten en werkt één keer.`,
    notYou:
      'Hebt u niet gevraagd om uw wachtwoord opnieuw in te stellen? Negeer dan dit bericht: ' +
      'uw wachtwoord blijft zoals het is.',
  },
  smsCode: {
    subject: (organization: string) => `${organization}: wachtwoord opnieuw instellen`,
    body: (code: string, organization: string, minutes: number) =>
      `${code} is uw verificatiecode voor ${organization}. De code verloopt over ${minutes} minuten.`,
  },
  voiceCall: {
    subject: (organization: string) => `Oproep van ${organization}`,
    prompt: (organization: string) =>
      `Dit is de wachtwoordservice van ${organization}. Hebt u gevraagd uw wachtwoord opnieuw in te stellen, druk dan ` +
      'nu op de hekje-toets (#). Hebt u dat niet gevraagd, hang dan op: er verandert niets.',
    noKey: 'Er is geen toets ingedrukt, dus er verandert niets. Tot ziens.',
    confirmed: 'Dank u wel. Ga verder op het scherm. Tot ziens.',
    nothingChanged: 'Er verandert niets. Tot ziens.',
  },
  approvalPush: {
    subject: (organization: string) => `${organization}: aanmeldverzoek goedkeuren?`,
    body: 'Open uw goedkeuringspagina om het verzoek goed te keuren of te weigeren.',
  },
  helpdesk: {
    adminResetSubject: (organization: string, username: string) =>
      `${organization}: beheerdersaccount ${username} heeft zijn wachtwoord opnieuw ingesteld`,
    adminResetBody: (username: string, displayName: string, at: string, from: string | null) =>
      [
        `Het beheerdersaccount ${username} (${displayName}) heeft zijn wachtwoord zelf opnieuw ingesteld`,
        `op ${at}${from ? ` vanaf ${from}` : ''}.`,
        `Was dit niet verwacht, controleer dan het account en het auditlogboek (resetdesk-server audit --user ${username}).`,
      ].join('\n'),
    wasntMeSubject: (organization: string, username: string) =>
      `${organization}: ${username} meldt een wijziging die hij of zij niet heeft gedaan`,
    wasntMeBody: (username: string, what: string, at: string, action: string, trail: string) =>
      [
        `De eigenaar van het account ${username} heeft "Dit was ik niet" bevestigd voor: ${what} (${at}).`,
        'Selfservice voor herstellen, ontgrendelen en wijzigen staat voor dit account stil tot u dat opheft',
        `(resetdesk-server holds release --user ${username}). Actie in de directory: ${action}.`,
        '',
        'Wat de flow deed (auditlog, oudste eerst):',
        trail,
        '',
        'Controleer het account en de beveiligingsgegevens voordat u de blokkade opheft.',
      ].join('\n'),
    wasntMeNoTrail: '(geen auditregels voor deze flow)',
    helpRequestSubject: (organization: string, username: string) =>
      `${organization}: hulp gevraagd bij het wachtwoord van ${username}`,
    helpRequestBody: (username: string, displayName: string, reason: string, at: string, from: string | null) =>
      [
        `Iemand bij de wachtwoordwizard vroeg om hulp met het account ${username} (${displayName}).`,
        `Wat de wizard liet zien: ${reason}.`,
        `Wanneer: ${at}${from ? `, vanaf ${from}` : ''}.`,
        'Controleer wie er belt voordat u iets voor hen opnieuw instelt.',
      ].join('\n'),
  },
  approverPage: {
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
    pairHeading: 'Dit apparaat koppelen aan de beveiligingsgegevens van {org}?',
    pairWhere: 'Voor {user} · gestart om {time}.',
    pairPick: 'Typ om te koppelen het getal dat op het scherm met beveiligingsgegevens staat.',
    pairNumberLabel: 'Getal op het scherm met beveiligingsgegevens',
    pairNumberMissing: 'Typ het getal van twee cijfers dat op het scherm met beveiligingsgegevens staat.',
    pairApprove: 'Dit apparaat koppelen',
    pairApproved: 'Gekoppeld. Bewaar deze pagina: hier keur je voortaan je wachtwoordherstel goed.',
    pairDenied:
      'Niet gekoppeld. Er is niets opgeslagen; je kunt opnieuw beginnen op het scherm met beveiligingsgegevens.',
    pairTitle: 'Je apparaat koppelen',
  },
  wasntMePage: {
    title: 'Dit was ik niet',
    loading: 'De link wordt gecontroleerd…',
    passwordReset: 'Het wachtwoord van je account is opnieuw ingesteld op {time}.',
    passwordChanged: 'Het wachtwoord van je account is gewijzigd op {time}.',
    accountUnlocked: 'Je account is ontgrendeld op {time}.',
    securityInfoChanged: 'Je beveiligingsgegevens zijn gewijzigd op {time}.',
    question: 'Was jij dit niet?',
    explain:
      'Bevestig dat hieronder. Selfservice voor herstellen, ontgrendelen en wijzigen van je wachtwoord stopt dan ' +
      'voor je account tot je beheerder het heeft gecontroleerd, en de helpdesk wordt gewaarschuwd.',
    confirm: 'Bevestigen: dit was ik niet',
    working: 'Bezig met bevestigen…',
    confirmed: 'Bedankt. Selfservice is gestopt voor je account en de helpdesk is gewaarschuwd.',
    mustChange: 'Je account moet bovendien bij de volgende aanmelding een nieuw wachtwoord krijgen.',
    disabled: 'Je account is bovendien uitgeschakeld.',
    next: 'Neem contact op met je beheerder om weer toegang te krijgen tot je account.',
    invalid:
      'Deze link werkt niet: hij is onvolledig, verlopen of al gebruikt. Er is niets gewijzigd. Maak je je zorgen ' +
      'over je account? Neem dan contact op met je beheerder.',
    failed: 'Er ging iets mis en er is niets gewijzigd. Probeer het later opnieuw of neem contact op met je beheerder.',
  },
};
