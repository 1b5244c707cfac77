/**
 * QR codes drawn on the server (no image requests, no script): an accessible inline SVG for the
 * HTML kit and the module matrix for the PDF.
 */
import QRCode from 'qrcode';

/** Escapes text for an XML attribute or element. */
const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An SVG QR code for `url`, announced as an image named `label`. */
export async function qrSvg(url: string, label: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return svg
    .replace(/^[\s\S]*?<svg /, `<svg role="img" aria-label="${xml(label)}" class="kit-qr" `)
    .replace(/(<svg[^>]*>)/, `$1<title>${xml(label)}</title>`);
}

/** The QR modules for `url`: size and a row-major dark/light array. */
export function qrMatrix(url: string): { size: number; dark: (x: number, y: number) => boolean } {
  const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (x, y) => modules.get(y, x) === 1 };
}
