/**
 * The colour scale of scores on the state map, the tile grid and the topic distribution. Four
 * classes of 25 points, the same bands as the overview API's buckets, so map, tiles and chart
 * agree. Colours: viridis at four steps (perceptually ordered, readable with the common colour
 * vision deficiencies and in greyscale); the text colour on each keeps 4.5:1.
 */
export interface ScoreClass {
  index: number;
  from: number;
  to: number;
  fill: string;
  text: string;
}

export const SCORE_CLASSES: readonly ScoreClass[] = [
  { index: 0, from: 0, to: 0.25, fill: '#440154', text: '#ffffff' },
  { index: 1, from: 0.25, to: 0.5, fill: '#31688e', text: '#ffffff' },
  { index: 2, from: 0.5, to: 0.75, fill: '#35b779', text: '#000000' },
  { index: 3, from: 0.75, to: 1, fill: '#fde725', text: '#000000' },
];

/** Kommunen without an assessment or without anything applicable. */
export const NO_SCORE = { fill: '#d4d5da', text: '#1b1b1f' } as const;

/** The class of a score; the upper bound belongs to the class below except for 100 %. */
export function scoreClass(score: number | null | undefined): ScoreClass | null {
  if (score === null || score === undefined || Number.isNaN(score)) return null;
  const clamped = Math.min(1, Math.max(0, score));
  return (
    SCORE_CLASSES[Math.min(SCORE_CLASSES.length - 1, Math.floor(clamped * SCORE_CLASSES.length))] ?? null
  );
}

export const scoreFill = (score: number | null | undefined) => scoreClass(score)?.fill ?? NO_SCORE.fill;
export const scoreText = (score: number | null | undefined) => scoreClass(score)?.text ?? NO_SCORE.text;
