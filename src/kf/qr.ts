import { Resvg } from '@resvg/resvg-js';
import qrcode from 'qrcode-generator';

/** A QR code of `url` as PNG: medium error correction, large modules, so a phone reads it off a printed notice. */
export function qrPng(url: string): Buffer {
  const qr = qrcode(0, 'M');
  qr.addData(url, 'Byte');
  qr.make();
  const svg = qr.createSvgTag({ cellSize: 12, margin: 4 });
  return new Resvg(svg, { background: '#ffffff' }).render().asPng();
}
