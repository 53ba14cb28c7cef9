// Draws the Teams app icons appPackage/color.png (192×192) and appPackage/outline.png (32×32).
//
//   npx tsx scripts/drawIcons.ts
//
// The mark is a clipboard with a checklist: two ticked rows and a row with a plus (care),
// on the calm blue of the app's accent colour. Teams wants the colour icon full-bleed (it
// rounds the corners itself) with the symbol inside the middle ~120 px, and the outline
// icon white on a transparent background and nothing else.
//
// The shapes are signed distance functions in pixel coordinates, rasterised with 8×8
// supersampling, so the person taking over can move a coordinate and redraw without any
// browser or drawing program. Only pngjs is needed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

export type Rgba = readonly [number, number, number, number];

/** Signed distance from (x, y) to a shape: negative inside, positive outside. */
type Sdf = (x: number, y: number) => number;

export interface Layer {
  shape: Sdf;
  color: Rgba;
}

export const PALETTE = {
  blue: [0x1d, 0x5c, 0x8c, 255],
  deepBlue: [0x13, 0x45, 0x6b, 255],
  green: [0x3f, 0xa8, 0x74, 255],
  paper: [0xff, 0xff, 0xff, 255],
  line: [0xa9, 0xc1, 0xd4, 255],
  white: [0xff, 0xff, 0xff, 255],
} as const satisfies Record<string, Rgba>;

// --- shapes -------------------------------------------------------------------------------

/** Axis-aligned rectangle from (x0, y0) to (x1, y1) with corner radius r. */
export function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Sdf {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
    return outside + Math.min(Math.max(qx, qy), 0) - r;
  };
}

/** A stroke of the given width along the segment (ax, ay)–(bx, by), with round caps. */
export function segment(ax: number, ay: number, bx: number, by: number, width: number): Sdf {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  return (x, y) => {
    const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / len2));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - width / 2;
  };
}

/** A round-jointed stroke through the points. */
export function polyline(points: ReadonlyArray<readonly [number, number]>, width: number): Sdf {
  const parts: Sdf[] = [];
  for (let i = 1; i < points.length; i++) {
    const [ax, ay] = points[i - 1]!;
    const [bx, by] = points[i]!;
    parts.push(segment(ax, ay, bx, by, width));
  }
  return union(...parts);
}

export function union(...shapes: Sdf[]): Sdf {
  return (x, y) => Math.min(...shapes.map((s) => s(x, y)));
}

/** The outline of a shape: a band of the given width centred on its edge. */
export function ring(shape: Sdf, width: number): Sdf {
  return (x, y) => Math.abs(shape(x, y)) - width / 2;
}

/** The shape scaled by s about (cx, cy) and then moved by (dx, dy). */
export function transformed(shape: Sdf, s: number, cx: number, cy: number, dx = 0, dy = 0): Sdf {
  return (x, y) => shape(cx + (x - dx - cx) / s, cy + (y - dy - cy) / s) * s;
}

/** A tick whose left end is at (x, y), scaled by s (s = 1: 20 px wide, 13 px tall). */
function tick(x: number, y: number, s: number, width: number): Sdf {
  return polyline(
    [
      [x, y],
      [x + 7 * s, y + 7 * s],
      [x + 20 * s, y - 6 * s],
    ],
    width,
  );
}

/** A plus centred on (x, y) with arms of half-length h. */
function plus(x: number, y: number, h: number, width: number): Sdf {
  return union(segment(x - h, y, x + h, y, width), segment(x, y - h, x, y + h, width));
}

// --- rasterising ----------------------------------------------------------------------------

const SUPERSAMPLE = 8;

/**
 * Paints the layers in order (later layers on top) over a transparent canvas. Each pixel is
 * the average of SUPERSAMPLE² samples, with premultiplied alpha so that edges against
 * transparency keep the layer's own colour.
 */
export function rasterize(size: number, layers: readonly Layer[]): PNG {
  const png = new PNG({ width: size, height: size });
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = px + (sx + 0.5) / n;
          const y = py + (sy + 0.5) / n;
          let hit: Rgba | undefined;
          for (const layer of layers) if (layer.shape(x, y) <= 0) hit = layer.color;
          if (hit) {
            const alpha = hit[3] / 255;
            r += hit[0] * alpha;
            g += hit[1] * alpha;
            b += hit[2] * alpha;
            a += alpha;
          }
        }
      }
      const i = (py * size + px) * 4;
      const samples = n * n;
      if (a === 0) {
        // Fully transparent: keep the colour channels white so the pixel is white or clear.
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 255;
        png.data[i + 3] = 0;
      } else {
        png.data[i] = Math.round(r / a);
        png.data[i + 1] = Math.round(g / a);
        png.data[i + 2] = Math.round(b / a);
        png.data[i + 3] = Math.round((a / samples) * 255);
      }
    }
  }
  return png;
}

// --- the two icons --------------------------------------------------------------------------

/**
 * 192×192, full colour: white clipboard with a checklist on the app's blue. The mark is drawn
 * on a 192 grid and then scaled to 80 % about the centre, which keeps it inside the middle
 * ~120 px that Teams leaves uncropped.
 */
export function colorIconLayers(): Layer[] {
  const { blue, deepBlue, green, paper, line } = PALETTE;
  const rows = [82, 110, 138];
  const mark: Layer[] = [
    // The board and its clip.
    { shape: roundedRect(52, 44, 140, 158, 12), color: paper },
    { shape: roundedRect(76, 34, 116, 56, 8), color: deepBlue },
    { shape: roundedRect(88, 30, 104, 40, 5), color: deepBlue },
    // Two ticked rows and a row marked with a plus.
    { shape: tick(63, rows[0]!, 0.85, 6.5), color: green },
    { shape: tick(63, rows[1]!, 0.85, 6.5), color: green },
    { shape: plus(71, rows[2]!, 8, 6.5), color: green },
    ...rows.map((y) => ({ shape: segment(92, y, 126, y, 7), color: line })),
  ];
  return [
    { shape: roundedRect(0, 0, 192, 192, 0), color: blue },
    ...mark.map((l) => ({ ...l, shape: transformed(l.shape, 0.8, 96, 94, 0, 2) })),
  ];
}

/**
 * 32×32, white on transparent: the same clipboard as an outline. Strokes are 2 px wide and
 * centred on whole or half pixels so that the straight edges land on the pixel grid.
 */
export function outlineIconLayers(): Layer[] {
  const { white } = PALETTE;
  const rows = [14, 22];
  return [
    { shape: ring(roundedRect(7, 6, 25, 30, 3), 2), color: white },
    { shape: roundedRect(12, 3, 20, 8, 1.5), color: white },
    ...rows.flatMap((y) => [
      { shape: tick(10, y, 0.3, 2), color: white },
      { shape: segment(19, y, 22, y, 2), color: white },
    ]),
  ];
}

export function drawColorIcon(): PNG {
  return rasterize(192, colorIconLayers());
}

export function drawOutlineIcon(): PNG {
  return rasterize(32, outlineIconLayers());
}

export function writeIcons(appPackageDir: string): string[] {
  const targets: Array<[string, PNG]> = [
    [join(appPackageDir, 'color.png'), drawColorIcon()],
    [join(appPackageDir, 'outline.png'), drawOutlineIcon()],
  ];
  for (const [path, png] of targets) writeFileSync(path, PNG.sync.write(png));
  return targets.map(([path]) => path);
}

if (require.main === module) {
  for (const path of writeIcons(join(__dirname, '..', 'appPackage'))) console.log(`wrote ${path}`);
}
