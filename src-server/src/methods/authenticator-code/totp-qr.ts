import QRCode from 'qrcode';

/**
 * The otpauth URI as a QR code in SVG markup. Markup, not an image URL: it can be put inline in the page (or, since
 * the wizard's and the server's CSPs both allow `img-src data:`, in an <img> as a data: URL) with no script, no
 * external reference and no style element, so no CSP directive is loosened for it. qrcode draws paths only.
 */
export async function otpauthQrSvg(otpauthUri: string): Promise<string> {
  return QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
