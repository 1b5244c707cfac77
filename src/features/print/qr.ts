/**
 * QR codes drawn on the server (no image requests, no script): an accessible inline SVG for the
 * HTML kit and the module matrix for the PDF.
 */
// Loaded with the first QR code drawn, not at start-up: only print kits and authenticator
// enrolment need it (decision 011).
const loadQrCode = () => import('qrcode').then((m) => m.default);

/** Escapes text for an XML attribute or element. */
const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An SVG QR code for `url`, announced as an image named `label`. */
export async function qrSvg(url: string, label: string): Promise<string> {
  const QRCode = await loadQrCode();
  const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return svg
    .replace(/^[\s\S]*?<svg /, `<svg role="img" aria-label="${xml(label)}" class="kit-qr" `)
    .replace(/(<svg[^>]*>)/, `$1<title>${xml(label)}</title>`);
}

/** A QR code's modules: its size and whether the module at (x, y) is dark. */
export interface QrMatrix {
  size: number;
  dark: (x: number, y: number) => boolean;
}

/** The QR modules for `url`. */
export async function qrMatrix(url: string): Promise<QrMatrix> {
  const QRCode = await loadQrCode();
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (x, y) => modules.get(y, x) === 1 };
}
