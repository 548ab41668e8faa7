/**
 * A horizontal bar chart as inline SVG, drawn on the server from numbers (per cents): no chart
 * library, no script, no inline styles (colours come from classes in global.css). The chart is
 * hidden from assistive technology because the page always shows the same figures in a table
 * beside it, which is the chart's text alternative. Labels are the program's own words (the
 * form's choices, month names) and are escaped all the same.
 */
import { escapeHtml } from '../../../src/lib/escapeHtml.ts';

export interface ChartRow {
  label: string;
  /** One value per series, in per cent (0 to 100); null when there is nothing to show. */
  values: ReadonlyArray<number | null>;
}

const WIDTH = 640;
const LABEL_WIDTH = 220;
const BAR_AREA = 340;
const BAR_HEIGHT = 18;
const BAR_GAP = 4;
const ROW_GAP = 14;

/** A per cent kept to 0–100 (anything not a finite number draws no bar). */
function clamp(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Math.min(100, Math.max(0, value));
}

/** The chart's markup; `series` is how many bars each row has (1 or more, each its own class). */
export function barChartSvg(rows: readonly ChartRow[], series = 1): string {
  const rowHeight = series * BAR_HEIGHT + (series - 1) * BAR_GAP;
  const height = rows.length * (rowHeight + ROW_GAP) + ROW_GAP;
  const parts: string[] = [];
  rows.forEach((row, index) => {
    const top = ROW_GAP + index * (rowHeight + ROW_GAP);
    parts.push(`<text class="chart-label" x="${LABEL_WIDTH - 8}" y="${top + rowHeight / 2 + 5}" text-anchor="end">${escapeHtml(row.label)}</text>`);
    for (let bar = 0; bar < series; bar++) {
      const value = clamp(row.values[bar] ?? null);
      const y = top + bar * (BAR_HEIGHT + BAR_GAP);
      const width = value === null ? 0 : Math.round((value / 100) * BAR_AREA * 10) / 10;
      parts.push(`<rect class="chart-track" x="${LABEL_WIDTH}" y="${y}" width="${BAR_AREA}" height="${BAR_HEIGHT}"/>`);
      if (width > 0) parts.push(`<rect class="chart-bar chart-bar-${bar + 1}" x="${LABEL_WIDTH}" y="${y}" width="${width}" height="${BAR_HEIGHT}"/>`);
      parts.push(`<text class="chart-value" x="${LABEL_WIDTH + BAR_AREA + 8}" y="${y + BAR_HEIGHT / 2 + 5}">${value === null ? '–' : `${Math.round(value)}%`}</text>`);
    }
  });
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" aria-hidden="true" focusable="false">${parts.join('')}</svg>`;
}
