import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers/eventually.js";
import { freePort, installed, startProcess, type RunningProcess } from "../helpers/processes.js";
import { CaptureReceivers } from "./capture.js";
import { expectHeartbeatCadence, HEARTBEAT_POSTS, HEARTBEAT_TIME_SCALE, postWatchdog, writeHeartbeatAlertmanager } from "./heartbeat.js";

const ready = installed("prometheus-alertmanager");
if (!ready) console.warn("SKIPPED heartbeat e2e: needs the Debian package prometheus-alertmanager.");

/**
 * The generated Alertmanager configuration in the real Alertmanager 0.25 on loopback: Watchdog is
 * posted once (as Prometheus would keep it firing) and the heartbeat webhook's POSTs are timed.
 * Adapted only as every e2e suite is: `url_file` becomes `url` for 0.25, receivers point at a
 * capture server, clustering is off (one Alertmanager), and the Watchdog route's timers run at
 * `HEARTBEAT_TIME_SCALE.single` (their ratios kept, see heartbeat.ts).
 */
describe.skipIf(!ready)("heartbeat: Watchdog's cadence at the dead man's switch, one Alertmanager", () => {
  const dir = mkdtempSync(join(tmpdir(), "nfops-heartbeat-e2e-"));
  const receivers = new CaptureReceivers();
  let alertmanager: RunningProcess | undefined;
  let url = "";
  let cadence = 0;

  beforeAll(async () => {
    await receivers.start();
    const { path: config, cadenceSeconds } = writeHeartbeatAlertmanager(dir, receivers, HEARTBEAT_TIME_SCALE.single);
    cadence = cadenceSeconds;
    url = `http://127.0.0.1:${await freePort()}`;
    alertmanager = startProcess("prometheus-alertmanager", [`--config.file=${config}`, `--storage.path=${join(dir, "data")}`, `--web.listen-address=${url.replace("http://", "")}`, "--cluster.listen-address="]);
    await eventually(async () => expect((await fetch(`${url}/-/ready`)).status).toBe(200), 30_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${alertmanager?.output() ?? ""}`);
    });
  }, 60_000);

  afterAll(async () => {
    await alertmanager?.stop();
    await receivers.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`GIVEN Watchdog firing WHEN ${HEARTBEAT_POSTS} heartbeat POSTs arrive THEN every interval between them is the documented figure`, async () => {
    const postedAt = await postWatchdog([url]);
    await expectHeartbeatCadence(receivers, cadence, postedAt, () => alertmanager?.output().slice(-2000) ?? "");
  }, 6 * 60_000);
});
