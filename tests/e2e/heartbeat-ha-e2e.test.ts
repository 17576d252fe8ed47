import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HA_REPLICAS } from "../../src/components/high-availability.js";
import { eventually } from "../helpers/eventually.js";
import { freePort, installed, startProcess, type RunningProcess } from "../helpers/processes.js";
import { CaptureReceivers } from "./capture.js";
import { expectHeartbeatCadence, HEARTBEAT_POSTS, HEARTBEAT_TIME_SCALE, postWatchdog, scaledPeerTimeout, writeHeartbeatAlertmanager } from "./heartbeat.js";

const ready = installed("prometheus-alertmanager");
if (!ready) console.warn("SKIPPED heartbeat HA e2e: needs the Debian package prometheus-alertmanager.");

/**
 * The same configuration in the HA trio: three Alertmanager 0.25 peers gossiping on loopback with the
 * deployed peer timeout (15 s, Alertmanager's default), each sent Watchdog as both Prometheus replicas
 * send it to every peer. The peer at position n waits n x the peer timeout and skips what another peer
 * has sent: still one POST per cadence, not one per peer, and not every other flush. The peer timeout
 * is scaled with the route's timers (`HEARTBEAT_TIME_SCALE.trio`): their ratios are what decide.
 */
describe.skipIf(!ready)("heartbeat: Watchdog's cadence at the dead man's switch, the HA Alertmanager trio", () => {
  const dir = mkdtempSync(join(tmpdir(), "nfops-heartbeat-ha-e2e-"));
  const receivers = new CaptureReceivers();
  const peers: { url: string; cluster: number; process?: RunningProcess }[] = [];
  let cadence = 0;

  beforeAll(async () => {
    await receivers.start();
    const { path: config, cadenceSeconds } = writeHeartbeatAlertmanager(dir, receivers, HEARTBEAT_TIME_SCALE.trio);
    cadence = cadenceSeconds;
    for (let i = 0; i < HA_REPLICAS.alertmanager; i++) peers.push({ url: `http://127.0.0.1:${await freePort()}`, cluster: await freePort() });
    peers.forEach((peer, i) => {
      peer.process = startProcess("prometheus-alertmanager", [
        `--config.file=${config}`,
        `--storage.path=${join(dir, `data-${i}`)}`,
        `--web.listen-address=${peer.url.replace("http://", "")}`,
        `--cluster.listen-address=127.0.0.1:${peer.cluster}`,
        `--cluster.advertise-address=127.0.0.1:${peer.cluster}`,
        `--cluster.peer-timeout=${scaledPeerTimeout(HEARTBEAT_TIME_SCALE.trio)}`,
        ...peers.filter((other) => other !== peer).map((other) => `--cluster.peer=127.0.0.1:${other.cluster}`),
      ]);
    });
    await eventually(async () => {
      for (const peer of peers) {
        const status = (await (await fetch(`${peer.url}/api/v2/status`)).json()) as { cluster: { status: string; peers?: unknown[] } };
        expect(status.cluster.peers?.length).toBe(HA_REPLICAS.alertmanager);
        expect(status.cluster.status).toBe("ready");
      }
    }, 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs()}`);
    });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(peers.map((peer) => peer.process?.stop()));
    await receivers.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const logs = () => peers.map((peer, i) => `alertmanager-${i}:\n${peer.process?.output().slice(-1500) ?? ""}`).join("\n");

  it(`GIVEN Watchdog firing in every peer WHEN ${HEARTBEAT_POSTS} heartbeat POSTs arrive THEN every interval between them is the documented figure`, async () => {
    const postedAt = await postWatchdog(peers.map((peer) => peer.url));
    await expectHeartbeatCadence(receivers, cadence, postedAt, logs);
  }, 6 * 60_000);
});
