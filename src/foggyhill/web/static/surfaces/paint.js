// Small drawing helpers shared by the map and the 3-D view: sharp canvases, the theme's colours, arrows and labels
// that stay readable over any colour of the palette.

/** Size the canvas's pixels to its CSS box times the screen's pixel ratio; returns a context in CSS pixels. */
export function fitCanvas(canvas, width, height) {
  const ratio = Math.min(3, window.devicePixelRatio || 1);
  canvas.width = Math.max(1, Math.round(width * ratio));
  canvas.height = Math.max(1, Math.round(height * ratio));
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { ctx, ratio };
}

/** The page's colours by CSS variable (they follow the light or dark theme) and its text size. */
export function themeColours(element) {
  const style = getComputedStyle(element);
  const read = (name) => style.getPropertyValue(name).trim();
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
  return {
    ink: read("--ink") || "#1d232b",
    muted: read("--muted") || "#5a626c",
    line: read("--line") || "#e2ded3",
    lineStrong: read("--line-strong") || "#c9c3b4",
    surface: read("--surface") || "#ffffff",
    sunken: read("--sunken") || "#f3f1ea",
    vermillion: read("--vermillion") || "#d55e00",
    orange: read("--orange") || "#e69f00",
    font: read("--sans") || "sans-serif",
    text: Math.round(12 * rem),
  };
}

/** A label in a paper-coloured box so it reads over any colour; `align` is where x is: left, centre or right. */
export function tag(ctx, colours, text, x, y, align = "left") {
  ctx.font = `600 ${colours.text}px ${colours.font}`;
  const width = ctx.measureText(text).width;
  const left = align === "right" ? x - width : align === "centre" ? x - width / 2 : x;
  ctx.fillStyle = colours.surface;
  ctx.globalAlpha = 0.9;
  ctx.fillRect(left - 4, y - colours.text, width + 8, colours.text + 6);
  ctx.globalAlpha = 1;
  ctx.fillStyle = colours.ink;
  ctx.textAlign = "left";
  ctx.textBaseline = "alphabetic";
  ctx.fillText(text, left, y + 1);
  return { left: left - 4, top: y - colours.text, right: left + width + 4, bottom: y + 6 };
}

/** An arrow from (x0, y0) to (x1, y1): a light body over a dark halo, so it shows on dark and light colours. */
export function arrow(ctx, x0, y0, x1, y1, { colour = "#ffffff", halo = "#10151b", width = 2.5, head = 9 } = {}) {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  const shape = () => {
    ctx.beginPath();
    ctx.moveTo(x0, y0);
    ctx.lineTo(x1 - Math.cos(angle) * head * 0.6, y1 - Math.sin(angle) * head * 0.6);
    ctx.stroke();
    ctx.beginPath();
    ctx.moveTo(x1, y1);
    ctx.lineTo(x1 - head * Math.cos(angle - 0.45), y1 - head * Math.sin(angle - 0.45));
    ctx.lineTo(x1 - head * Math.cos(angle + 0.45), y1 - head * Math.sin(angle + 0.45));
    ctx.closePath();
  };
  ctx.save();
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  ctx.strokeStyle = halo;
  ctx.fillStyle = halo;
  ctx.lineWidth = width + 3;
  shape();
  ctx.fill();
  ctx.stroke();
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = width;
  shape();
  ctx.fill();
  ctx.restore();
}

/** A polyline with a dark halo under a light line (the ball's path). */
export function haloLine(ctx, points, { colour = "#ffffff", halo = "rgba(16, 21, 27, 0.75)", width = 2 } = {}) {
  if (points.length < 2) return;
  ctx.save();
  ctx.lineJoin = "round";
  ctx.lineCap = "round";
  for (const [style, w] of [[halo, width + 2.5], [colour, width]]) {
    ctx.strokeStyle = style;
    ctx.lineWidth = w;
    ctx.beginPath();
    points.forEach(([x, y], k) => (k ? ctx.lineTo(x, y) : ctx.moveTo(x, y)));
    ctx.stroke();
  }
  ctx.restore();
}

/** The ball: a vermillion disc ringed in white, like the line lesson's. */
export function ball(ctx, colours, x, y, r = 7) {
  ctx.save();
  ctx.beginPath();
  ctx.arc(x, y, r + 1.5, 0, 2 * Math.PI);
  ctx.fillStyle = "#10151b";
  ctx.fill();
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.fillStyle = colours.vermillion;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = "#ffffff";
  ctx.stroke();
  ctx.restore();
}

/** A critical point's mark: a ringed disc for a dip (filled for the lowest), a cross for a saddle, a triangle up top. */
export function mark(ctx, kind, x, y, lowest = false) {
  ctx.save();
  ctx.lineWidth = 2;
  ctx.strokeStyle = "#10151b";
  ctx.fillStyle = "#ffffff";
  ctx.beginPath();
  if (kind === "dip") {
    ctx.arc(x, y, 6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    if (lowest) {
      ctx.beginPath();
      ctx.arc(x, y, 2.5, 0, 2 * Math.PI);
      ctx.fillStyle = "#10151b";
      ctx.fill();
    }
  } else if (kind === "saddle") {
    for (const [w, style] of [[5, "#10151b"], [2.5, "#ffffff"]]) {
      ctx.lineWidth = w;
      ctx.strokeStyle = style;
      ctx.beginPath();
      ctx.moveTo(x - 6, y - 6);
      ctx.lineTo(x + 6, y + 6);
      ctx.moveTo(x + 6, y - 6);
      ctx.lineTo(x - 6, y + 6);
      ctx.stroke();
    }
  } else {
    ctx.moveTo(x, y - 7);
    ctx.lineTo(x + 6.5, y + 5);
    ctx.lineTo(x - 6.5, y + 5);
    ctx.closePath();
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();
}
