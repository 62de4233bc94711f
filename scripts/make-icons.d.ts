// Types of scripts/make-icons.js for the TypeScript tests.

export interface RgbaImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row by row. */
  data: Buffer;
}

/** The manifest's accent colour, which the colour icon's background uses. */
export const ACCENT: string;
export function drawColorIcon(): RgbaImage;
export function drawOutlineIcon(): RgbaImage;
/** The encoded PNGs by file name (color.png, outline.png). */
export function makeIcons(): Record<string, Buffer>;
