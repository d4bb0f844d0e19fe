import { useEffect, useRef, useState } from 'react';
import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { CaptchaChallenge, CaptchaSolution } from '@resetdesk/shared';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';
import { solveProofOfWork } from './proof-of-work';

const useStyles = makeStyles({
  fieldset: { border: 'none', margin: '0', padding: '0', display: 'flex', flexDirection: 'column', gap: '8px' },
  legend: { padding: '0', marginBottom: '4px', fontWeight: tokens.fontWeightSemibold },
  picture: { backgroundColor: '#f5f5f5', border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: '4px' },
  row: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
});

// Dark strokes on a light background: every shade keeps more than 4.5:1 contrast, so the glyphs stay readable.
const SHADES = ['#1b1b1b', '#0b3d6e', '#4a4a4a', '#7a2e0b'] as const;

export interface CaptchaFieldProps {
  challenge: CaptchaChallenge;
  problem: 'required' | 'invalid' | null;
  onSolution(solution: CaptchaSolution | undefined): void;
}

/**
 * The username step's CAPTCHA: a server-drawn picture of characters to type, a new picture on request, and for people
 * who cannot see it a proof of work the device computes instead.
 */
export function CaptchaField({ challenge, problem, onSolution }: CaptchaFieldProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const loadCaptcha = useResetFlow((s) => s.loadCaptcha);
  const [text, setText] = useState('');
  const [work, setWork] = useState<'idle' | 'solving' | 'solved'>('idle');
  const { image } = challenge;
  // It appears because the user ID step was refused without it (or a new one after a wrong answer): focus moves
  // here so a keyboard or screen-reader user lands on what to do next; UsernameScreen announces why.
  const textRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    textRef.current?.focus();
  }, []);

  async function verifyWithDevice() {
    setWork('solving');
    const nonce = await solveProofOfWork(challenge.proofOfWork.salt, challenge.proofOfWork.difficultyBits);
    onSolution({ id: challenge.id, proofOfWorkNonce: nonce });
    setWork('solved');
  }

  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>{t.m.captcha.legend}</legend>
      <Text as="p" id="captcha-intro">
        {t.m.captcha.intro}
      </Text>
      <svg
        role="img"
        aria-label={t.m.captcha.imageLabel}
        className={styles.picture}
        width={image.width}
        height={image.height}
        viewBox={`0 0 ${image.width} ${image.height}`}
      >
        {image.paths.map((path, index) => (
          <path
            key={index}
            d={path.d}
            fill="none"
            stroke={SHADES[path.shade] ?? SHADES[0]}
            strokeWidth={path.strokeWidth}
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        ))}
      </svg>
      <Field
        label={{ children: t.m.captcha.label, htmlFor: 'captcha-text' }}
        validationMessage={problem ? t.m.captcha[problem] : undefined}
      >
        <Input
          id="captcha-text"
          ref={textRef}
          value={text}
          disabled={work !== 'idle'}
          maxLength={16}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-describedby="captcha-intro"
          onChange={(_, data) => {
            setText(data.value);
            onSolution(data.value.trim() === '' ? undefined : { id: challenge.id, text: data.value.trim() });
          }}
        />
      </Field>
      <div className={styles.row}>
        <Button type="button" size="small" onClick={() => void loadCaptcha()} disabled={work === 'solving'}>
          {t.m.captcha.newImage}
        </Button>
        <Button
          type="button"
          size="small"
          appearance="subtle"
          aria-describedby="captcha-no-sight-hint"
          // Focusable while disabled: pressing it must not drop focus to the page; the status below says how it goes.
          disabledFocusable={work !== 'idle'}
          onClick={() => void verifyWithDevice()}
        >
          {t.m.captcha.noSight}
        </Button>
      </div>
      <Text as="p" size={200} id="captcha-no-sight-hint">
        {t.m.captcha.noSightHint}
      </Text>
      <div role="status" aria-live="polite">
        {work === 'solving' && t.m.captcha.solving}
        {work === 'solved' && t.m.captcha.solved}
      </div>
    </fieldset>
  );
}
