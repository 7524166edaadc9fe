import { Card } from "@shopify/polaris";
import { Suspense, lazy, useEffect, useState } from "react";

const PreviewPlayer = lazy(() => import("../PreviewPlayer"));

/** The player is a browser-only web component: it mounts after hydration. */
export function StreamPreview({
  src,
  poster,
  title,
}: {
  src: string;
  poster: string;
  title: string;
}) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const placeholder = <div style={{ aspectRatio: "16 / 9" }} />;
  return (
    <Card>
      {mounted ? (
        <Suspense fallback={placeholder}>
          <PreviewPlayer src={src} poster={poster} title={title} />
        </Suspense>
      ) : (
        placeholder
      )}
    </Card>
  );
}
