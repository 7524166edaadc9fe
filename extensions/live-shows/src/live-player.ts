// The player's chunk: what puts the Mux player on the page, kept out of the scripts every page
// loads up front (live-shows.ts, live-now.ts, within 10,000 bytes each). They fetch it by URL
// (the block's or the embed's data-player-src) once per page, only when a viewer is about to
// watch; it fetches the Mux player bundle (about 1 MB) from the app.
import type { ShowBootstrap } from "../../../app/storefront/bootstrap-contract";
import { h, load, w, type Player } from "./shared";

let bundle: Promise<unknown> | undefined;

/** Puts a playing <mux-player> first in `box`. Tracking and cookies are off: no consent was asked. */
w.liveShowsMount = (box: HTMLElement, b: ShowBootstrap, muted: boolean): Promise<Player> => {
  const playback = b.playback as NonNullable<ShowBootstrap["playback"]>;
  bundle = bundle || load(playback.playerUrl).then(() => customElements.whenDefined("mux-player"));
  return bundle.then(() => {
    const player = h("mux-player", {
      "stream-type": playback.streamType,
      src: playback.src,
      poster: b.poster,
      "disable-tracking": true,
      "disable-cookies": true,
      playsinline: true,
      muted,
    }) as Player;
    box.prepend(player);
    player.muted = muted;
    // A browser that refuses sound without a gesture still plays muted.
    player
      .play()
      .catch(() => {
        player.muted = true;
        return player.play();
      })
      .catch(() => undefined);
    return player;
  });
};
