import type MuxPlayerElement from "@mux/mux-player";
import { Button, Text } from "@shopify/polaris";
import { Suspense, lazy, useEffect, useState } from "react";
import type { Chapter } from "~/shows/chapters";
import { SectionCard } from "../SectionCard";
import { chapterTime } from "./chapter-time";

const ReplayPlayer = lazy(() => import("./ReplayPlayer"));

/** Before its media is known a player cannot seek: the chapter's moment waits for the metadata. */
function playFrom(player: MuxPlayerElement, seconds: number) {
  const seek = () => {
    player.currentTime = seconds;
  };
  if (player.readyState >= HTMLMediaElement.HAVE_METADATA) seek();
  else player.addEventListener("loadedmetadata", seek, { once: true });
  player.play()?.catch(() => undefined);
}

/** The replay as shoppers get it, with a chapter per pinned product that plays from its moment. */
export function ReplayCard({ title, src, poster, chapters }: { title: string; src: string; poster: string; chapters: Chapter[] }) {
  // The player is a browser-only web component: it mounts after hydration.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const [player, setPlayer] = useState<MuxPlayerElement | null>(null);
  const placeholder = <div style={{ aspectRatio: "16 / 9" }} />;
  return (
    <SectionCard title="Replay">
      {mounted ? (
        <Suspense fallback={placeholder}>
          <ReplayPlayer ref={setPlayer} src={src} poster={poster} title={title} />
        </Suspense>
      ) : (
        placeholder
      )}
      {chapters.length ? (
        <ol aria-label="Replay chapters" style={{ margin: 0, paddingInlineStart: 20 }}>
          {chapters.map((chapter) => (
            <li key={`${chapter.startTime}-${chapter.productId}`}>
              <Button variant="plain" disabled={!player} onClick={() => player && playFrom(player, chapter.startTime)}>
                {`${chapterTime(chapter.startTime)} ${chapter.title}`}
              </Button>
            </li>
          ))}
        </ol>
      ) : (
        <Text as="p" tone="subdued">
          No product was pinned during the show, so the replay has no chapters.
        </Text>
      )}
    </SectionCard>
  );
}
