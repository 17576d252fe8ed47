import type { Environment } from "../config/environment-schema.js";
import { componentPort, type ComponentDefinition } from "../model/stack-model.js";
import { componentLabels } from "./labels.js";

/** What every component construct derives from the environment before building its objects. */
export interface ComponentIdentity {
  readonly namespace: string;
  /** Object name, `app.kubernetes.io/name` and scrape job: the definition's `name`. */
  readonly name: string;
  /** Pinned image (override or default). */
  readonly image: string;
  readonly version: string;
  /** `app.kubernetes.io/*` labels including the version. */
  readonly labels: Record<string, string>;
  /** HTTP port of its Service and container. */
  readonly port: number;
}

/** Name, image, version, labels and port of one component, derived in one place from its definition. */
export function componentIdentity(environment: Environment, definition: ComponentDefinition): ComponentIdentity {
  const { settings } = environment;
  const reference = settings.images[definition.key] ?? definition.image;
  const digest = settings.imageDigests[definition.key];
  // A digest pins what a tag points at; a reference that already carries one keeps it.
  const image = digest !== undefined && !reference.includes("@") ? `${reference}@${digest}` : reference;
  const version = imageVersion(image);
  return {
    namespace: settings.namespace,
    name: definition.name,
    image,
    version,
    labels: componentLabels(environment, definition.name, version),
    port: componentPort(definition, settings),
  };
}

/**
 * The version part of an image reference, for the `app.kubernetes.io/version` label: the tag
 * without a leading `v`, cut to what a label value may hold (63 characters of `[-_.A-Za-z0-9]`,
 * alphanumeric at both ends), so any valid tag (`_12`, `12.1.1-`) still gives a valid label.
 */
export function imageVersion(image: string): string {
  const tag = image.split("@")[0]?.split("/").pop()?.split(":")[1] ?? "";
  const label = tag.replace(/^v(?=\d)/, "").slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
  return label === "" ? "unknown" : label;
}
