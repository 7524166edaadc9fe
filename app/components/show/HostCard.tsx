import { useFetcher } from "@remix-run/react";
import { SaveBar } from "@shopify/app-bridge-react";
import { BlockStack, Card, Text } from "@shopify/polaris";
import { useEffect, useRef, useState } from "react";
import type { HostOption } from "~/creators/creators.server";
import { HostPicker, sameHost, savedHost } from "../HostPicker";
import type { CommandResult, ShowView } from "./types";

/** Changing the host is saved from App Bridge's save bar, like any other edit in the admin. */
export function HostCard({
  show,
  hosts,
}: {
  show: ShowView;
  hosts: HostOption[];
}) {
  const save = useFetcher<CommandResult>();
  const form = useRef<HTMLFormElement>(null);
  const { creatorId, hostName } = show;
  const [host, setHost] = useState(() => savedHost({ creatorId, hostName }));
  // After a save the loader brings the new host: that becomes what "unchanged" means.
  useEffect(
    () => setHost(savedHost({ creatorId, hostName })),
    [creatorId, hostName]
  );
  const dirty = !sameHost(host, savedHost({ creatorId, hostName }));
  const heading = (
    <Text as="h2" variant="headingMd">
      Who hosts
    </Text>
  );
  if (!show.hostChangeable) {
    return (
      <Card>
        <BlockStack gap="200">
          {heading}
          <Text as="p">{hostName || "Nobody hosted this show."}</Text>
        </BlockStack>
      </Card>
    );
  }
  return (
    <Card>
      <save.Form method="post" ref={form}>
        <input type="hidden" name="intent" value="set_host" />
        <BlockStack gap="300">
          {heading}
          <HostPicker
            hosts={hosts}
            value={host}
            onChange={setHost}
            errors={save.data?.errors ?? {}}
          />
          <div role="status">
            {save.data?.message && !dirty ? (
              <Text as="p" tone={save.data.ok ? "success" : "critical"}>
                {save.data.message}
              </Text>
            ) : null}
          </div>
        </BlockStack>
      </save.Form>
      <SaveBar id="show-host-save-bar" open={dirty && save.state === "idle"}>
        <button variant="primary" onClick={() => form.current?.requestSubmit()}>
          Save
        </button>
        <button onClick={() => setHost(savedHost({ creatorId, hostName }))}>
          Discard
        </button>
      </SaveBar>
    </Card>
  );
}
