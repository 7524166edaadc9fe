import MuxPlayer from "@mux/mux-player-react";
import type MuxPlayerElement from "@mux/mux-player";
import { forwardRef } from "react";

/**
 * The replay in the control room, loaded as its own chunk; tracking is off because the merchant
 * watching their own replay is not an audience. Its metadata loads with the page, so the player
 * shows the replay's length and a chapter seeks at once.
 */
const ReplayPlayer = forwardRef<MuxPlayerElement, { src: string; poster: string; title: string }>(function ReplayPlayer({ src, poster, title }, ref) {
  return (
    <MuxPlayer
      ref={ref}
      src={src}
      poster={poster}
      streamType="on-demand"
      preload="metadata"
      disableTracking
      metadata={{ video_title: title }}
      title={`Replay of ${title}`}
      style={{ aspectRatio: "16 / 9", width: "100%" }}
    />
  );
});

export default ReplayPlayer;
