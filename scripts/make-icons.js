#!/usr/bin/env node
// `node scripts/make-icons.js`: draws the app's two Teams icons with code and writes them to
// manifest/ (color.png 192×192, outline.png 32×32), so they can be regenerated and reviewed
// like any other source. The motif: a sheet with a short list and a check mark — a plan that
// has been followed up.
//
// Shapes are signed distance functions sampled 8×8 times per pixel: smooth anti-aliased edges
// from pngjs alone, no canvas or image library.
'use strict';

const fs = require('fs');
const path = require('path');
const { PNG } = require('pngjs');

/** The manifest's accentColor; Teams shows it around the colour icon, so they must agree. */
const ACCENT = '#1B5E7A';
const BADGE = '#2E9D5E';
const SUPERSAMPLING = 8;

// Local bindings, not `Math.…` in the loops: Jest runs modules in a vm context where every
// global look-up goes through an interceptor, which made drawing twenty times slower there.
const { abs, max, min, round, sqrt } = Math;

function rgb(hex, alpha = 1) {
  const n = parseInt(hex.slice(1), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255, a: alpha };
}
const WHITE = rgb('#FFFFFF');

// Signed distance functions: negative inside the shape, positive outside, in pixels.

// Not Math.hypot, which is several times slower; this runs hundreds of thousands of times.
function length(x, y) {
  return sqrt(x * x + y * y);
}

function roundRect(x0, y0, x1, y1, radius) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hw = (x1 - x0) / 2 - radius;
  const hh = (y1 - y0) / 2 - radius;
  return (x, y) => {
    const qx = abs(x - cx) - hw;
    const qy = abs(y - cy) - hh;
    return length(max(qx, 0), max(qy, 0)) + min(max(qx, qy), 0) - radius;
  };
}

function circle(cx, cy, radius) {
  return (x, y) => length(x - cx, y - cy) - radius;
}

/** A stroked polyline with round caps and joins (line, check mark). */
function stroke(points, width) {
  return (x, y) => {
    let best = Infinity;
    for (let i = 0; i < points.length - 1; i++) {
      const [ax, ay] = points[i];
      const [bx, by] = points[i + 1];
      const dx = bx - ax;
      const dy = by - ay;
      const t = max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
      best = min(best, length(x - ax - t * dx, y - ay - t * dy));
    }
    return best - width / 2;
  };
}

/** The outline of a shape, `width` wide and centred on its edge. */
function outline(shape, width) {
  return (x, y) => abs(shape(x, y)) - width / 2;
}

/**
 * Paints layers in order onto a background and returns RGBA pixels. A layer either paints a
 * colour (`color`, with its alpha) or clears to transparent (`clear: true`).
 */
function render(size, background, layers) {
  const data = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Distance functions change by at most their distance, so a pixel whose centre is more
      // than half a diagonal from every edge is one colour: one sample gives the same result.
      const nearEdge = layers.some((layer) => abs(layer.shape(px + 0.5, py + 0.5)) < 0.71);
      const n = nearEdge ? SUPERSAMPLING : 1;
      // Accumulate premultiplied colour so edges against transparency do not darken.
      let sumR = 0, sumG = 0, sumB = 0, sumA = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [r, g, b, a] = paint(px + (sx + 0.5) / n, py + (sy + 0.5) / n, background, layers);
          sumR += r * a;
          sumG += g * a;
          sumB += b * a;
          sumA += a;
        }
      }
      const i = (py * size + px) * 4;
      data[i] = sumA ? round(sumR / sumA) : 0;
      data[i + 1] = sumA ? round(sumG / sumA) : 0;
      data[i + 2] = sumA ? round(sumB / sumA) : 0;
      data[i + 3] = round((sumA / (n * n)) * 255);
    }
  }
  return { width: size, height: size, data };
}

/** The straight (not premultiplied) colour at one point, painting the layers in order. */
function paint(x, y, background, layers) {
  let r = background.r, g = background.g, b = background.b, a = background.a;
  for (const layer of layers) {
    if (layer.shape(x, y) > 0) continue;
    if (layer.clear) {
      r = g = b = a = 0;
      continue;
    }
    const la = layer.color.a;
    const outA = la + a * (1 - la);
    if (outA === 0) {
      r = g = b = a = 0;
      continue;
    }
    r = (layer.color.r * la + r * a * (1 - la)) / outA;
    g = (layer.color.g * la + g * a * (1 - la)) / outA;
    b = (layer.color.b * la + b * a * (1 - la)) / outA;
    a = outA;
  }
  return [r, g, b, a];
}

/**
 * 192×192, full colour and opaque: Teams crops the corners itself, so the accent fills the
 * square; the symbol stays inside the central 120×120 safe area (Teams' icon guidance).
 */
function drawColorIcon() {
  const accent = rgb(ACCENT);
  const listInk = rgb(ACCENT, 0.55);
  const rows = [70, 92, 114];
  return render(192, accent, [
    // The sheet.
    { shape: roundRect(40, 36, 112, 150, 10), color: WHITE },
    // Its list: a bullet and a line per row.
    ...rows.flatMap((y) => [
      { shape: circle(56, y, 5), color: accent },
      { shape: stroke([[69, y], [96, y]], 8), color: listInk },
    ]),
    // The check badge overlapping the sheet's corner, set off by a ring in the accent colour.
    { shape: circle(118, 121, 35), color: accent },
    { shape: circle(118, 121, 29), color: rgb(BADGE) },
    { shape: stroke([[105, 122], [114, 131], [132, 111]], 8), color: WHITE },
  ]);
}

/**
 * 32×32, white on transparent only (Teams' rule for the outline icon): the same sheet as an
 * outline with two list lines, and the check mark cut free of the sheet by a transparent gap.
 */
function drawOutlineIcon() {
  const transparent = { r: 0, g: 0, b: 0, a: 0 };
  const image = render(32, transparent, [
    { shape: outline(roundRect(5, 3, 22, 29, 3), 2), color: WHITE },
    // Pixel-aligned lines (edges on whole pixels) stay crisp at this size.
    { shape: roundRect(9, 9, 18, 11, 1), color: WHITE },
    { shape: roundRect(9, 14, 16, 16, 1), color: WHITE },
    // Gap around the check mark, then the mark itself.
    { shape: stroke([[15.5, 21.5], [19.5, 25.5], [27, 17]], 7), clear: true },
    { shape: stroke([[15.5, 21.5], [19.5, 25.5], [27, 17]], 3), color: WHITE },
  ]);
  // Pure white everywhere, transparent pixels included: only the alpha channel carries the shape.
  for (let i = 0; i < image.data.length; i += 4) {
    image.data[i] = image.data[i + 1] = image.data[i + 2] = 255;
  }
  return image;
}

function encodePng(image, { opaque }) {
  const png = new PNG({ width: image.width, height: image.height });
  image.data.copy(png.data);
  // colorType 2 (RGB) makes "opaque" a property of the file, not just of its pixels.
  return PNG.sync.write(png, opaque ? { colorType: 2, inputHasAlpha: true } : { colorType: 6 });
}

function makeIcons() {
  return {
    'color.png': encodePng(drawColorIcon(), { opaque: true }),
    'outline.png': encodePng(drawOutlineIcon(), { opaque: false }),
  };
}

module.exports = { ACCENT, drawColorIcon, drawOutlineIcon, makeIcons };

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', 'manifest');
  for (const [name, bytes] of Object.entries(makeIcons())) {
    fs.writeFileSync(path.join(dir, name), bytes);
    console.log(`${path.relative(process.cwd(), path.join(dir, name))} (${bytes.length} bytes)`);
  }
}
