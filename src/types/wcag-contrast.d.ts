// wcag-contrast ships no type declarations; this covers the one function the kit uses.
declare module 'wcag-contrast' {
  /** Contrast ratio of two hex colours (#rgb or #rrggbb), 1 to 21. */
  export function hex(a: string, b: string): number;
}
