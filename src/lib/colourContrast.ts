import { hex as contrastRatio } from 'wcag-contrast';

/** WCAG 2.x AA minimum contrast for normal-size text. */
export const AA_TEXT_CONTRAST = 4.5;

/** WCAG 2.x AA minimum contrast for graphics and parts of the interface (1.4.11). */
export const AA_GRAPHICS_CONTRAST = 3;

/** The contrast ratio between two hex colours (1 to 21), as WCAG defines it. */
export function contrastBetween(foreground: string, background: string): number {
  return contrastRatio(foreground, background);
}

/** Rounded for messages an editor reads: 4.47 rather than 4.4712. */
export function formatRatio(ratio: number): string {
  return `${Math.floor(ratio * 100) / 100}:1`;
}
