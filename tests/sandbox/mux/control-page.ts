// The human side of the encoder switch: a page listing live streams with Connect and
// Disconnect buttons (each button calls the JSON control endpoints), plus a player link.
export interface ControlRow {
  id: string;
  passthrough: string | undefined;
  status: string;
  encoder: string;
  streamKeyHint: string;
  playbackUrl: string | undefined;
  posterUrl: string | undefined;
  assets: { id: string; status: string; playbackUrl: string | undefined }[];
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char] ?? char);

function row(stream: ControlRow): string {
  const id = escapeHtml(stream.id);
  const connected = stream.encoder === "connected";
  const assets = stream.assets
    .map((asset) => `<li>${escapeHtml(asset.id)} (${escapeHtml(asset.status)})${asset.playbackUrl ? ` <a href="${escapeHtml(asset.playbackUrl)}">m3u8</a>` : ""}</li>`)
    .join("");
  return `<tr>
  <td>${stream.posterUrl ? `<img src="${escapeHtml(stream.posterUrl)}" width="160" height="90" alt="">` : ""}</td>
  <td><code>${id}</code><br><small>passthrough: ${escapeHtml(stream.passthrough ?? "—")} · key …${escapeHtml(stream.streamKeyHint)}</small></td>
  <td>${escapeHtml(stream.status)}<br><small>encoder: ${escapeHtml(stream.encoder)}</small></td>
  <td>
    <button data-action="connect" data-id="${id}" ${connected ? "disabled" : ""}>Connect</button>
    <button data-action="disconnect" data-id="${id}" ${connected ? "" : "disabled"}>Disconnect</button>
    <button data-action="disconnect-now" data-id="${id}" ${connected ? "" : "disabled"}>Disconnect (end now)</button>
  </td>
  <td>${stream.playbackUrl ? `<a href="${escapeHtml(stream.playbackUrl)}">live m3u8</a>` : ""}<ul>${assets}</ul></td>
</tr>`;
}

export function renderControlPage(rows: ControlRow[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mux sandbox · encoders</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td{border-top:1px solid #ddd;padding:.5rem;vertical-align:top}button{margin:.1rem}</style>
</head><body>
<h1>Mux sandbox</h1>
<p>Each live stream the app created. "Connect" starts a test-pattern encoder (as OBS would with the stream key); "Disconnect" drops it and the stream goes idle after its reconnect window; "end now" skips the window.</p>
<table><tbody>${rows.map(row).join("") || "<tr><td>No live streams yet.</td></tr>"}</tbody></table>
<p id="message" role="status"></p>
<script>
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  const { action, id } = button.dataset;
  const path = action === "connect" ? "connect" : "disconnect";
  const body = action === "disconnect-now" ? JSON.stringify({ immediate: true }) : "{}";
  button.disabled = true;
  document.getElementById("message").textContent = action + "…";
  const response = await fetch("/__sandbox/mux/live-streams/" + encodeURIComponent(id) + "/" + path, { method: "POST", headers: { "content-type": "application/json" }, body });
  if (!response.ok) document.getElementById("message").textContent = (await response.json()).error;
  else location.reload();
});
</script>
</body></html>`;
}
