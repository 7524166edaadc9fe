// Product photos for a catalog that has none: an SVG card with the product's title on a colour
// picked from its handle, so every product looks different and the same product looks the same.
import { createHash } from "node:crypto";

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Splits a title into at most three lines of about `width` characters. */
function wrap(title: string, width = 16): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of title.split(/\s+/).filter(Boolean)) {
    if (current && (current + " " + word).length > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines.length > 3 ? [...lines.slice(0, 2), `${lines.slice(2).join(" ").slice(0, width - 1)}…`] : lines;
}

export function productImageSvg(handle: string, title: string): string {
  const digest = createHash("sha1").update(handle).digest();
  const hue = Math.round(((digest[0] ?? 0) / 255) * 360);
  const lines = wrap(title);
  const firstY = 400 - (lines.length - 1) * 30;
  const text = lines
    .map((line, i) => `<text x="400" y="${firstY + i * 60}" text-anchor="middle" font-family="system-ui, sans-serif" font-size="52" font-weight="700" fill="#fff">${escapeXml(line)}</text>`)
    .join("");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800" role="img" aria-label="${escapeXml(title)}">`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 65% 45%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360} 70% 30%)"/></linearGradient></defs>`,
    `<rect width="800" height="800" rx="48" fill="url(#g)"/>`,
    text,
    `</svg>`,
  ].join("");
}

/** "summer-dress" → "Summer Dress": the title when the handle names no product. */
export function titleFromHandle(handle: string): string {
  return handle
    .split("-")
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}
