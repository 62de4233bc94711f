// The two app icons: the sizes and colour rules Teams enforces at upload, and that the committed
// PNGs are what scripts/make-icons.js draws (so they can be regenerated, not hand-edited).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { drawColorIcon, drawOutlineIcon } from '../../../scripts/make-icons';
import { iconProblems, MANIFEST_DIR } from '../../../scripts/package-app';

const bytes = (name: string) => readFileSync(path.join(MANIFEST_DIR, name));
const png = (name: string) => PNG.sync.read(bytes(name));

function alphaHistogram(image: { data: Buffer }) {
  let transparent = 0, partial = 0, opaque = 0;
  for (let i = 3; i < image.data.length; i += 4) {
    const a = image.data[i];
    if (a === 0) transparent++;
    else if (a === 255) opaque++;
    else partial++;
  }
  return { transparent, partial, opaque };
}

describe('the colour icon', () => {
  it('is a 192×192 PNG without any transparency', () => {
    const image = png('color.png');
    expect([image.width, image.height]).toEqual([192, 192]);
    expect(alphaHistogram(image)).toEqual({ transparent: 0, partial: 0, opaque: 192 * 192 });
    expect(iconProblems('color', bytes('color.png'), 'color.png')).toEqual([]);
  });

  it('is what scripts/make-icons.js draws', () => {
    expect(png('color.png').data.equals(drawColorIcon().data)).toBe(true);
  });
});

describe('the outline icon', () => {
  it('is a 32×32 PNG', () => {
    const image = png('outline.png');
    expect([image.width, image.height]).toEqual([32, 32]);
  });

  it('is only white on a really transparent background', () => {
    const image = png('outline.png');
    const notWhite: number[] = [];
    for (let i = 0; i < image.data.length; i += 4) {
      const [r, g, b, a] = image.data.subarray(i, i + 4);
      if (a > 0 && (r !== 255 || g !== 255 || b !== 255)) notWhite.push(i / 4);
    }
    expect(notWhite).toEqual([]);
    const alpha = alphaHistogram(image);
    // Most of the square is background; the mark itself is solid white with soft edges.
    expect(alpha.transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(alpha.opaque).toBeGreaterThan(100);
    expect(iconProblems('outline', bytes('outline.png'), 'outline.png')).toEqual([]);
  });

  it('is what scripts/make-icons.js draws', () => {
    expect(png('outline.png').data.equals(drawOutlineIcon().data)).toBe(true);
  });
});

describe('the icon checks of the packaging command', () => {
  it('refuse a wrong size, a transparent colour icon and a coloured or opaque outline icon', () => {
    const image = (size: number, rgba: [number, number, number, number]) => {
      const out = new PNG({ width: size, height: size });
      for (let i = 0; i < out.data.length; i += 4) out.data.set(rgba, i);
      return PNG.sync.write(out);
    };
    expect(iconProblems('color', image(96, [27, 94, 122, 255]), 'color.png')).toEqual([
      'color.png: the colour icon must be 192×192 pixels, not 96×96.',
    ]);
    expect(iconProblems('color', image(192, [27, 94, 122, 0]), 'color.png')).toEqual([
      `color.png: the colour icon must be opaque; ${192 * 192} pixels are (partly) transparent.`,
    ]);
    expect(iconProblems('outline', image(32, [0, 0, 0, 255]), 'outline.png')).toEqual([
      `outline.png: the outline icon may only be white on transparent; ${32 * 32} pixels have colour.`,
      'outline.png: the outline icon needs a transparent background.',
    ]);
    expect(iconProblems('outline', Buffer.from('not a png'), 'outline.png')).toEqual([
      expect.stringMatching(/^outline\.png: not a PNG/),
    ]);
  });
});
