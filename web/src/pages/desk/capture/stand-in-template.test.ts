import { expect, it } from 'vitest';
import { templateOfPixels, TEMPLATE_HEIGHT, TEMPLATE_WIDTH } from './stand-in-template.ts';

const pixels = (grey: (i: number) => number) =>
  Array.from({ length: TEMPLATE_WIDTH * TEMPLATE_HEIGHT }, (_, i) => [grey(i), grey(i), grey(i), 255]).flat();

it('makes 128 finite numbers of unit length from a frame, as the national contract takes', () => {
  const template = templateOfPixels(pixels((i) => (i * 37) % 256));
  expect(template).toHaveLength(128);
  expect(template.every(Number.isFinite)).toBe(true);
  expect(Math.hypot(...template)).toBeCloseTo(1, 10);
});

it('answers zeros, never NaN, for a blank frame', () => {
  expect(templateOfPixels(pixels(() => 128))).toEqual(new Array<number>(128).fill(0));
});
