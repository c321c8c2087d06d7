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
