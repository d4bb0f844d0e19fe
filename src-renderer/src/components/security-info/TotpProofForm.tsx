import { useEffect } from 'react';
import { Field, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { RegistrationProof } from '@resetdesk/shared';
import { CodeInput, useCodeEntry } from '../CodeEntry';
import { FormActions } from '../FormActions';
import { useFormStyles } from '../form-styles';
import { ScreenFrame } from '../ScreenFrame';
import { useI18n } from '../../i18n/i18n-context';
import { useResetFlow, useResetFlowStore } from '../../state/store-context';

type TotpProof = Extract<RegistrationProof, { kind: 'totp' }>;

const useStyles = makeStyles({
  qr: { width: '200px', height: '200px', backgroundColor: '#ffffff', alignSelf: 'flex-start' },
  secret: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase400, letterSpacing: '0.05em' },
  uri: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

/** The secret in groups of four, as apps show it (the spaces are for reading; apps ignore them). */
export function groupedSecret(secret: string): string {
  return secret.replace(/=+$/u, '').match(/.{1,4}/gu)?.join(' ') ?? secret;
}

/**
 * The screen of a new authenticator app secret, as a QR code to scan and as text to type, and the field for the
 * app's first code: only the right one saves it. The QR code is the server's SVG as a data: image (the CSP allows
 * data: images, and an image cannot run anything the markup might hold).
 */
export function TotpProofForm({ proof }: { proof: TotpProof }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const own = useStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const { code, setCode, wrongLength, ref, submit } = useCodeEntry(
    proof.codeLength,
    (digits) => store.getState().confirmRegistration(digits),
    () => store.getState().stepError !== null,
  );
  const words = t.m.securityInfo.totpProof;
  const qrSource = `data:image/svg+xml;base64,${btoa(proof.qrSvg)}`;
  useEffect(() => ref.current?.focus(), [ref]);

  let message: string | undefined;
  if (wrongLength) message = t.format(words.codeRequired, { length: proof.codeLength });
  else if (stepError?.code === 'TOTP_ENROLLMENT_CODE_INVALID') {
    const left = stepError.details?.attemptsLeft ?? proof.attemptsLeft;
    message = `${t.m.errors.TOTP_ENROLLMENT_CODE_INVALID.title}. ${t.plural(t.m.enterCode.attemptsLeft, left)}`;
  } else if (stepError) message = `${t.m.errors[stepError.code].title}. ${t.m.errors[stepError.code].action}`;

  return (
    <ScreenFrame screen="confirmRegistration" heading={words.heading}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Text as="p" className={styles.text}>
          {words.intro}
        </Text>
        <img className={own.qr} src={qrSource} alt={words.qrAlt} data-totp-qr />
        <Text as="p" className={styles.text}>
          {words.cantScan}
        </Text>
        <Text as="p" className={styles.text}>
          {words.secretLabel}{' '}
          <span className={own.secret} data-totp-secret>
            {groupedSecret(proof.secret)}
          </span>
        </Text>
        <Text as="p" className={styles.text}>
          {words.uriLabel} <span className={own.uri}>{proof.otpauthUri}</span>
        </Text>
        <Field
          label={{ children: words.codeLabel, htmlFor: 'registration-totp-code' }}
          validationMessage={message}
          required
        >
          <CodeInput id="registration-totp-code" ref={ref} value={code} onChange={setCode} />
        </Field>
        <FormActions
          submitLabel={t.m.securityInfo.confirm}
          showCancel
          back={{ label: t.m.securityInfo.back, onClick: () => void store.getState().showSecurityInfo() }}
        />
      </form>
    </ScreenFrame>
  );
}
