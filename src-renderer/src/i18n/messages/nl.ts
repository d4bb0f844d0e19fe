import type { Messages } from './messages-type';

/** Dutch texts, in the informal "je" form that Microsoft uses for Dutch sign-in screens. */
export const nl: Messages = {
  app: {
    title: 'Terug naar je account',
    documentTitle: '{screen} – Terug naar je account',
    working: 'Even geduld…',
    stepIndicator: 'Stap {step} van {total}',
    gateIndicator: 'Verificatie {gate} van {total}',
    cancel: 'Annuleren',
    next: 'Volgende',
  },
  language: {
    label: 'Taal',
    en: 'English',
    nl: 'Nederlands',
    managed: 'Ingesteld door je organisatie',
  },
  idle: {
    title: 'Ben je er nog?',
    countdown: {
      one: 'Voor je veiligheid eindigt deze sessie over {count} seconde en wordt alles wat je hebt getypt gewist.',
      other: 'Voor je veiligheid eindigt deze sessie over {count} seconden en wordt alles wat je hebt getypt gewist.',
    },
    stay: 'Ik ben er nog',
  },
  username: {
    heading: 'Wie ben je?',
    intro: 'Voer eerst je gebruikers-id in om je account te herstellen.',
    label: 'Gebruikers-id:',
    hint: 'Voorbeeld: iemand@{domain}',
    hintNoDomain: 'Je gebruikers-ID of e-mailadres van je werk',
    required: 'Voer je gebruikers-id in.',
    tooLong: 'Deze gebruikers-id is te lang.',
  },
  captcha: {
    legend: 'Bewijs dat je een persoon bent',
    intro: 'Voer de tekens in die je op de afbeelding ziet.',
    imageLabel: 'Afbeelding met vervormde tekens',
    label: 'Tekens:',
    newImage: 'Toon een andere afbeelding',
    noSight: 'Kun je de afbeelding niet zien? Verifieer in plaats daarvan met dit apparaat',
    noSightHint:
      'Je apparaat lost in plaats daarvan een kleine puzzel op. Dit duurt een paar seconden, en langer na meerdere mislukte pogingen.',
    solving: 'Bezig met verifiëren met dit apparaat…',
    solved: 'Dit apparaat is geverifieerd. Selecteer Volgende om door te gaan.',
    required: 'Voer de tekens van de afbeelding in.',
    whyShown: 'Om accounts te beschermen na mislukte pogingen, controleren we eerst of je een persoon bent.',
    invalid: 'Dat klopte niet. Probeer het opnieuw met de nieuwe afbeelding.',
  },
  help: {
    ask: 'Vraag de helpdesk om contact met me op te nemen',
    sent: 'Je verzoek is naar de helpdesk gestuurd. Ze nemen contact met je op.',
    failed: 'We konden je verzoek niet versturen. Gebruik de contactlink of probeer het later opnieuw.',
  },
  signIn: {
    optionsLabel: 'Andere opties',
    resetPassword: 'Wachtwoord opnieuw instellen',
    unlockAccount: 'Ik weet mijn wachtwoord, maar mijn account is vergrendeld',
    changePassword: 'Wachtwoord wijzigen',
  },
  chooseMethod: {
    heading: 'Bevestig je identiteit',
    label: 'Kies de contactmethode die we moeten gebruiken voor verificatie:',
    email: 'Stuur een e-mail naar mijn alternatieve e-mailadres',
    emailDetail: 'Je ontvangt een e-mail met een verificatiecode op je alternatieve e-mailadres ({target}).',
    required: 'Kies een contactmethode.',
  },
  enterCode: {
    heading: 'Voer je verificatiecode in',
    sent: 'We hebben een e-mailbericht met een verificatiecode naar je inbox gestuurd.',
    sentTo: 'De code is verstuurd naar {target}.',
    label: 'Voer je verificatiecode in',
    expires: 'De code verloopt om {time}.',
    wrongLength: 'Voer de code van {length} cijfers uit de e-mail in.',
    invalid: 'Die code klopt niet.',
    attemptsLeft: {
      one: 'Je hebt nog {count} poging.',
      other: 'Je hebt nog {count} pogingen.',
    },
  },
  methods: {
    smsLabel: 'Sms naar mijn mobiele telefoon',
    smsDetail: 'Je ontvangt een sms met een verificatiecode op je mobiele telefoon ({target}).',
    voiceLabel: 'Bel mijn telefoon',
    voiceDetail: 'We bellen je telefoon ({target}). Neem op en druk op # om goed te keuren.',
    questionsLabel: 'Mijn beveiligingsvragen beantwoorden',
    questionsDetail: 'Beantwoord beveiligingsvragen die je eerder hebt ingesteld.',
    totpLabel: 'Een code uit mijn authenticator-app invoeren',
    totpDetail: 'Open je authenticator-app en voer de code van 6 cijfers in die bij je werkaccount staat.',
    approvalLabel: 'Een melding in mijn authenticator-app goedkeuren',
    approvalDetail: 'Keur het verzoek goed op {target} door het getal te typen dat we je laten zien.',
  },
  codeMethods: {
    smsSent: 'We hebben een sms met een verificatiecode naar je telefoon gestuurd.',
    smsWrongLength: 'Voer de code van {length} cijfers uit de sms in.',
    totpHeading: 'Voer de code uit je authenticator-app in',
    totpIntro: 'Open je authenticator-app en voer de code in die bij je werkaccount staat.',
    totpWrongLength: 'Voer de code van {length} cijfers uit je authenticator-app in.',
    totpExpires: 'De codes in de app veranderen elke 30 seconden; elke actuele code werkt.',
    resend: 'Stuur een nieuwe code',
    resendsLeft: {
      one: 'Niets ontvangen? Kijk in je map met ongewenste e-mail of wacht een minuut. Je kunt nog {count} code aanvragen.',
      other: 'Niets ontvangen? Kijk in je map met ongewenste e-mail of wacht een minuut. Je kunt nog {count} codes aanvragen.',
    },
    smsResendsLeft: {
      one: 'Niets ontvangen? Controleer of je telefoon bereik heeft, of wacht een minuut. Je kunt nog {count} code aanvragen.',
      other: 'Niets ontvangen? Controleer of je telefoon bereik heeft, of wacht een minuut. Je kunt nog {count} codes aanvragen.',
    },
    noResendsLeft: 'Er kunnen geen codes meer worden verstuurd. Voer de laatst ontvangen code in, of annuleer en kies een andere methode.',
  },
  questions: {
    heading: 'Beantwoord je beveiligingsvragen',
    intro: 'Beantwoord de vragen hieronder zoals je deed toen je ze instelde. Hoofdletters en extra spaties maken niet uit.',
    answerRequired: 'Beantwoord elke vraag.',
    rejected: 'Je antwoorden zijn niet geaccepteerd. We hebben opnieuw vragen gekozen.',
    attemptsLeft: {
      one: 'Je hebt nog {count} poging.',
      other: 'Je hebt nog {count} pogingen.',
    },
    keys: {
      firstSchoolCity: 'In welke plaats ging je naar de basisschool?',
      childhoodBestFriend: 'Wat was de voornaam van je beste vriend of vriendin als kind?',
      firstPetName: 'Hoe heette je eerste huisdier?',
      parentsMeetingCity: 'In welke plaats hebben je ouders elkaar ontmoet?',
      firstConcertArtist: 'Wie trad op bij het eerste concert waar je naartoe ging?',
      favouriteChildhoodBook: 'Wat was als kind je lievelingsboek?',
      firstCarModel: 'Wat was het merk en model van je eerste auto?',
      grandmotherMaidenName: 'Wat is de meisjesnaam van je oma?',
    },
  },
  voice: {
    heading: 'We bellen je telefoon',
    intro: 'We bellen {target}. Neem op en druk op # om goed te keuren.',
    waiting: 'We wachten tot je de oproep beantwoordt…',
    timeout: 'De oproep stopt om {time} als er niet wordt opgenomen.',
    secondsLeft: { one: 'Nog {count} seconde', other: 'Nog {count} seconden' },
  },
  approval: {
    heading: 'Keur het verzoek goed in je authenticator-app',
    intro: 'We hebben een verzoek gestuurd naar de authenticator-app op je apparaat ({target}). Open het en typ dit getal om goed te keuren:',
    numberLabel: 'Te typen getal',
    waiting: 'We wachten tot je het verzoek goedkeurt…',
    timeout: 'Het verzoek verloopt om {time}.',
    secondsLeft: { one: 'Nog {count} seconde', other: 'Nog {count} seconden' },
  },
  newPassword: {
    heading: 'Kies een nieuw wachtwoord',
    newLabel: 'Voer een nieuw wachtwoord in:',
    confirmLabel: 'Bevestig het nieuwe wachtwoord:',
    submit: 'Wachtwoord opnieuw instellen',
    requirements: 'Je nieuwe wachtwoord moet:',
    hintMet: 'Voldaan:',
    hintUnmet: 'Nog niet voldaan:',
    notValid: 'Je nieuwe wachtwoord voldoet nog niet aan alle eisen.',
    confirmRequired: 'Voer je nieuwe wachtwoord nog een keer in.',
    mismatch: 'De wachtwoorden komen niet overeen.',
    rejected: 'Het nieuwe wachtwoord is niet geaccepteerd:',
    verdictChecking: 'Het wachtwoord wordt gecontroleerd bij je organisatie…',
    verdictAccepted: 'Je organisatie accepteert dit wachtwoord.',
    verdictRefused: 'Je organisatie accepteert dit wachtwoord niet:',
  },
  strength: {
    label: 'Wachtwoordsterkte',
    text: 'Sterkte: {level}',
    levels: { s0: 'zeer zwak', s1: 'zwak', s2: 'redelijk', s3: 'sterk', s4: 'zeer sterk' },
  },
  passwordRules: {
    minLength: { one: 'Minstens {count} teken lang zijn', other: 'Minstens {count} tekens lang zijn' },
    maxLength: { one: 'Hoogstens {count} teken lang zijn', other: 'Hoogstens {count} tekens lang zijn' },
    characterClasses: {
      one: 'Minstens {count} van deze soorten bevatten: kleine letters, hoofdletters, cijfers, symbolen',
      other: 'Minstens {count} van deze soorten bevatten: kleine letters, hoofdletters, cijfers, symbolen',
    },
    noUserName: 'Je naam of gebruikers-id niet bevatten',
    validCharacters: 'Geen besturingstekens bevatten',
  },
  passwordReasons: {
    TOO_SHORT: 'Het is te kort.',
    TOO_LONG: 'Het is te lang.',
    MISSING_CHARACTER_CLASSES:
      'Het bevat te weinig soorten tekens (kleine letters, hoofdletters, cijfers, symbolen).',
    CONTAINS_USER_NAME: 'Het bevat je naam of gebruikers-id.',
    BANNED_PASSWORD: 'Het komt te vaak voor of is te makkelijk te raden. Kies een wachtwoord dat moeilijker te raden is.',
    INVALID_CHARACTERS: 'Het bevat tekens die niet zijn toegestaan.',
    BREACHED_PASSWORD: 'Het is bekend uit datalekken of lijsten met veelgebruikte wachtwoorden; aanvallers proberen het als eerste.',
    PASSWORD_IN_HISTORY: 'Je hebt het onlangs gebruikt. Kies een wachtwoord dat je nog niet eerder hebt gebruikt.',
  },
  passwordFindings: {
    banned: 'Het bevat {terms}: {points} van de {needed} benodigde punten.',
    quote: '„{term}”',
    and: ' en ',
  },
  done: {
    heading: 'Je wachtwoord is opnieuw ingesteld',
    body: 'Je kunt je nu aanmelden met je nieuwe wachtwoord.',
    finish: 'Voltooien',
  },
  changePassword: {
    heading: 'Je wachtwoord wijzigen',
    intro: 'Voer je oude wachtwoord in en kies daarna een nieuw wachtwoord.',
    user: 'Gebruikers-id: {username}',
    oldLabel: 'Oud wachtwoord:',
    oldRequired: 'Voer je oude wachtwoord in.',
    newLabel: 'Nieuw wachtwoord:',
    confirmLabel: 'Bevestig het nieuwe wachtwoord:',
    submit: 'Wachtwoord wijzigen',
  },
  unlockDone: {
    heading: 'Je account is ontgrendeld',
    body: 'Je kunt je nu aanmelden met je huidige wachtwoord. Het is niet gewijzigd.',
  },
  changeDone: {
    heading: 'Je wachtwoord is gewijzigd',
    body: 'Je kunt je nu aanmelden met je nieuwe wachtwoord.',
  },
  error: {
    startOver: 'Opnieuw beginnen',
    contactAdminNewWindow: 'Neem contact op met je beheerder (opent in een nieuw venster)',
    contactAdminEmail: 'Stuur je beheerder een e-mail',
    unlocksAt: 'Je kunt het opnieuw proberen na {when}.',
    reference: 'Referentie: {id}',
    retryAfter: {
      one: 'Je kunt het over {count} seconde opnieuw proberen.',
      other: 'Je kunt het over {count} seconden opnieuw proberen.',
    },
  },
  errors: {
    INVALID_INPUT: {
      title: 'Iets wat je hebt ingevoerd, is niet geldig',
      action: 'Controleer wat je hebt ingevoerd en probeer het opnieuw.',
    },
    FLOW_EXPIRED: {
      title: 'Je sessie is verlopen',
      action: 'Voor je veiligheid moet je het herstellen binnen een beperkte tijd afronden. Begin opnieuw om het nog eens te proberen.',
    },
    FLOW_STEP_MISMATCH: {
      title: 'Er ging iets mis in de volgorde',
      action: 'De stappen raakten door elkaar, bijvoorbeeld door een tweede venster. Begin opnieuw om het nog eens te proberen.',
    },
    CODE_INVALID: {
      title: 'Die code klopt niet',
      action: 'Controleer de code in de e-mail en voer hem opnieuw in.',
    },
    CODE_EXPIRED: {
      title: 'Je verificatiecode is verlopen',
      action: 'Een code is maar korte tijd geldig. Begin opnieuw om een nieuwe code te ontvangen.',
    },
    CODE_ATTEMPTS_EXCEEDED: {
      title: 'Te vaak een verkeerde poging',
      action: 'Voor je veiligheid is deze methode voorlopig geblokkeerd. Begin opnieuw en kies een andere methode, of probeer het later nog eens.',
    },
    RESEND_LIMIT_REACHED: {
      title: 'We kunnen geen codes meer sturen',
      action: 'Je hebt het maximale aantal codes aangevraagd. Begin opnieuw en kies een andere methode, of probeer het later nog eens.',
    },
    ANSWERS_REJECTED: {
      title: 'Je antwoorden zijn niet geaccepteerd',
      action: 'Controleer je antwoorden en probeer het opnieuw.',
    },
    CALL_NOT_ANSWERED: {
      title: 'De oproep is niet beantwoord',
      action: 'We hebben je goedkeuring via de oproep niet ontvangen. Begin opnieuw om weer gebeld te worden, of kies een andere methode.',
    },
    APPROVAL_DENIED: {
      title: 'Het verzoek is geweigerd',
      action:
        'Het verzoek is geweigerd in je authenticator-app, of er is een ander getal gekozen. Heb je dit herstel niet zelf gestart? Neem dan contact op met je beheerder.',
    },
    APPROVAL_EXPIRED: {
      title: 'Het verzoek is verlopen',
      action: 'Het verzoek is niet op tijd goedgekeurd. Begin opnieuw om een nieuw verzoek te sturen.',
    },
    METHOD_UNAVAILABLE: {
      title: 'Deze contactmethode kan niet worden gebruikt',
      action: 'Begin opnieuw en kies een andere contactmethode.',
    },
    PASSWORD_REJECTED: {
      title: 'Je nieuwe wachtwoord is niet geaccepteerd',
      action: 'Kies een wachtwoord dat aan alle eisen voldoet.',
    },
    ACCOUNT_NOT_ENABLED: {
      title: 'Je account is niet ingesteld voor wachtwoordherstel',
      action: 'Je organisatie heeft wachtwoordherstel niet ingesteld voor je account. Neem contact op met je beheerder.',
    },
    ACCOUNT_NOT_VERIFIABLE: {
      title: 'We kunnen je account niet verifiëren',
      action: 'Er is geen contactmethode geregistreerd voor je account. Neem contact op met je beheerder om je wachtwoord opnieuw in te stellen.',
    },
    CONTACT_ADMIN: {
      title: 'We kunnen je wachtwoord hier niet opnieuw instellen',
      action: 'Je account wordt ergens anders beheerd. Neem contact op met je beheerder om je wachtwoord opnieuw in te stellen.',
    },
    CREDENTIALS_INVALID: {
      title: 'Je gebruikers-id of wachtwoord klopt niet',
      action: 'Controleer je gebruikers-id en je oude wachtwoord en probeer het opnieuw. Te veel pogingen vergrendelen je account.',
    },
    PASSWORD_REUSED: {
      title: 'Je kunt je huidige wachtwoord niet opnieuw gebruiken',
      action: 'Kies een nieuw wachtwoord dat verschilt van je huidige wachtwoord.',
    },
    ACCOUNT_NOT_LOCKED: {
      title: 'Je account is niet vergrendeld',
      action:
        'Je kunt gewoon aanmelden met je wachtwoord. Ben je het vergeten? Begin opnieuw en kies Wachtwoord opnieuw instellen.',
    },
    ACCOUNT_LOCKED: {
      title: 'Je account is vergrendeld',
      action: 'Begin opnieuw en kies "Ik weet mijn wachtwoord, maar mijn account is vergrendeld" om het eerst te ontgrendelen.',
    },
    UNLOCK_NOT_ALLOWED: {
      title: 'Je account ontgrendelen kan hier niet',
      action:
        'Je organisatie staat ontgrendelen hier niet toe. Begin opnieuw en kies Wachtwoord opnieuw instellen, of neem contact op met je beheerder.',
    },
    CHANGE_NOT_ALLOWED: {
      title: 'Je wachtwoord wijzigen kan hier niet',
      action:
        'Je organisatie staat wijzigen hier niet toe. Wijzig het nadat je bent aangemeld, of neem contact op met je beheerder.',
    },
    RATE_LIMITED: {
      title: 'Te veel pogingen',
      action: 'Voor je veiligheid is het opnieuw instellen van je wachtwoord tijdelijk geblokkeerd voor je account of dit apparaat.',
    },
    TOO_MANY_RESETS: {
      title: 'Je wachtwoord is te vaak opnieuw ingesteld',
      action: 'Voor je veiligheid kan een wachtwoord maar een paar keer per uur opnieuw worden ingesteld. Probeer het later opnieuw of neem contact op met je beheerder.',
    },
    CAPTCHA_REQUIRED: {
      title: 'Bewijs dat je een persoon bent',
      action: 'Begin opnieuw en beantwoord de controle bij de eerste stap.',
    },
    CAPTCHA_INVALID: {
      title: 'De controle is niet goed beantwoord',
      action: 'Begin opnieuw en probeer het met een nieuwe afbeelding.',
    },
    DEVICE_NOT_ALLOWED: {
      title: 'Wachtwoord opnieuw instellen is niet beschikbaar op dit apparaat',
      action: 'Je organisatie staat dit alleen toe vanaf goedgekeurde apparaten of netwerken. Gebruik een ander apparaat of neem contact op met je beheerder.',
    },
    DIRECTORY_ERROR: {
      title: 'We konden je wachtwoord niet wijzigen',
      action: 'Je wachtwoord is niet gewijzigd. Probeer het later opnieuw of neem contact op met je beheerder.',
    },
    DELIVERY_FAILED: {
      title: 'We konden je verificatiecode niet versturen',
      action: 'Probeer het over een paar minuten opnieuw. Blijft het misgaan, neem dan contact op met je beheerder.',
    },
    SERVER_UNREACHABLE: {
      title: 'We kunnen de service voor wachtwoordherstel niet bereiken',
      action: 'Controleer of dit apparaat met het netwerk is verbonden en begin dan opnieuw.',
    },
    SERVER_TIMEOUT: {
      title: 'De service voor wachtwoordherstel reageert te traag',
      action: 'De service heeft niet op tijd gereageerd. Wacht even en begin dan opnieuw.',
    },
    SERVER_BAD_RESPONSE: {
      title: 'De service voor wachtwoordherstel gaf een onverwacht antwoord',
      action: 'Probeer het later opnieuw. Neem contact op met je beheerder als dit blijft gebeuren.',
    },
    CONFIG_INVALID: {
      title: 'Wachtwoordherstel is niet goed ingesteld op dit apparaat',
      action: 'De configuratie van deze app ontbreekt of is ongeldig. Neem contact op met je beheerder.',
    },
    SENDER_REJECTED: {
      title: 'Dit verzoek is geblokkeerd',
      action: 'Voor je veiligheid heeft de app een verzoek van een onverwachte bron geweigerd. Start de app opnieuw en probeer het nog eens.',
    },
    INTERNAL: {
      title: 'Er is iets misgegaan',
      action: 'Er is een onverwachte fout opgetreden. Begin opnieuw of probeer het later nog eens.',
    },
    KEYCHAIN_UNAVAILABLE: {
      title: 'Dit apparaat kan zijn beveiligde opslag niet openen',
      action:
        'De app bewaart de sleutel van dit apparaat in de sleutelhanger van het systeem, maar die ontbreekt, is vergrendeld of weigert toegang. Meld je aan om hem te ontgrendelen, of neem contact op met je beheerder.',
    },
    DEVICE_NOT_TRUSTED: {
      title: 'Dit apparaat mag geen wachtwoorden herstellen',
      action:
        'Je organisatie accepteert alleen geregistreerde apparaten, en dit apparaat is niet (meer) geregistreerd. Controleer de datum en tijd van dit apparaat, of neem contact op met je beheerder.',
    },
    ENROLLMENT_TOKEN_INVALID: {
      title: 'Dit apparaat kon niet worden geregistreerd',
      action: 'Het registratietoken van deze app is ongeldig, verlopen of opgebruikt. Neem contact op met je beheerder.',
    },
  },
};
