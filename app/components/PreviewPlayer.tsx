import MuxPlayer from "@mux/mux-player-react";

/**
 * The control room's preview of the stream, loaded as its own chunk when the show is live;
 * tracking is off because the merchant's own preview is not an audience.
 */
export default function PreviewPlayer({ src, poster, title }: { src: string; poster: string; title: string }) {
  return (
    <MuxPlayer
      src={src}
      poster={poster}
      streamType="ll-live"
      muted
      autoPlay="muted"
      disableTracking
      metadata={{ video_title: title }}
      title={`Preview of ${title}`}
      style={{ aspectRatio: "16 / 9", width: "100%" }}
    />
  );
}
