import { CAPTCHA_ALPHABET, CAPTCHA_GLYPHS } from './captcha-glyphs';

/** Where randomness comes from: crypto.randomInt in production, a seeded source in tests. */
export type RandomInt = (maxExclusive: number) => number;

export interface CaptchaPath {
  d: string;
  strokeWidth: number;
  // 0-3: which of the renderer's colours (all with enough contrast against the background) to draw with.
  shade: number;
}

export interface CaptchaImage {
  width: number;
  height: number;
  paths: CaptchaPath[];
  length: number;
}

export const CAPTCHA_WIDTH = 220;
export const CAPTCHA_HEIGHT = 72;

const round = (n: number) => Math.round(n * 10) / 10;

/** A random value in [min, max) from the integer source (1/1000 steps are plenty for geometry). */
function uniform(random: RandomInt, min: number, max: number): number {
  return min + ((max - min) * random(1000)) / 1000;
}

export function randomCaptchaText(random: RandomInt, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += CAPTCHA_ALPHABET[random(CAPTCHA_ALPHABET.length)];
  return text;
}

/**
 * Draws `text` as SVG paths: every glyph is scaled, rotated and jittered on its own, then crossed by noise curves and
 * specks. There is no text element, so reading the picture means recognising shapes.
 */
export function drawCaptcha(text: string, random: RandomInt): CaptchaImage {
  const paths: CaptchaPath[] = [];
  const slot = (CAPTCHA_WIDTH - 20) / text.length;
  [...text].forEach((ch, index) => {
    const glyph = CAPTCHA_GLYPHS[ch];
    if (!glyph) throw new Error('character outside the CAPTCHA alphabet');
    const scale = uniform(random, 2.6, 3.3);
    const angle = uniform(random, -0.35, 0.35);
    const cx = 10 + slot * index + slot / 2 + uniform(random, -3, 3);
    const cy = CAPTCHA_HEIGHT / 2 + uniform(random, -5, 5);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    for (const stroke of glyph) {
      const points = stroke.map(([gx, gy]) => {
        const x = (gx - 5 + uniform(random, -0.5, 0.5)) * scale;
        const y = (gy - 7 + uniform(random, -0.5, 0.5)) * scale;
        return [round(cx + x * cos - y * sin), round(cy + x * sin + y * cos)] as const;
      });
      const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');
      paths.push({ d, strokeWidth: round(uniform(random, 2.2, 3.2)), shade: random(2) });
    }
  });
  // Curves across the whole picture at glyph stroke width: segmenting by stroke width alone does not separate them.
  for (let i = 0; i < 4; i++) {
    const y0 = uniform(random, 8, CAPTCHA_HEIGHT - 8);
    const y1 = uniform(random, 8, CAPTCHA_HEIGHT - 8);
    const cy = uniform(random, -20, CAPTCHA_HEIGHT + 20);
    const d = `M0 ${round(y0)} Q${round(uniform(random, 40, 180))} ${round(cy)} ${CAPTCHA_WIDTH} ${round(y1)}`;
    paths.push({ d, strokeWidth: round(uniform(random, 1, 2.4)), shade: 2 + random(2) });
  }
  for (let i = 0; i < 24; i++) {
    const x = uniform(random, 2, CAPTCHA_WIDTH - 4);
    const y = uniform(random, 2, CAPTCHA_HEIGHT - 4);
    const d = `M${round(x)} ${round(y)} L${round(x + uniform(random, 1, 4))} ${round(y + uniform(random, -2, 2))}`;
    paths.push({ d, strokeWidth: round(uniform(random, 1, 2)), shade: random(4) });
  }
  // Shuffle, so the order of the paths does not spell the answer.
  for (let i = paths.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [paths[i], paths[j]] = [paths[j] as CaptchaPath, paths[i] as CaptchaPath];
  }
  return { width: CAPTCHA_WIDTH, height: CAPTCHA_HEIGHT, paths, length: text.length };
}
