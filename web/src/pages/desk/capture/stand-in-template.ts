/**
 * A STAND-IN template extractor: no face SDK exists in this project, so a captured frame becomes
 * 128 numbers by shrinking it to 16 × 8 grey pixels, centred and scaled to unit length. It does not
 * recognise faces (the national service will not find it like the person's template); it only lets
 * the desk's flow run end to end on a real camera. A real deployment plugs the vendor's SDK in at
 * exactly this function (frame in, template and liveness out); the frame stays in the browser and
 * is dropped by the caller once this returns.
 */

export const TEMPLATE_WIDTH = 16;
export const TEMPLATE_HEIGHT = 8;

/** 128 finite numbers of unit length (all zeros for a blank frame) from any drawable frame. */
export function standInTemplate(frame: CanvasImageSource): number[] {
  const canvas = document.createElement('canvas');
  canvas.width = TEMPLATE_WIDTH;
  canvas.height = TEMPLATE_HEIGHT;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('canvas 2d context unavailable');
  context.drawImage(frame, 0, 0, TEMPLATE_WIDTH, TEMPLATE_HEIGHT);
  const { data } = context.getImageData(0, 0, TEMPLATE_WIDTH, TEMPLATE_HEIGHT);
  return templateOfPixels(data);
}

/** RGBA pixels → grey levels, minus their mean, divided by their length. */
export function templateOfPixels(rgba: ArrayLike<number>): number[] {
  const grey: number[] = [];
  for (let i = 0; i + 3 < rgba.length; i += 4) grey.push(0.299 * (rgba[i] ?? 0) + 0.587 * (rgba[i + 1] ?? 0) + 0.114 * (rgba[i + 2] ?? 0));
  const mean = grey.reduce((sum, v) => sum + v, 0) / (grey.length || 1);
  const centred = grey.map((v) => v - mean);
  const length = Math.sqrt(centred.reduce((sum, v) => sum + v * v, 0));
  return centred.map((v) => (length === 0 ? 0 : v / length));
}
