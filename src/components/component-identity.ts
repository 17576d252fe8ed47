import type { Environment } from "../config/environment-schema.js";
import { imageFor, imageVersion } from "../images.js";
import { JOB } from "../scrape-jobs.js";
import { componentLabels } from "./labels.js";
import { servicePort, type ComponentJob } from "./service-ports.js";

/** What every component construct derives from the environment before building its objects. */
export interface ComponentIdentity {
  readonly namespace: string;
  /** Object name, `app.kubernetes.io/name` and scrape job: the component's `JOB` name. */
  readonly name: string;
  /** Pinned image (override or default). */
  readonly image: string;
  readonly version: string;
  /** `app.kubernetes.io/*` labels including the version. */
  readonly labels: Record<string, string>;
  /** HTTP port of its Service and container. */
  readonly port: number;
}

/** Name, image, version, labels and port of one component, derived in one place. */
export function componentIdentity(environment: Environment, component: ComponentJob): ComponentIdentity {
  const image = imageFor(environment.settings, component);
  const version = imageVersion(image);
  const name = JOB[component];
  return {
    namespace: environment.settings.namespace,
    name,
    image,
    version,
    labels: componentLabels(environment, name, version),
    port: servicePort(environment.settings, component),
  };
}
