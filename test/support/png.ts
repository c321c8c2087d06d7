import { PNG } from 'pngjs';

/** Size, distinct colours and the share of pixels that are not white: a blank or broken render fails. */
export function inspectPng(png: Buffer) {
  const image = PNG.sync.read(png);
  const colours = new Set<number>();
  let inked = 0;
  for (let i = 0; i < image.data.length; i += 4) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    colours.add((r << 16) | (g << 8) | b);
    if (r < 240 || g < 240 || b < 240) inked++;
  }
  return {
    width: image.width,
    height: image.height,
    colours: colours.size,
    inked: inked / (image.width * image.height),
  };
}

/** How many pixels in rows `fromRow`… (to the bottom) are exactly `rgb`. */
export function pixelsOfColour(png: Buffer, rgb: number, fromRow: number): number {
  const image = PNG.sync.read(png);
  let found = 0;
  for (let i = fromRow * image.width * 4; i < image.data.length; i += 4) {
    if (((image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!) === rgb) found++;
  }
  return found;
}

/** The commonest colour other than white: a chart's bars. */
export function commonestInk(png: Buffer): number {
  const image = PNG.sync.read(png);
  const counts = new Map<number, number>();
  for (let i = 0; i < image.data.length; i += 4) {
    const rgb = (image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!;
    if (rgb !== 0xffffff) counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0xffffff;
}
