import { BlockStack, Link, Select, Text, TextField } from "@shopify/polaris";
import { bpsToPercent } from "~/creators/commission-rate";
import type { HostOption } from "~/creators/creators.server";

const NO_HOST = "no-host";
const SOMEONE_ELSE = "someone-else";

/** The picker's value: one of the shop's creators (by id), someone else by name, or no host yet. */
export interface HostValue {
  choice: string;
  hostName: string;
}

export function savedHost(show: { creatorId: string | null; hostName: string }): HostValue {
  if (show.creatorId) return { choice: show.creatorId, hostName: show.hostName };
  return { choice: show.hostName ? SOMEONE_ELSE : NO_HOST, hostName: show.hostName };
}

export const NO_HOST_YET: HostValue = { choice: NO_HOST, hostName: "" };

export function sameHost(a: HostValue, b: HostValue): boolean {
  return a.choice === b.choice && (a.choice !== SOMEONE_ELSE || a.hostName.trim() === b.hostName.trim());
}

function optionLabel(host: HostOption): string {
  if (host.status === "deactivated") return `${host.name} (deactivated)`;
  return host.status === "invited" ? `${host.name} (invited)` : host.name;
}

function helpFor(host: HostOption | undefined, choice: string): string {
  if (choice === SOMEONE_ELSE) return "Someone who is not one of your creators. They earn no commission.";
  if (!host) return "Choose a creator to credit them with the show's sales.";
  const rate = `${bpsToPercent(host.commissionBps)}% commission on the show's sales`;
  if (host.status === "deactivated") return `${host.name} is deactivated and still earns ${rate} until you choose another host.`;
  if (host.status === "invited") return `Earns ${rate}. ${host.name} has not accepted the invitation yet.`;
  return `Earns ${rate}.`;
}

/**
 * Posts `creatorId` (empty unless a creator hosts) and `hostName`; the server replaces the name
 * with the creator's own, so only "Someone else" sends a typed one.
 */
export function HostPicker({
  hosts,
  value,
  onChange,
  errors,
}: {
  hosts: HostOption[];
  value: HostValue;
  onChange: (value: HostValue) => void;
  errors: { creatorId?: string; hostName?: string };
}) {
  const chosen = hosts.find((host) => host.id === value.choice);
  const options = [
    { label: "No host yet", value: NO_HOST },
    ...hosts.map((host) => ({ label: optionLabel(host), value: host.id, disabled: host.status === "deactivated" && host.id !== value.choice })),
    { label: "Someone else", value: SOMEONE_ELSE },
  ];
  const canInvite = !hosts.some((host) => host.status !== "deactivated");
  return (
    <BlockStack gap="200">
      <Select
        label="Host"
        options={options}
        value={value.choice}
        onChange={(choice) => onChange({ choice, hostName: choice === SOMEONE_ELSE ? value.hostName : "" })}
        helpText={helpFor(chosen, value.choice)}
        error={errors.creatorId}
      />
      <input type="hidden" name="creatorId" value={chosen ? chosen.id : ""} />
      {value.choice === SOMEONE_ELSE ? (
        <TextField
          label="Host's name"
          name="hostName"
          value={value.hostName}
          onChange={(hostName) => onChange({ choice: SOMEONE_ELSE, hostName })}
          autoComplete="off"
          helpText="Shown to shoppers beside the player."
          error={errors.hostName}
        />
      ) : (
        <input type="hidden" name="hostName" value="" />
      )}
      {canInvite ? (
        <Text as="p" tone="subdued">
          You have no creators to host yet. <Link url="/app/creators">Invite a creator</Link> to credit them with the show’s sales.
        </Text>
      ) : null}
    </BlockStack>
  );
}
